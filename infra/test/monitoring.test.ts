import { ENVIRONMENTS, loadConfig } from '../lib/config';
import { build, resources } from './helpers';

describe.each(ENVIRONMENTS)('monitoring in %s', (environment) => {
  const config = loadConfig(environment);
  const b = () => build(environment);

  test('alarms: API 5xx rate and p95 latency; errors, throttles and p95 duration per function; DynamoDB throttles', () => {
    const alarms = Object.values(resources(b(), 'AWS::CloudWatch::Alarm')).map((a) => a.Properties!);
    expect(alarms).toHaveLength(2 + 3 * 3 + 1);
    const metricNames = alarms.map((a) => a['MetricName'] ?? 'expression');
    expect(metricNames.filter((m) => m === 'Errors')).toHaveLength(3);
    expect(metricNames.filter((m) => m === 'Throttles')).toHaveLength(3);
    expect(metricNames.filter((m) => m === 'Duration')).toHaveLength(3);
    expect(alarms.filter((a) => a['MetricName'] === 'Latency' && a['ExtendedStatistic'] === 'p95')).toHaveLength(1);
    const expressions = JSON.stringify(alarms.filter((a) => a['Metrics']));
    expect(expressions).toContain('5xx');
    expect(expressions).toContain('ReadThrottleEvents');
    expect(expressions).toContain('WriteThrottleEvents');
    const [topic] = Object.keys(resources(b(), 'AWS::SNS::Topic'));
    for (const alarm of alarms) expect(alarm['AlarmActions']).toEqual([{ Ref: topic }]);
  });

  test('the alarm topic is encrypted and mails the configured address', () => {
    b().template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: {} });
    const subscriptions = Object.values(resources(b(), 'AWS::SNS::Subscription'));
    expect(subscriptions).toHaveLength(config.alarms.email ? 1 : 0);
  });

  test('a dashboard and three saved Logs Insights queries over the function logs', () => {
    expect(Object.keys(resources(b(), 'AWS::CloudWatch::Dashboard'))).toHaveLength(1);
    const queries = Object.values(resources(b(), 'AWS::Logs::QueryDefinition')).map((q) => q.Properties!);
    expect(queries.map((q) => q['Name']).sort()).toEqual(
      [
        `innovation-hub-${environment}/errors by code`,
        `innovation-hub-${environment}/one correlation id across functions`,
        `innovation-hub-${environment}/slowest requests`,
      ].sort(),
    );
    for (const q of queries) expect(q['LogGroupNames']).toHaveLength(3);
    const text = queries.map((q) => q['QueryString']).join('\n');
    expect(text).toContain('correlation_id');
    expect(text).toContain('duration_ms');
    expect(text).toContain('code');
  });
});
