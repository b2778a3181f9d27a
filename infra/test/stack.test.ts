import { Match } from 'aws-cdk-lib/assertions';
import { ENVIRONMENTS, loadConfig } from '../lib/config';
import { loadTableDefinition } from '../lib/generated';
import { CA_BUNDLE, LAYER_DOCS_DIR } from '../lib/lambda-stack';
import { build, functionLogicalId, resources } from './helpers';

const definition = loadTableDefinition();

describe.each(ENVIRONMENTS)('the %s stack', (environment) => {
  const config = loadConfig(environment);
  const b = () => build(environment);

  test('the table has the generated shape, on demand, with PITR and TTL', () => {
    b().template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: definition.partition_key.name, KeyType: 'HASH' },
        { AttributeName: definition.sort_key!.name, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: definition.ttl_attribute, Enabled: true },
      GlobalSecondaryIndexes: definition.global_secondary_indexes.map((index) =>
        Match.objectLike({
          IndexName: index.name,
          KeySchema: [
            { AttributeName: index.partition_key.name, KeyType: 'HASH' },
            { AttributeName: index.sort_key!.name, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: index.projection },
        }),
      ),
    });
  });

  test('the table is protected and retained outside dev', () => {
    const tables = Object.values(resources(b(), 'AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(1);
    const table = tables[0] as { DeletionPolicy?: string; Properties: { DeletionProtectionEnabled?: boolean } };
    expect(table.Properties.DeletionProtectionEnabled ?? false).toBe(config.deletionProtection);
    expect(table.DeletionPolicy).toBe(config.deletionProtection ? 'Retain' : 'Delete');
  });

  test('three functions: provided.al2023, x86_64, bootstrap, the layers, active tracing, configured size', () => {
    const layers = Object.keys(resources(b(), 'AWS::Lambda::LayerVersion'));
    expect(layers).toHaveLength(2);
    const common = layers.find((id) => id.startsWith('CommonLayer'));
    const docs = layers.find((id) => id.startsWith('DocsLayer'));
    for (const name of ['health', 'users', 'auth'] as const) {
      const fn = b().template.toJSON().Resources[functionLogicalId(b(), name)];
      expect(fn.Properties).toMatchObject({
        Runtime: 'provided.al2023',
        Architectures: ['x86_64'],
        Handler: 'bootstrap',
        Layers: name === 'health' ? [{ Ref: common }, { Ref: docs }] : [{ Ref: common }],
        TracingConfig: { Mode: 'Active' },
        MemorySize: config.functions[name].memoryMb,
        Timeout: config.functions[name].timeoutSeconds,
      });
      const env = fn.Properties.Environment.Variables;
      expect(env).toMatchObject({
        HUB_ENV: environment,
        HUB_CA_BUNDLE: CA_BUNDLE,
        LOG_LEVEL: config.functionEnvironment['LOG_LEVEL'],
        HUB_RATE_LIMITS: config.functionEnvironment['HUB_RATE_LIMITS'],
        CORS_ALLOWED_ORIGINS: config.corsAllowedOrigins.join(','),
      });
      for (const variable of ['HUB_TABLE_NAME', 'COGNITO_USER_POOL_ID', 'COGNITO_APP_CLIENT_IDS']) {
        expect(env[variable]).toBeDefined();
      }
      expect(env['HUB_DOCS_DIR']).toBe(name === 'health' ? LAYER_DOCS_DIR : undefined);
      expect(env['HUB_PAGINATION_KEY'] !== undefined).toBe(name === 'users');
    }
  });

  test('the users function reads the pagination key from Secrets Manager', () => {
    const fn = b().template.toJSON().Resources[functionLogicalId(b(), 'users')];
    const secret = Object.keys(resources(b(), 'AWS::SecretsManager::Secret'))[0];
    expect(fn.Properties.Environment.Variables.HUB_PAGINATION_KEY).toEqual({
      'Fn::Join': ['', ['secretsmanager:', { Ref: secret }]],
    });
  });

  test('every log group keeps its logs for the configured days', () => {
    const groups = Object.values(resources(b(), 'AWS::Logs::LogGroup'));
    expect(groups).toHaveLength(4); // three functions and the API's access logs
    for (const group of groups) expect(group.Properties?.['RetentionInDays']).toBe(config.logRetentionDays);
  });

  test('the user pool: no self sign-up, strong passwords, the role groups', () => {
    b().template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: !config.userPool.selfSignUp },
      Policies: {
        PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true, RequireNumbers: true }),
      },
      DeletionProtection: config.deletionProtection ? 'ACTIVE' : 'INACTIVE',
    });
    const groups = Object.values(resources(b(), 'AWS::Cognito::UserPoolGroup')).map((g) => g.Properties?.['GroupName']);
    expect(groups.sort()).toEqual(['admin', 'editor', 'member']);
  });

  test('outputs: API URL, user pool id, client id, table name', () => {
    const outputs = Object.keys(b().template.toJSON().Outputs);
    expect(outputs).toEqual(expect.arrayContaining(['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'TableName']));
  });
});
