// The whole backend of one environment: table, user pool, pagination key, the three functions on
// the common layer, the HTTP API, alarms, dashboard and saved log queries.
import { CfnOutput, RemovalPolicy, Stack, StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { FUNCTION_NAMES, FunctionName, HubConfig } from './config';
import { RouteDefinition, TableDefinition } from './generated';
import { HubFunction } from './hub-function';
import { HubHttpApi } from './http-api';
import { LogQueries } from './log-queries';
import { Monitoring } from './monitoring';
import { suppressJustifiedFindings } from './nag-suppressions';
import { PackageAssets } from './package-assets';
import { FUNCTION_GRANTS, grantFunction } from './permissions';
import { HubTable } from './table';
import { HubUserPool } from './user-pool';

/** Where the docs layer puts Swagger UI (/opt is where Lambda mounts layers). */
export const LAYER_DOCS_DIR = '/opt/share/docs-ui';
/** Amazon Linux 2023's CA bundle, which libcurl verifies AWS's certificates with. */
export const CA_BUNDLE = '/etc/pki/tls/certs/ca-bundle.crt';

export interface LambdaStackProps extends StackProps {
  readonly config: HubConfig;
  readonly assets: PackageAssets;
  readonly tableDefinition: TableDefinition;
  readonly routes: readonly RouteDefinition[];
}

export class LambdaStack extends Stack {
  readonly functions: Record<FunctionName, HubFunction>;
  readonly httpApi: HubHttpApi;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: LambdaStackProps) {
    super(scope, id, props);
    const { config } = props;
    const removalPolicy = config.deletionProtection ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const logRetention = config.logRetentionDays as logs.RetentionDays;

    const table = new HubTable(this, 'Data', {
      definition: props.tableDefinition,
      deletionProtection: config.deletionProtection,
    }).table;
    const users = new HubUserPool(this, 'Users', {
      settings: config.userPool,
      deletionProtection: config.deletionProtection,
    });
    const paginationKey = new secretsmanager.Secret(this, 'PaginationKey', {
      description: 'Signs pagination cursors (HUB_PAGINATION_KEY); rotating it invalidates cursors in flight',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy,
    });
    const layer = new lambda.LayerVersion(this, 'CommonLayer', {
      code: lambda.Code.fromAsset(props.assets.layerZip),
      compatibleRuntimes: [lambda.Runtime.PROVIDED_AL2023],
      compatibleArchitectures: [lambda.Architecture.X86_64],
      description: 'Shared libraries and dynamic loader of the Innovation Hub functions',
    });
    const docsLayer = new lambda.LayerVersion(this, 'DocsLayer', {
      code: lambda.Code.fromAsset(props.assets.docsLayerZip),
      compatibleRuntimes: [lambda.Runtime.PROVIDED_AL2023],
      compatibleArchitectures: [lambda.Architecture.X86_64],
      description: 'Swagger UI for GET /docs (the health function)',
    });
    const ownLayers: Record<FunctionName, lambda.ILayerVersion[]> = {
      health: [layer, docsLayer],
      users: [layer],
      auth: [layer],
    };

    const common: Record<string, string> = {
      ...config.functionEnvironment,
      HUB_ENV: config.environment,
      HUB_TABLE_NAME: table.tableName,
      COGNITO_USER_POOL_ID: users.userPool.userPoolId,
      COGNITO_APP_CLIENT_IDS: users.client.userPoolClientId,
      CORS_MAX_AGE_SECONDS: String(config.corsMaxAgeSeconds),
      HUB_CA_BUNDLE: CA_BUNDLE,
      ...(config.corsAllowedOrigins.length > 0 ? { CORS_ALLOWED_ORIGINS: config.corsAllowedOrigins.join(',') } : {}),
    };
    const ownEnvironment: Record<FunctionName, Record<string, string>> = {
      health: { HUB_DOCS_DIR: LAYER_DOCS_DIR },
      users: { HUB_PAGINATION_KEY: `secretsmanager:${paginationKey.secretArn}` },
      auth: {},
    };
    const functions = {} as Record<FunctionName, HubFunction>;
    for (const name of FUNCTION_NAMES) {
      functions[name] = new HubFunction(this, `Function-${name}`, {
        name,
        zip: props.assets.functionZips[name],
        layers: ownLayers[name],
        settings: config.functions[name],
        environment: { ...common, ...ownEnvironment[name] },
        logRetention,
        removalPolicy,
      });
      grantFunction(functions[name].role, FUNCTION_GRANTS[name], { table, userPool: users.userPool, paginationKey });
    }
    this.functions = functions;
    const lambdas = {
      health: functions.health.function,
      users: functions.users.function,
      auth: functions.auth.function,
    };

    this.httpApi = new HubHttpApi(this, 'Http', {
      config,
      routes: props.routes,
      functions: lambdas,
      logRetention,
      removalPolicy,
    });
    this.monitoring = new Monitoring(this, 'Monitoring', {
      config,
      api: this.httpApi.api,
      functions: lambdas,
      table,
      tableDefinition: props.tableDefinition,
      removalPolicy,
    });
    new LogQueries(this, 'LogQueries', {
      prefix: `innovation-hub-${config.environment}`,
      logGroups: FUNCTION_NAMES.map((name) => functions[name].logGroup),
    });

    new CfnOutput(this, 'ApiUrl', { value: this.httpApi.url, description: 'Base URL of the API' });
    new CfnOutput(this, 'UserPoolId', { value: users.userPool.userPoolId, description: 'COGNITO_USER_POOL_ID' });
    new CfnOutput(this, 'UserPoolClientId', { value: users.client.userPoolClientId, description: 'The app client id' });
    new CfnOutput(this, 'TableName', { value: table.tableName, description: 'HUB_TABLE_NAME' });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.monitoring.topic.topicArn, description: 'Where alarms go' });
    new CfnOutput(this, 'PaginationKeySecretArn', { value: paginationKey.secretArn, description: 'HUB_PAGINATION_KEY' });

    suppressJustifiedFindings({
      functions: FUNCTION_NAMES.map((name) => functions[name]),
      userPool: users.userPool,
      paginationKey,
      config,
      httpApi: this.httpApi,
    });
  }
}
