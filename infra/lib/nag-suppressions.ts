// The cdk-nag AwsSolutions findings this stack accepts, each with the reason it is right here.
// Everything else is an error at synth (bin/app.ts) and fails test/nag.test.ts.
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { NagSuppressions } from 'cdk-nag';
import { HubConfig } from './config';
import { HubFunction } from './hub-function';
import { HubHttpApi } from './http-api';

export interface SuppressionTargets {
  readonly functions: readonly HubFunction[];
  readonly userPool: cognito.UserPool;
  readonly paginationKey: secretsmanager.Secret;
  readonly config: HubConfig;
  readonly httpApi: HubHttpApi;
}

export function suppressJustifiedFindings(targets: SuppressionTargets): void {
  for (const fn of targets.functions) {
    NagSuppressions.addResourceSuppressions(
      fn.role,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'X-Ray (tracing: Active) has no resource-level permissions: xray:PutTraceSegments and ' +
            'xray:PutTelemetryRecords can only be granted on "*".',
          appliesTo: ['Resource::*'],
        },
        {
          id: 'AwsSolutions-IAM5',
          reason:
            "The users function queries the table's global secondary indexes (GSI1, GSI2: listings by " +
            'role, activity and feedback); index ARNs are the table ARN + /index/<name>, and every index of ' +
            'this one table is the same data the function already owns.',
          appliesTo: [{ regex: '/^Resource::<.*Table.*\\.Arn>\\/index\\/\\*$/g' }],
        },
      ],
      true,
    );
  }
  // Public routes (GET /health, /version, /metrics, /openapi.json, /docs...) are public by design:
  // generated/routes.json marks them authorizer=false because the backend declares them public.
  // Every route that needs a caller has the Lambda authorizer (test/api.test.ts proves both).
  for (const route of targets.httpApi.routes) {
    const cfn = route.node.defaultChild as { authorizationType?: string } | undefined;
    if (cfn?.authorizationType === undefined || cfn.authorizationType === 'NONE') {
      NagSuppressions.addResourceSuppressions(route, [
        {
          id: 'AwsSolutions-APIG4',
          reason:
            'The backend declares this route public (Access::public_route, generated/routes.json ' +
            'authorizer=false): health checks, the API description and its docs page need no caller.',
        },
      ]);
    }
  }
  NagSuppressions.addResourceSuppressions(targets.paginationKey, [
    {
      id: 'AwsSolutions-SMG4',
      reason:
        'The pagination key only signs list cursors (HMAC); rotating it invalidates every cursor in ' +
        "flight, so it is rotated by hand (docs/deployment.md, 'Rotating the pagination key') rather " +
        'than by a rotation Lambda on a schedule.',
    },
  ]);
  if (targets.config.userPool.mfa !== 'REQUIRED') {
    NagSuppressions.addResourceSuppressions(targets.userPool, [
      {
        id: 'AwsSolutions-COG2',
        reason:
          `MFA is OPTIONAL in ${targets.config.environment} (config userPool.mfa): members of partner ` +
          'organisations sign in from shared devices without authenticator apps; TOTP is offered to all ' +
          'and staff are asked to enable it. Set "REQUIRED" in the config to enforce it.',
      },
    ]);
  }
  if (targets.config.userPool.threatProtection !== 'ENFORCED') {
    NagSuppressions.addResourceSuppressions(targets.userPool, [
      {
        id: 'AwsSolutions-COG3',
        reason:
          `Threat protection is ${targets.config.userPool.threatProtection} in ${targets.config.environment} ` +
          '(config userPool.threatProtection): it needs the Cognito Plus plan, billed per monthly active ' +
          'user; production enforces it, non-production environments hold test users only.',
      },
    ]);
  }
}
