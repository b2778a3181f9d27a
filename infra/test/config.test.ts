import * as fs from 'fs';
import * as path from 'path';
import { ConfigError, ENVIRONMENTS, loadConfig, parseConfig } from '../lib/config';

const devRaw = (): Record<string, unknown> =>
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'config', 'dev.json'), 'utf8'));

function problemsOf(raw: unknown): string[] {
  try {
    parseConfig('dev', raw, 'test.json');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  throw new Error('the configuration was accepted');
}

describe('config', () => {
  test.each(ENVIRONMENTS)('config/%s.json is valid', (environment) => {
    const config = loadConfig(environment);
    expect(config.environment).toBe(environment);
    expect(config.authorizerCacheSeconds).toBeLessThanOrEqual(5);
  });

  test('deletion protection is off in dev only', () => {
    expect(loadConfig('dev').deletionProtection).toBe(false);
    expect(loadConfig('staging').deletionProtection).toBe(true);
    expect(loadConfig('prod').deletionProtection).toBe(true);
  });

  test('an unknown environment is refused', () => {
    expect(() => loadConfig('qa')).toThrow(/env must be one of dev, staging, prod/);
  });

  test('unknown keys are rejected at every level, each named', () => {
    const raw = devRaw();
    raw['regoin'] = 'us-east-1';
    (raw['functions'] as Record<string, Record<string, unknown>>)['users']!['memory'] = 512;
    (raw['alarms'] as Record<string, unknown>)['emial'] = 'ops@example.org';
    expect(problemsOf(raw)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^regoin is not a known setting/),
        expect.stringMatching(/^functions\.users\.memory is not a known setting/),
        expect.stringMatching(/^alarms\.emial is not a known setting/),
      ]),
    );
  });

  test('only documented backend settings may be given, and not those the stack sets', () => {
    const raw = devRaw();
    raw['functionEnvironment'] = { LOG_LEVEL: 'LOUD', HUB_TABLE_NAME: 'other', HUB_SERVER_THREDS: '4' };
    const problems = problemsOf(raw);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^functionEnvironment\.LOG_LEVEL must be one of/),
        expect.stringMatching(/^functionEnvironment\.HUB_TABLE_NAME is not a setting a config file may give/),
        expect.stringMatching(/^functionEnvironment\.HUB_SERVER_THREDS is not a setting/),
      ]),
    );
  });

  test('bad values and missing keys are reported together', () => {
    const raw = devRaw();
    delete raw['region'];
    raw['logRetentionDays'] = 10;
    raw['corsAllowedOrigins'] = ['https://ok.example.org', 'not an origin'];
    (raw['functions'] as Record<string, Record<string, unknown>>)['auth']!['timeoutSeconds'] = 60;
    expect(problemsOf(raw)).toEqual(
      expect.arrayContaining([
        'region is required',
        expect.stringMatching(/^logRetentionDays must be one of CloudWatch Logs' retentions/),
        expect.stringMatching(/^corsAllowedOrigins\[1\] must be an origin/),
        expect.stringMatching(/^functions\.auth\.timeoutSeconds must be a whole number from 1 to 29/),
      ]),
    );
  });

  test("the authorizer's cache may not outlive the role cache", () => {
    const raw = devRaw();
    raw['authorizerCacheSeconds'] = 6;
    expect(problemsOf(raw)).toEqual([expect.stringMatching(/^authorizerCacheSeconds must not exceed the role cache \(HUB_ROLE_CACHE_MS=5000 ms\)/)]);
    (raw['functionEnvironment'] as Record<string, string>)['HUB_ROLE_CACHE_MS'] = '10000';
    expect(() => parseConfig('dev', raw, 'test.json')).not.toThrow();
  });

  test('the error message names the file and every problem', () => {
    const raw = devRaw();
    raw['extra'] = true;
    expect(() => parseConfig('dev', raw, 'config/dev.json')).toThrow(
      /^config\/dev\.json: invalid configuration:\n {2}extra is not a known setting/,
    );
  });
});
