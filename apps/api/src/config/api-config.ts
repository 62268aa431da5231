import * as z from 'zod';
import { ConfigurationError } from '../errors/api-error.js';

/** Log levels the Powertools logger understands. */
export const LogLevels = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT', 'CRITICAL'] as const;
export type LogLevel = (typeof LogLevels)[number];

const LogLevelSchema = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.enum(LogLevels, { error: `must be one of ${LogLevels.join(', ')}` }));

const OriginSchema = z.string().refine(
  (origin) => {
    if (origin === '*') return true;
    try {
      return new URL(origin).origin === origin;
    } catch {
      return false;
    }
  },
  { error: (issue) => `"${String(issue.input)}" is not an origin like https://app.example.com or *` },
);

const CorsOriginsSchema = z
  .string({ error: 'is required' })
  .transform((s) =>
    s
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o.length > 0),
  )
  .pipe(z.array(OriginSchema).min(1, 'must name at least one origin (or *)'));

const required = (what: string) => z.string({ error: 'is required' }).min(1, `is required (${what})`);

const ApiEnvironmentSchema = z.object({
  TABLE_NAME: required('the DynamoDB table name').regex(
    /^[A-Za-z0-9_.-]{3,255}$/,
    'is not a DynamoDB table name',
  ),
  STAGE: required('e.g. dev or prod').regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be letters, digits, - or _'),
  CORS_ALLOWED_ORIGINS: CorsOriginsSchema,
  LOG_LEVEL: LogLevelSchema.default('INFO'),
  POWERTOOLS_SERVICE_NAME: z.string().min(1).default('gatehouse-api'),
  API_DEV_MODE: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
});

const TriggerEnvironmentSchema = z.object({
  LOG_LEVEL: LogLevelSchema.default('INFO'),
  POWERTOOLS_SERVICE_NAME: z.string().min(1).default('gatehouse-pre-token-generation'),
});

/** What the API Lambda needs, read once from the environment at cold start. */
export interface ApiConfig {
  readonly tableName: string;
  readonly stage: string;
  /** Origins allowed by CORS; `['*']` allows any. */
  readonly corsAllowedOrigins: readonly string[];
  readonly logLevel: LogLevel;
  readonly serviceName: string;
  /** Check every response against the contract at run time (`API_DEV_MODE=true`). */
  readonly devMode: boolean;
}

/** What the pre-token-generation trigger needs from its environment. */
export interface TriggerConfig {
  readonly logLevel: LogLevel;
  readonly serviceName: string;
}

type Environment = Readonly<Record<string, string | undefined>>;

function parseEnvironment<S extends z.ZodType>(schema: S, env: Environment): z.output<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(environment)'} ${issue.message}`,
  );
  throw new ConfigurationError(`Invalid environment: ${problems.join('; ')}`);
}

/**
 * Reads the API's configuration from environment variables.
 * @throws ConfigurationError naming every missing or invalid variable.
 */
export function loadApiConfig(env: Environment): ApiConfig {
  const e = parseEnvironment(ApiEnvironmentSchema, env);
  return {
    tableName: e.TABLE_NAME,
    stage: e.STAGE,
    corsAllowedOrigins: e.CORS_ALLOWED_ORIGINS,
    logLevel: e.LOG_LEVEL,
    serviceName: e.POWERTOOLS_SERVICE_NAME,
    devMode: e.API_DEV_MODE === 'true',
  };
}

/**
 * Reads the pre-token-generation trigger's configuration from environment variables.
 * @throws ConfigurationError naming every invalid variable.
 */
export function loadTriggerConfig(env: Environment): TriggerConfig {
  const e = parseEnvironment(TriggerEnvironmentSchema, env);
  return { logLevel: e.LOG_LEVEL, serviceName: e.POWERTOOLS_SERVICE_NAME };
}
