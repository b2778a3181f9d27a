// CloudWatch Logs Insights queries saved with the stack, over the functions' log groups. The
// functions write one JSON object a line with Powertools' field names (backend/src/core/log.cpp;
// the access line is message "request" with method, route, status, duration_ms).
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

export interface LogQueriesProps {
  readonly prefix: string;
  readonly logGroups: readonly logs.ILogGroup[];
}

export const LOG_QUERIES = {
  errorsByCode: new logs.QueryString({
    fields: ['@timestamp', 'level', 'code', 'error_type', 'message', 'function_name'],
    filterStatements: ['level in ["ERROR", "CRITICAL"] or ispresent(code)'],
    statsStatements: ['count(*) as occurrences by coalesce(code, error_type, message) as what, level, function_name'],
    sort: 'occurrences desc',
  }),
  slowestRequests: new logs.QueryString({
    fields: ['@timestamp', 'method', 'route', 'status', 'duration_ms', 'request_id', 'correlation_id', 'xray_trace_id'],
    filterStatements: ['message = "request"'],
    sort: 'duration_ms desc',
    limit: 50,
  }),
  correlationJourney: new logs.QueryString({
    fields: [
      '@timestamp',
      'function_name',
      'level',
      'message',
      'route',
      'status',
      'duration_ms',
      'code',
      'request_id',
      'function_request_id',
      'xray_trace_id',
    ],
    // Replace the id with the X-Correlation-Id a client saw.
    filterStatements: ['correlation_id = "paste-the-correlation-id"'],
    sort: '@timestamp asc',
    limit: 1000,
  }),
};

export class LogQueries extends Construct {
  constructor(scope: Construct, id: string, props: LogQueriesProps) {
    super(scope, id);
    const names: Record<keyof typeof LOG_QUERIES, string> = {
      errorsByCode: 'errors by code',
      slowestRequests: 'slowest requests',
      correlationJourney: 'one correlation id across functions',
    };
    for (const [key, queryString] of Object.entries(LOG_QUERIES) as [keyof typeof LOG_QUERIES, logs.QueryString][]) {
      new logs.QueryDefinition(this, key, {
        queryDefinitionName: `${props.prefix}/${names[key]}`,
        queryString,
        logGroups: [...props.logGroups],
      });
    }
  }
}
