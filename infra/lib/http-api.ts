// The HTTP API: every route of generated/routes.json on the function that serves it, the Lambda
// authorizer (bootstrap-auth) on the routes that need a signed-in caller, CORS, throttling of the
// default stage and JSON access logs.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaAuthorizer, HttpLambdaResponseType } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FunctionName, HubConfig } from './config';
import { RouteDefinition } from './generated';

// What the backend's CORS middleware allows and exposes (backend/src/middleware/cors.hpp).
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'If-Match', 'If-None-Match', 'X-Request-Id', 'X-Correlation-Id'];
export const CORS_EXPOSED_HEADERS = ['ETag', 'Location', 'Retry-After', 'RateLimit', 'RateLimit-Policy', 'X-Request-Id', 'X-Correlation-Id'];

// One JSON object per request ($context variables of HTTP APIs).
export const ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  requestId: '$context.requestId',
  extendedRequestId: '$context.extendedRequestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  userAgent: '$context.identity.userAgent',
  httpMethod: '$context.httpMethod',
  path: '$context.path',
  routeKey: '$context.routeKey',
  protocol: '$context.protocol',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  errorMessage: '$context.error.message',
  authorizerError: '$context.authorizer.error',
  userId: '$context.authorizer.user_id',
};

export interface HubHttpApiProps {
  readonly config: HubConfig;
  readonly routes: readonly RouteDefinition[];
  readonly functions: Readonly<Record<FunctionName, lambda.IFunction>>;
  readonly logRetention: logs.RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

export class HubHttpApi extends Construct {
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly accessLogs: logs.LogGroup;
  readonly routes: apigwv2.HttpRoute[] = [];

  constructor(scope: Construct, id: string, props: HubHttpApiProps) {
    super(scope, id);
    const { config } = props;
    this.api = new apigwv2.HttpApi(this, 'Api', {
      description: `Innovation Hub API (${config.environment})`,
      createDefaultStage: false,
      ...(config.corsAllowedOrigins.length > 0
        ? {
            corsPreflight: {
              allowOrigins: [...config.corsAllowedOrigins],
              allowMethods: [
                apigwv2.CorsHttpMethod.GET,
                apigwv2.CorsHttpMethod.POST,
                apigwv2.CorsHttpMethod.PUT,
                apigwv2.CorsHttpMethod.PATCH,
                apigwv2.CorsHttpMethod.DELETE,
                apigwv2.CorsHttpMethod.OPTIONS,
              ],
              allowHeaders: CORS_ALLOWED_HEADERS,
              exposeHeaders: CORS_EXPOSED_HEADERS,
              maxAge: Duration.seconds(config.corsMaxAgeSeconds),
            },
          }
        : {}),
    });
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      removalPolicy: props.removalPolicy,
    });
    this.stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: config.throttling.rateLimit, burstLimit: config.throttling.burstLimit },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    // API Gateway asks bootstrap-auth before calling a protected route (docs/auth.md): payload 2.0,
    // a simple {isAuthorized, context} answer, cached no longer than the functions' role cache.
    const authorizer = new HttpLambdaAuthorizer('Authorizer', props.functions.auth, {
      authorizerName: 'bootstrap-auth',
      responseTypes: [HttpLambdaResponseType.SIMPLE],
      identitySource: ['$request.header.Authorization'],
      resultsCacheTtl: Duration.seconds(config.authorizerCacheSeconds),
    });
    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    const integration = (name: FunctionName): HttpLambdaIntegration => {
      let found = integrations.get(name);
      if (!found) {
        found = new HttpLambdaIntegration(`${name}-integration`, props.functions[name], {
          payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
        });
        integrations.set(name, found);
      }
      return found;
    };
    for (const route of props.routes) {
      this.routes.push(
        new apigwv2.HttpRoute(this, `Route ${route.method} ${route.path.replace(/\//g, '_')}`, {
          httpApi: this.api,
          routeKey: apigwv2.HttpRouteKey.with(route.path, route.method as apigwv2.HttpMethod),
          integration: integration(route.function),
          ...(route.authorizer ? { authorizer } : {}),
        }),
      );
    }
  }

  /** The API's base URL (the $default stage). */
  get url(): string {
    return this.stage.url;
  }
}
