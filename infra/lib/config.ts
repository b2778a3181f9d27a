// The deployment configuration of one environment (config/<env>.json), typed and validated:
// unknown keys, missing keys and out-of-range values stop the synth with one line per problem.
import * as fs from 'fs';
import * as path from 'path';

export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export type EnvironmentName = (typeof ENVIRONMENTS)[number];

export const FUNCTION_NAMES = ['health', 'users', 'auth'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

export interface FunctionSettings {
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
}

export interface AlarmSettings {
  /** Where alarm notifications are emailed; absent: the SNS topic has no subscription. */
  readonly email?: string;
  /** API 5xx responses as a percentage of requests over one period. */
  readonly api5xxRatePercent: number;
  /** p95 of the API's latency (ms). */
  readonly apiLatencyP95Ms: number;
  /** p95 of each function's duration (ms). */
  readonly lambdaDurationP95Ms: number;
  /** Errors of one function in one period. */
  readonly lambdaErrors: number;
  /** Throttled invocations of one function in one period. */
  readonly lambdaThrottles: number;
  /** Throttled DynamoDB requests on the table in one period. */
  readonly dynamoDbThrottles: number;
  readonly periodMinutes: number;
  readonly evaluationPeriods: number;
}

export interface UserPoolSettings {
  readonly selfSignUp: boolean;
  readonly mfa: 'OPTIONAL' | 'REQUIRED';
  /** Cognito threat protection (the Plus feature plan): ENFORCED blocks risky sign-ins; OFF keeps the Essentials plan. */
  readonly threatProtection: 'ENFORCED' | 'AUDIT' | 'OFF';
}

export interface HubConfig {
  readonly environment: EnvironmentName;
  readonly region: string;
  /** 12-digit account id; absent: the CLI's current account (CDK_DEFAULT_ACCOUNT). */
  readonly account?: string;
  readonly corsAllowedOrigins: readonly string[];
  readonly corsMaxAgeSeconds: number;
  readonly functions: Readonly<Record<FunctionName, FunctionSettings>>;
  readonly logRetentionDays: number;
  readonly throttling: { readonly rateLimit: number; readonly burstLimit: number };
  /** API Gateway's cache of authorizer answers; never longer than the functions' role cache. */
  readonly authorizerCacheSeconds: number;
  readonly deletionProtection: boolean;
  readonly userPool: UserPoolSettings;
  readonly alarms: AlarmSettings;
  /** Backend settings (docs/configuration.md) every function gets. */
  readonly functionEnvironment: Readonly<Record<string, string>>;
}

/**
 * The backend settings a config file may set (docs/configuration.md). The stack sets the others
 * itself (HUB_ENV, HUB_TABLE_NAME, COGNITO_*, CORS_*, HUB_PAGINATION_KEY, HUB_DOCS_DIR,
 * HUB_CA_BUNDLE); hub-server's own settings mean nothing in Lambda.
 */
export const CONFIGURABLE_VARIABLES: ReadonlySet<string> = new Set([
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_METRICS_NAMESPACE',
  'LOG_LEVEL',
  'MAX_BODY_BYTES',
  'METRICS_EMF',
  'AWS_MAX_ATTEMPTS',
  'HUB_AWS_CONNECT_TIMEOUT_MS',
  'HUB_AWS_ATTEMPT_TIMEOUT_MS',
  'HUB_HEALTH_TIMEOUT_MS',
  'HUB_HEALTH_CACHE_MS',
  'HUB_ACTIVITY_RETENTION_DAYS',
  'HUB_AUTH_ALGORITHMS',
  'HUB_AUTH_TOKEN_USE',
  'HUB_AUTH_LEEWAY_SECONDS',
  'HUB_JWKS_TIMEOUT_MS',
  'HUB_JWKS_MAX_BYTES',
  'HUB_JWKS_REFETCH_SECONDS',
  'HUB_ROLE_CACHE_MS',
  'HUB_RATE_LIMIT_ENABLED',
  'HUB_RATE_LIMITS',
  'HUB_RATE_LIMIT_ON_STORE_ERROR',
  'HUB_RATE_LIMIT_TIMEOUT_MS',
]);

const DEFAULT_ROLE_CACHE_MS = 5000;
const LOG_LEVELS = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'];
// What CloudWatch Logs accepts as a retention (days).
const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export class ConfigError extends Error {
  constructor(
    readonly source: string,
    readonly problems: readonly string[],
  ) {
    super(`${source}: invalid configuration:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Json = unknown;
type JsonObject = Record<string, Json>;

/** Collects problems while reading one object, so every bad key is reported at once. */
class Reader {
  constructor(
    private readonly problems: string[],
    private readonly where: string,
    private readonly value: JsonObject,
  ) {}

  static of(problems: string[], where: string, value: Json): Reader | undefined {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      problems.push(`${where || '(top level)'} must be an object`);
      return undefined;
    }
    return new Reader(problems, where, value as JsonObject);
  }

  private name(key: string): string {
    return this.where ? `${this.where}.${key}` : key;
  }

  problem(key: string, text: string): void {
    this.problems.push(`${this.name(key)} ${text}`);
  }

  rejectUnknown(known: readonly string[]): void {
    for (const key of Object.keys(this.value)) {
      if (!known.includes(key)) this.problems.push(`${this.name(key)} is not a known setting (known: ${known.join(', ')})`);
    }
  }

  private present(key: string, optional: boolean): Json | undefined {
    const value = this.value[key];
    if (value === undefined && !optional) this.problem(key, 'is required');
    return value;
  }

  integer(key: string, min: number, max: number): number {
    const value = this.present(key, false);
    if (value === undefined) return min;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.problem(key, `must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)})`);
      return min;
    }
    return value;
  }

  boolean(key: string): boolean {
    const value = this.present(key, false);
    if (value === undefined) return false;
    if (typeof value !== 'boolean') {
      this.problem(key, `must be true or false (got ${JSON.stringify(value)})`);
      return false;
    }
    return value;
  }

  string(key: string, pattern: RegExp, expected: string, optional = false): string | undefined {
    const value = this.present(key, optional);
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !pattern.test(value)) {
      this.problem(key, `must be ${expected} (got ${JSON.stringify(value)})`);
      return undefined;
    }
    return value;
  }

  oneOf<T extends string>(key: string, choices: readonly T[]): T {
    const value = this.present(key, false);
    if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
    if (value !== undefined) this.problem(key, `must be one of ${choices.join(', ')} (got ${JSON.stringify(value)})`);
    return choices[0] as T;
  }

  stringList(key: string, pattern: RegExp, expected: string): string[] {
    const value = this.present(key, false);
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.problem(key, 'must be a list');
      return [];
    }
    const good: string[] = [];
    value.forEach((item, i) => {
      if (typeof item === 'string' && pattern.test(item)) good.push(item);
      else this.problems.push(`${this.name(key)}[${i}] must be ${expected} (got ${JSON.stringify(item)})`);
    });
    return good;
  }

  child(key: string): Reader | undefined {
    const value = this.present(key, false);
    if (value === undefined) return undefined;
    return Reader.of(this.problems, this.name(key), value);
  }

  entries(): [string, Json][] {
    return Object.entries(this.value);
  }
}

const ORIGIN = /^https?:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-[0-9]$/;
const ACCOUNT = /^[0-9]{12}$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

function readFunctions(reader: Reader | undefined): Record<FunctionName, FunctionSettings> {
  reader?.rejectUnknown(FUNCTION_NAMES);
  const settings = {} as Record<FunctionName, FunctionSettings>;
  for (const name of FUNCTION_NAMES) {
    const one = reader?.child(name);
    one?.rejectUnknown(['memoryMb', 'timeoutSeconds']);
    settings[name] = {
      memoryMb: one?.integer('memoryMb', 128, 10240) ?? 128,
      // API Gateway gives up on an integration after 30 s.
      timeoutSeconds: one?.integer('timeoutSeconds', 1, 29) ?? 1,
    };
  }
  return settings;
}

function readAlarms(reader: Reader | undefined): AlarmSettings {
  reader?.rejectUnknown([
    'email',
    'api5xxRatePercent',
    'apiLatencyP95Ms',
    'lambdaDurationP95Ms',
    'lambdaErrors',
    'lambdaThrottles',
    'dynamoDbThrottles',
    'periodMinutes',
    'evaluationPeriods',
  ]);
  const email = reader?.string('email', EMAIL, 'an email address', true);
  return {
    ...(email ? { email } : {}),
    api5xxRatePercent: reader?.integer('api5xxRatePercent', 1, 100) ?? 1,
    apiLatencyP95Ms: reader?.integer('apiLatencyP95Ms', 50, 30000) ?? 50,
    lambdaDurationP95Ms: reader?.integer('lambdaDurationP95Ms', 10, 30000) ?? 10,
    lambdaErrors: reader?.integer('lambdaErrors', 1, 100000) ?? 1,
    lambdaThrottles: reader?.integer('lambdaThrottles', 1, 100000) ?? 1,
    dynamoDbThrottles: reader?.integer('dynamoDbThrottles', 1, 100000) ?? 1,
    periodMinutes: reader?.integer('periodMinutes', 1, 60) ?? 1,
    evaluationPeriods: reader?.integer('evaluationPeriods', 1, 10) ?? 1,
  };
}

function readUserPool(reader: Reader | undefined): UserPoolSettings {
  reader?.rejectUnknown(['selfSignUp', 'mfa', 'threatProtection']);
  return {
    selfSignUp: reader?.boolean('selfSignUp') ?? false,
    mfa: reader?.oneOf('mfa', ['OPTIONAL', 'REQUIRED'] as const) ?? 'OPTIONAL',
    threatProtection: reader?.oneOf('threatProtection', ['ENFORCED', 'AUDIT', 'OFF'] as const) ?? 'OFF',
  };
}

function readFunctionEnvironment(problems: string[], reader: Reader | undefined): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [name, value] of reader?.entries() ?? []) {
    if (!CONFIGURABLE_VARIABLES.has(name)) {
      problems.push(
        `functionEnvironment.${name} is not a setting a config file may give (the stack sets HUB_ENV, HUB_TABLE_NAME, ` +
          'COGNITO_*, CORS_*, HUB_PAGINATION_KEY, HUB_DOCS_DIR, HUB_CA_BUNDLE; see docs/configuration.md)',
      );
    } else if (typeof value !== 'string' || value.trim() === '') {
      problems.push(`functionEnvironment.${name} must be a non-empty string (got ${JSON.stringify(value)})`);
    } else {
      variables[name] = value;
    }
  }
  const level = variables['LOG_LEVEL'];
  if (level !== undefined && !LOG_LEVELS.includes(level)) {
    problems.push(`functionEnvironment.LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${level}")`);
  }
  const roleCache = variables['HUB_ROLE_CACHE_MS'];
  if (roleCache !== undefined && !/^[0-9]{1,5}$/.test(roleCache)) {
    problems.push(`functionEnvironment.HUB_ROLE_CACHE_MS must be a whole number of milliseconds (got "${roleCache}")`);
  }
  return variables;
}

