// Alarms (API 5xx rate and p95 latency; each function's errors, throttles and p95 duration;
// DynamoDB throttling) sent to one SNS topic, and a dashboard of the same figures.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';
import { AlarmSettings, FunctionName, HubConfig } from './config';
import { TableDefinition } from './generated';

export interface MonitoringProps {
  readonly config: HubConfig;
  readonly api: apigwv2.HttpApi;
  readonly functions: Readonly<Record<FunctionName, lambda.IFunction>>;
  readonly table: dynamodb.ITable;
  readonly tableDefinition: TableDefinition;
  readonly removalPolicy: RemovalPolicy;
}

export class Monitoring extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;
  private readonly settings: AlarmSettings;
  private readonly period: Duration;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    this.settings = props.config.alarms;
    this.period = Duration.minutes(this.settings.periodMinutes);

    // Encrypted with a key of our own: CloudWatch cannot publish to a topic under the AWS-managed SNS key.
    const key = new kms.Key(this, 'TopicKey', {
      description: `Innovation Hub alarm topic (${props.config.environment})`,
      enableKeyRotation: true,
      removalPolicy: props.removalPolicy,
    });
    key.grant(new iam.ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');
    this.topic = new sns.Topic(this, 'AlarmTopic', {
      displayName: `Innovation Hub alarms (${props.config.environment})`,
      masterKey: key,
      enforceSSL: true,
    });
    if (this.settings.email) this.topic.addSubscription(new subscriptions.EmailSubscription(this.settings.email));

    const api = this.apiMetrics(props.api);
    this.alarm('Api5xxRate', api.errorRate, this.settings.api5xxRatePercent, 'API 5xx responses, % of requests');
    this.alarm('ApiLatencyP95', api.latencyP95, this.settings.apiLatencyP95Ms, 'API p95 latency (ms)');
    const functionWidgets: cloudwatch.IWidget[] = [];
    for (const [name, fn] of Object.entries(props.functions) as [FunctionName, lambda.IFunction][]) {
      const errors = fn.metricErrors({ period: this.period, statistic: cloudwatch.Stats.SUM });
      const throttles = fn.metricThrottles({ period: this.period, statistic: cloudwatch.Stats.SUM });
      const duration = fn.metricDuration({ period: this.period, statistic: cloudwatch.Stats.p(95) });
      this.alarm(`${name}-Errors`, errors, this.settings.lambdaErrors, `bootstrap-${name} errors`);
      this.alarm(`${name}-Throttles`, throttles, this.settings.lambdaThrottles, `bootstrap-${name} throttled invocations`);
      this.alarm(`${name}-DurationP95`, duration, this.settings.lambdaDurationP95Ms, `bootstrap-${name} p95 duration (ms)`);
      functionWidgets.push(
        new cloudwatch.GraphWidget({
          title: `bootstrap-${name}`,
          left: [fn.metricInvocations({ period: this.period }), errors, throttles],
          right: [duration],
          width: 8,
        }),
      );
    }
    const throttled = this.tableThrottles(props.table, props.tableDefinition);
    this.alarm('DynamoDbThrottles', throttled, this.settings.dynamoDbThrottles, 'DynamoDB throttled requests (table and indexes)');

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `innovation-hub-${props.config.environment}`,
      widgets: [
        [
          new cloudwatch.GraphWidget({ title: 'API requests and errors', left: [api.count, api.errors4xx, api.errors5xx], width: 12 }),
          new cloudwatch.GraphWidget({ title: 'API latency', left: [api.latencyP50, api.latencyP95], width: 12 }),
        ],
        functionWidgets,
        [
          new cloudwatch.GraphWidget({
            title: 'DynamoDB capacity consumed',
            left: [
              props.table.metricConsumedReadCapacityUnits({ period: this.period }),
              props.table.metricConsumedWriteCapacityUnits({ period: this.period }),
            ],
            width: 12,
          }),
          new cloudwatch.GraphWidget({ title: 'DynamoDB throttled requests', left: [throttled], width: 12 }),
        ],
        [new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 24 })],
      ],
    });
  }

  private apiMetrics(api: apigwv2.HttpApi) {
    const period = this.period;
    const count = api.metricCount({ period, statistic: cloudwatch.Stats.SUM });
    const errors5xx = api.metricServerError({ period, statistic: cloudwatch.Stats.SUM });
    return {
      count,
      errors5xx,
      errors4xx: api.metricClientError({ period, statistic: cloudwatch.Stats.SUM }),
      latencyP50: api.metricLatency({ period, statistic: cloudwatch.Stats.p(50) }),
      latencyP95: api.metricLatency({ period, statistic: cloudwatch.Stats.p(95) }),
      errorRate: new cloudwatch.MathExpression({
        expression: 'IF(requests > 0, 100 * errors / requests, 0)',
        usingMetrics: { requests: count, errors: errors5xx },
        label: 'API 5xx %',
        period,
      }),
    };
  }

  // Read and write throttle events of the table and of each index.
  private tableThrottles(table: dynamodb.ITable, definition: TableDefinition): cloudwatch.IMetric {
    const metrics: Record<string, cloudwatch.IMetric> = {};
    const scopes: Record<string, string>[] = [{ TableName: table.tableName }];
    for (const index of definition.global_secondary_indexes) {
      scopes.push({ TableName: table.tableName, GlobalSecondaryIndexName: index.name });
    }
    scopes.forEach((dimensionsMap, i) => {
      for (const metricName of ['ReadThrottleEvents', 'WriteThrottleEvents']) {
        metrics[`${metricName === 'ReadThrottleEvents' ? 'r' : 'w'}${i}`] = new cloudwatch.Metric({
          namespace: 'AWS/DynamoDB',
          metricName,
          dimensionsMap,
          statistic: cloudwatch.Stats.SUM,
          period: this.period,
        });
      }
    });
    return new cloudwatch.MathExpression({
      expression: Object.keys(metrics)
        .map((k) => `FILL(${k}, 0)`)
        .join(' + '),
      usingMetrics: metrics,
      label: 'DynamoDB throttle events',
      period: this.period,
    });
  }

  private alarm(id: string, metric: cloudwatch.IMetric, threshold: number, what: string): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: this.settings.evaluationPeriods,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `${what} at or above ${threshold} (docs/deployment.md, "Alarms")`,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    alarm.addOkAction(new actions.SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
