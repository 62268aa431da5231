import { parseArgs } from 'node:util';
import { z } from 'zod';
import { LOG_FORMATS } from '../lambda/dev-console.js';

/** Defaults of the `start` command, as `--help` shows them. */
export const CLI_DEFAULTS = {
  stateDir: '.local',
  cognitoPort: 9229,
  authPort: 9230,
  apiPort: 3000,
  dynamodbPort: 8000,
  host: '127.0.0.1',
  issuer: 'aws',
  logFormat: 'pretty',
} as const;

export const CLI_USAGE = `Usage: gatehouse-emulator start --assembly <cdk.out> [options]

Runs a synthesized CDK app (cloud assembly) offline: Cognito user pools, API Gateway with its Cognito
authorizers, Lambda functions and DynamoDB tables. Stops cleanly on Ctrl-C or SIGTERM.

Options (a flag wins over its environment variable, which wins over the default):
  --assembly <dir>        the cdk.out folder to run (required)
  --state-dir <dir>       where users, tables, data and outputs are kept   env GATEHOUSE_STATE_DIR      default ${CLI_DEFAULTS.stateDir}
  --cognito-port <n>      Cognito endpoint port, 0 = any free port          env GATEHOUSE_COGNITO_PORT   default ${CLI_DEFAULTS.cognitoPort}
  --auth-port <n>         OAuth 2.0 / managed login port, 0 = any free port env GATEHOUSE_AUTH_PORT      default ${CLI_DEFAULTS.authPort}
  --api-port <n>          API Gateway port, 0 = any free port               env GATEHOUSE_API_PORT       default ${CLI_DEFAULTS.apiPort}
  --dynamodb-port <n>     DynamoDB port, 0 = any free port                  env GATEHOUSE_DYNAMODB_PORT  default ${CLI_DEFAULTS.dynamodbPort}
  --host <address>        address to listen on (anything but loopback is announced loudly)   default ${CLI_DEFAULTS.host}
  --issuer <aws|local>    token issuer: AWS's URL format, or the local Cognito URL            default ${CLI_DEFAULTS.issuer}
  --log-format <fmt>      pretty: a line per request, logs as LEVEL message    env GATEHOUSE_LOG_FORMAT     default ${CLI_DEFAULTS.logFormat}
                          json: the functions' log lines as written
  --reset                 start from an empty state
  --watch                 apply each new cdk synth of the assembly without a restart
  -h, --help              show this help

Environment only (a secret on the command line would be visible to every user in the process list):
  GATEHOUSE_AWS_ACCESS_KEY_ID, GATEHOUSE_AWS_SECRET_ACCESS_KEY
                          strict mode: the local Cognito checks the SigV4 signature of admin operations
                          against this key, and Lambda functions get it as their credentials; set both or
                          neither                                                             default unset (any key accepted)

When ready it writes <state dir>/outputs.json (cdk deploy --outputs-file format, local URLs) and
<state dir>/endpoints.json, then prints "Local stack ready". Colour is used when the terminal supports it;
NO_COLOR turns it off and FORCE_COLOR on.`;

