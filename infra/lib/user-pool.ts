// The Cognito user pool whose tokens the API trusts, its app client and the role groups the
// backend mirrors roles into (admin, editor, member; docs/auth.md).
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { UserPoolSettings } from './config';

export const ROLE_GROUPS = ['admin', 'editor', 'member'] as const;

export interface HubUserPoolProps {
  readonly settings: UserPoolSettings;
  readonly deletionProtection: boolean;
}

const THREAT_PROTECTION: Record<UserPoolSettings['threatProtection'], cognito.StandardThreatProtectionMode> = {
  ENFORCED: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
  AUDIT: cognito.StandardThreatProtectionMode.AUDIT_ONLY,
  OFF: cognito.StandardThreatProtectionMode.NO_ENFORCEMENT,
};

export class HubUserPool extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;

  constructor(scope: Construct, id: string, props: HubUserPoolProps) {
    super(scope, id);
    const { settings } = props;
    const plus = settings.threatProtection !== 'OFF';
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: settings.selfSignUp,
      signInAliases: { email: true },
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: settings.mfa === 'REQUIRED' ? cognito.Mfa.REQUIRED : cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: plus ? cognito.FeaturePlan.PLUS : cognito.FeaturePlan.ESSENTIALS,
      ...(plus ? { standardThreatProtectionMode: THREAT_PROTECTION[settings.threatProtection] } : {}),
      deletionProtection: props.deletionProtection,
      removalPolicy: props.deletionProtection ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.client = this.userPool.addClient('AppClient', {
      // A browser or mobile app: it cannot keep a secret.
      generateSecret: false,
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
    });
    ROLE_GROUPS.forEach((group, precedence) => {
      new cognito.CfnUserPoolGroup(this, `Group-${group}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group,
        precedence,
        description: `Holders of the ${group} role (mirrored from the table by the users function and hubctl roles)`,
      });
    });
  }
}
