import * as fs from 'fs';
import * as path from 'path';
import { ENVIRONMENTS, loadConfig } from '../lib/config';
import { loadRoutes } from '../lib/generated';
import { ACCESS_LOG_FIELDS } from '../lib/http-api';
import { build, functionLogicalId, resources } from './helpers';

const routes = loadRoutes();

describe.each(ENVIRONMENTS)('the %s HTTP API', (environment) => {
  const config = loadConfig(environment);
  const b = () => build(environment);

  // integration logical id -> the function it calls
  function integrationTargets(): Map<string, string> {
    const byFunction = new Map<string, string>();
    for (const name of ['health', 'users', 'auth']) byFunction.set(functionLogicalId(b(), name), name);
    const targets = new Map<string, string>();
    for (const [id, integration] of Object.entries(resources(b(), 'AWS::ApiGatewayV2::Integration'))) {
      const uri = integration.Properties?.['IntegrationUri'] as { 'Fn::GetAtt': [string, string] };
      expect(integration.Properties?.['PayloadFormatVersion']).toBe('2.0');
      targets.set(id, byFunction.get(uri['Fn::GetAtt'][0])!);
    }
    return targets;
  }

  test('every generated route is there, on the function that serves it, with the authorizer exactly where needed', () => {
    const targets = integrationTargets();
    const [authorizerId] = Object.keys(resources(b(), 'AWS::ApiGatewayV2::Authorizer'));
    const deployed = new Map<string, { function: string; authorizer: boolean }>();
    for (const route of Object.values(resources(b(), 'AWS::ApiGatewayV2::Route'))) {
      const p = route.Properties!;
      const integration = (p['Target'] as { 'Fn::Join': [string, [string, { Ref: string }]] })['Fn::Join'][1][1].Ref;
      const guarded = p['AuthorizationType'] === 'CUSTOM';
      if (guarded) expect(p['AuthorizerId']).toEqual({ Ref: authorizerId });
      deployed.set(p['RouteKey'] as string, { function: targets.get(integration)!, authorizer: guarded });
    }
    const expected = new Map(routes.map((r) => [`${r.method} ${r.path}`, { function: r.function, authorizer: r.authorizer }]));
    expect(deployed).toEqual(expected);
  });

  test('every operation of docs/openapi.json is routed', () => {
    const description = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'openapi.json'), 'utf8'));
    const keys = new Set(Object.values(resources(b(), 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties!['RouteKey']));
    for (const [p, item] of Object.entries(description.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(item)) expect(keys).toContain(`${method.toUpperCase()} ${p}`);
    }
  });

  test('the Lambda authorizer: bootstrap-auth, payload 2.0, simple responses, cached no longer than the role cache', () => {
    b().template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      AuthorizerPayloadFormatVersion: '2.0',
      EnableSimpleResponses: true,
      IdentitySource: ['$request.header.Authorization'],
      AuthorizerResultTtlInSeconds: config.authorizerCacheSeconds,
    });
    expect(config.authorizerCacheSeconds).toBeLessThanOrEqual(5);
    const authorizer = Object.values(resources(b(), 'AWS::ApiGatewayV2::Authorizer'))[0]!;
    expect(JSON.stringify(authorizer.Properties!['AuthorizerUri'])).toContain(functionLogicalId(b(), 'auth'));
  });

  test('the default stage: throttling and JSON access logs', () => {
    const stage = Object.values(resources(b(), 'AWS::ApiGatewayV2::Stage'))[0]!.Properties!;
    expect(stage['StageName']).toBe('$default');
    expect(stage['DefaultRouteSettings']).toMatchObject({
      ThrottlingRateLimit: config.throttling.rateLimit,
      ThrottlingBurstLimit: config.throttling.burstLimit,
    });
    const format = JSON.parse((stage['AccessLogSettings'] as { Format: string }).Format);
    expect(format).toEqual(ACCESS_LOG_FIELDS);
    for (const field of ['requestId', 'ip', 'routeKey', 'status', 'responseLatency', 'integrationError']) {
      expect(format).toHaveProperty(field);
    }
  });

  test('CORS allows the configured origins only', () => {
    b().template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: { AllowOrigins: config.corsAllowedOrigins, MaxAge: config.corsMaxAgeSeconds },
    });
  });
});