const port = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a port number` })
    .int(`${name} must be a whole number`)
    .min(0, `${name} must be between 0 and 65535`)
    .max(65535, `${name} must be between 0 and 65535`);

const CliConfigSchema = z.object({
  command: z.literal('start', { error: 'the only command is "start"' }),
  assemblyDir: z.string({ error: '--assembly <cdk.out> is required' }).min(1, '--assembly must not be empty'),
  stateDir: z.string().min(1, '--state-dir must not be empty'),
  cognitoPort: port('--cognito-port / GATEHOUSE_COGNITO_PORT'),
  authPort: port('--auth-port / GATEHOUSE_AUTH_PORT'),
  apiPort: port('--api-port / GATEHOUSE_API_PORT'),
  dynamodbPort: port('--dynamodb-port / GATEHOUSE_DYNAMODB_PORT'),
  host: z.string().min(1, '--host must not be empty'),
  issuer: z.enum(['aws', 'local'], { error: '--issuer must be aws or local' }),
  logFormat: z.enum(LOG_FORMATS, { error: '--log-format / GATEHOUSE_LOG_FORMAT must be pretty or json' }),
  reset: z.boolean(),
  watch: z.boolean(),
  credentials: z
    .object({
      accessKeyId: z
        .string()
        .regex(
          /^[\w-]{1,128}$/,
          'GATEHOUSE_AWS_ACCESS_KEY_ID must be 1 to 128 letters, digits, _ or - (it is sent in the SigV4 Credential)',
        ),
      secretAccessKey: z.string().min(1),
    })
    .optional(),
});
export type CliConfig = z.infer<typeof CliConfigSchema>;

/** Raised for command-line or environment input the CLI cannot use; the message says which and why. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/**
 * Reads the command line and the environment (once, here) into a validated config.
 * Returns `'help'` when help was asked for.
 */
export function parseCliConfig(argv: string[], env: NodeJS.ProcessEnv): CliConfig | 'help' {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (cause) {
    throw new CliUsageError(cause instanceof Error ? cause.message : String(cause), { cause });
  }
  const { values, positionals } = parsed;
  if (values.help === true || positionals.length === 0) return 'help';
  const first = <T>(...candidates: Array<T | undefined>): T | undefined =>
    candidates.find((c) => c !== undefined && c !== '');
  const accessKeyId = first(env.GATEHOUSE_AWS_ACCESS_KEY_ID);
  const secretAccessKey = first(env.GATEHOUSE_AWS_SECRET_ACCESS_KEY);
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    throw new CliUsageError(
      'GATEHOUSE_AWS_ACCESS_KEY_ID and GATEHOUSE_AWS_SECRET_ACCESS_KEY must be set together (strict mode) or not at all',
    );
  }
  const result = CliConfigSchema.safeParse({
    command: positionals[0],
    assemblyDir: values.assembly,
    stateDir: first(values['state-dir'], env.GATEHOUSE_STATE_DIR, CLI_DEFAULTS.stateDir),
    cognitoPort: first(values['cognito-port'], env.GATEHOUSE_COGNITO_PORT, String(CLI_DEFAULTS.cognitoPort)),
    authPort: first(values['auth-port'], env.GATEHOUSE_AUTH_PORT, String(CLI_DEFAULTS.authPort)),
    apiPort: first(values['api-port'], env.GATEHOUSE_API_PORT, String(CLI_DEFAULTS.apiPort)),
    dynamodbPort: first(
      values['dynamodb-port'],
      env.GATEHOUSE_DYNAMODB_PORT,
      String(CLI_DEFAULTS.dynamodbPort),
    ),
    host: values.host ?? CLI_DEFAULTS.host,
    issuer: values.issuer ?? CLI_DEFAULTS.issuer,
    logFormat: first(values['log-format'], env.GATEHOUSE_LOG_FORMAT, CLI_DEFAULTS.logFormat),
    reset: values.reset === true,
    watch: values.watch === true,
    ...(accessKeyId === undefined || secretAccessKey === undefined
      ? {}
      : { credentials: { accessKeyId, secretAccessKey } }),
  });
  if (!result.success) {
    throw new CliUsageError(result.error.issues.map((i) => i.message).join('; '));
  }
  if (positionals.length > 1) throw new CliUsageError(`Unexpected argument: ${positionals[1]}`);
  return result.data;
}

const OPTIONS = {
  assembly: { type: 'string' },
  'state-dir': { type: 'string' },
  'cognito-port': { type: 'string' },
  'auth-port': { type: 'string' },
  'api-port': { type: 'string' },
  'dynamodb-port': { type: 'string' },
  host: { type: 'string' },
  issuer: { type: 'string' },
  'log-format': { type: 'string' },
  reset: { type: 'boolean' },
  watch: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;
