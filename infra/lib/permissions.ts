// What each function may do beyond writing its logs and traces: exactly what its routes call
// (backend/src/aws, data/, apps/common/cognito_*). Every function counts requests for rate
// limiting with UpdateItem on the table (rate_limit_store).
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { FunctionName } from './config';

export interface FunctionGrants {
  /** DynamoDB actions on the table (and, when `indexes`, its indexes). */
  readonly tableActions: readonly string[];
  readonly indexes: boolean;
  readonly cognitoActions: readonly string[];
  /** Reads the pagination signing key (signs cursors). */
  readonly paginationKey: boolean;
}

export const FUNCTION_GRANTS: Readonly<Record<FunctionName, FunctionGrants>> = {
  // GET /health's storage check and /metrics' table figures (DescribeTable); request counters;
  // /metrics needs a signed-in caller whose roles are read from the table (Query on the user's
  // partition, through the role cache).
  health: {
    tableActions: ['dynamodb:DescribeTable', 'dynamodb:UpdateItem', 'dynamodb:Query'],
    indexes: false,
    cognitoActions: [],
    paginationKey: false,
  },
  // Profiles, preferences, roles, activity and feedback: single items, queries (table and GSIs),
  // batches and transactions (TransactWriteItems is authorized per item: Put/Update/Delete/
  // ConditionCheckItem). Role changes are mirrored to the Cognito groups; the directory finds
  // users by sub (ListUsers).
  users: {
    tableActions: [
      'dynamodb:GetItem',
      'dynamodb:PutItem',
      'dynamodb:UpdateItem',
      'dynamodb:DeleteItem',
      'dynamodb:ConditionCheckItem',
      'dynamodb:Query',
      'dynamodb:BatchGetItem',
      'dynamodb:BatchWriteItem',
    ],
    indexes: true,
    cognitoActions: [
      'cognito-idp:ListUsers',
      'cognito-idp:AdminListGroupsForUser',
      'cognito-idp:AdminAddUserToGroup',
      'cognito-idp:AdminRemoveUserFromGroup',
    ],
    paginationKey: true,
  },
  // The authorizer and GET /auth/session: the caller's roles (Query on the user's partition) and
  // request counters. Tokens are checked against the pool's public keys (no IAM).
  auth: {
    tableActions: ['dynamodb:Query', 'dynamodb:UpdateItem'],
    indexes: false,
    cognitoActions: [],
    paginationKey: false,
  },
};

export interface GrantTargets {
  readonly table: dynamodb.ITable;
  readonly userPool: cognito.IUserPool;
  readonly paginationKey: secretsmanager.ISecret;
}

export function grantFunction(role: iam.IRole, grants: FunctionGrants, targets: GrantTargets): void {
  const tableResources = [targets.table.tableArn];
  if (grants.indexes) tableResources.push(`${targets.table.tableArn}/index/*`);
  role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: [...grants.tableActions], resources: tableResources }));
  if (grants.cognitoActions.length > 0) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({ actions: [...grants.cognitoActions], resources: [targets.userPool.userPoolArn] }),
    );
  }
  if (grants.paginationKey) {
    role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['secretsmanager:GetSecretValue'],
        resources: [targets.paginationKey.secretArn],
      }),
    );
  }
}