/** Validates a parsed config file; `source` names it in messages. Throws ConfigError. */
export function parseConfig(environment: EnvironmentName, raw: unknown, source: string): HubConfig {
  const problems: string[] = [];
  const top = Reader.of(problems, '', raw);
  if (!top) throw new ConfigError(source, problems);
  top.rejectUnknown([
    'region',
    'account',
    'corsAllowedOrigins',
    'corsMaxAgeSeconds',
    'functions',
    'logRetentionDays',
    'throttling',
    'authorizerCacheSeconds',
    'deletionProtection',
    'userPool',
    'alarms',
    'functionEnvironment',
  ]);
  const account = top.string('account', ACCOUNT, 'a 12-digit AWS account id', true);
  const throttling = top.child('throttling');
  throttling?.rejectUnknown(['rateLimit', 'burstLimit']);
  const functionEnvironment = readFunctionEnvironment(problems, top.child('functionEnvironment'));
  const logRetentionDays = top.integer('logRetentionDays', 1, 3653);
  if (!RETENTION_DAYS.includes(logRetentionDays)) {
    top.problem('logRetentionDays', `must be one of CloudWatch Logs' retentions: ${RETENTION_DAYS.join(', ')}`);
  }
  const authorizerCacheSeconds = top.integer('authorizerCacheSeconds', 0, 3600);
  const roleCacheMs = Number(functionEnvironment['HUB_ROLE_CACHE_MS'] ?? DEFAULT_ROLE_CACHE_MS);
  if (authorizerCacheSeconds * 1000 > roleCacheMs) {
    top.problem(
      'authorizerCacheSeconds',
      `must not exceed the role cache (HUB_ROLE_CACHE_MS=${roleCacheMs} ms): a revoked role would outlive it`,
    );
  }
  const config: HubConfig = {
    environment,
    region: top.string('region', REGION, 'an AWS region such as us-east-1') ?? '',
    ...(account ? { account } : {}),
    corsAllowedOrigins: top.stringList('corsAllowedOrigins', ORIGIN, 'an origin, scheme://host[:port]'),
    corsMaxAgeSeconds: top.integer('corsMaxAgeSeconds', 0, 86400),
    functions: readFunctions(top.child('functions')),
    logRetentionDays,
    throttling: {
      rateLimit: throttling?.integer('rateLimit', 1, 10000) ?? 1,
      burstLimit: throttling?.integer('burstLimit', 1, 5000) ?? 1,
    },
    authorizerCacheSeconds,
    deletionProtection: top.boolean('deletionProtection'),
    userPool: readUserPool(top.child('userPool')),
    alarms: readAlarms(top.child('alarms')),
    functionEnvironment,
  };
  if (problems.length > 0) throw new ConfigError(source, problems);
  return config;
}

export function isEnvironmentName(name: string): name is EnvironmentName {
  return (ENVIRONMENTS as readonly string[]).includes(name);
}

/** Reads and validates config/<environment>.json. */
export function loadConfig(environment: string, configDir = path.join(__dirname, '..', 'config')): HubConfig {
  if (!isEnvironmentName(environment)) {
    throw new ConfigError('context env', [`env must be one of ${ENVIRONMENTS.join(', ')} (got "${environment}")`]);
  }
  const file = path.join(configDir, `${environment}.json`);
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(file, [`cannot be read as JSON: ${(error as Error).message}`]);
  }
  return parseConfig(environment, raw, file);
}
