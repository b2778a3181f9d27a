import { build, resources } from './helpers';

type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

// Every statement of the policies attached to one function's role.
function statementsOf(name: 'health' | 'users' | 'auth'): Statement[] {
  const b = build('prod');
  const role = b.stack.getLogicalId(b.stack.functions[name].role.node.defaultChild as import('aws-cdk-lib').CfnElement);
  const policies = Object.values(resources(b, 'AWS::IAM::Policy')).filter((p) =>
    (p.Properties?.['Roles'] as { Ref: string }[]).some((r) => r.Ref === role),
  );
  return policies.flatMap((p) => (p.Properties?.['PolicyDocument'] as { Statement: Statement[] }).Statement);
}

function actions(statements: Statement[]): string[] {
  return statements.flatMap((s) => (Array.isArray(s.Action) ? s.Action : [s.Action])).sort();
}

const table = () => {
  const b = build('prod');
  return Object.keys(resources(b, 'AWS::DynamoDB::Table'))[0]!;
};
const tableArn = () => ({ 'Fn::GetAtt': [table(), 'Arn'] });
const OBSERVABILITY = ['logs:CreateLogStream', 'logs:PutLogEvents', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'];

function nonObservability(statements: Statement[]): Statement[] {
  return statements.filter((s) => !actions([s]).every((a) => OBSERVABILITY.includes(a)));
}

describe('least privilege per function', () => {
  test('health: DescribeTable, UpdateItem (rate counters) and Query (the roles of a /metrics caller), on the table only', () => {
    const own = nonObservability(statementsOf('health'));
    expect(actions(own)).toEqual(['dynamodb:DescribeTable', 'dynamodb:Query', 'dynamodb:UpdateItem']);
    for (const s of own) expect(s.Resource).toEqual(tableArn());
  });

  test('auth: the caller roles (Query) and rate counters (UpdateItem), on the table only', () => {
    const own = nonObservability(statementsOf('auth'));
    expect(actions(own)).toEqual(['dynamodb:Query', 'dynamodb:UpdateItem']);
    for (const s of own) expect(s.Resource).toEqual(tableArn());
  });

  test('users: item operations on the table and its indexes, the pool groups, the pagination key', () => {
    const own = nonObservability(statementsOf('users'));
    const dynamo = own.filter((s) => actions([s]).every((a) => a.startsWith('dynamodb:')));
    expect(actions(dynamo)).toEqual(
      [
        'dynamodb:BatchGetItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:DeleteItem',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:UpdateItem',
      ].sort(),
    );
    for (const s of dynamo) {
      expect(s.Resource).toEqual([tableArn(), { 'Fn::Join': ['', [tableArn(), '/index/*']] }]);
    }
    const cognito = own.filter((s) => actions([s]).every((a) => a.startsWith('cognito-idp:')));
    expect(actions(cognito)).toEqual(
      ['cognito-idp:AdminAddUserToGroup', 'cognito-idp:AdminListGroupsForUser', 'cognito-idp:AdminRemoveUserFromGroup', 'cognito-idp:ListUsers'].sort(),
    );
    const secrets = own.filter((s) => actions([s]).every((a) => a.startsWith('secretsmanager:')));
    expect(actions(secrets)).toEqual(['secretsmanager:GetSecretValue']);
    expect(own).toHaveLength(dynamo.length + cognito.length + secrets.length);
  });

  test('no function may do anything on "*" but write traces', () => {
    for (const name of ['health', 'users', 'auth'] as const) {
      for (const s of statementsOf(name).filter((st) => st.Resource === '*')) {
        expect(actions([s]).every((a) => a.startsWith('xray:'))).toBe(true);
      }
    }
  });

  test('logs go to the function own log group only', () => {
    const b = build('prod');
    for (const name of ['health', 'users', 'auth'] as const) {
      const group = b.stack.getLogicalId(b.stack.functions[name].logGroup.node.defaultChild as import('aws-cdk-lib').CfnElement);
      const logs = statementsOf(name).filter((s) => actions([s]).some((a) => a.startsWith('logs:')));
      expect(logs).toHaveLength(1);
      expect(logs[0]!.Resource).toEqual({ 'Fn::GetAtt': [group, 'Arn'] });
    }
  });
});
