import { ClientError, createClient, fileStorage, ValidationError } from '@org/client';
import { CliUsageError } from './cli-error.js';
import { formatResult } from './format-result.js';
import { outboxCode } from './outbox-code.js';
import { parseCommandLine } from './parse-command-line.js';
import { readPassword } from './read-password.js';
import { resolveTarget } from './resolve-target.js';
import { runCommand } from './run-command.js';

/** The process as the CLI sees it; tests pass their own. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => Promise<string>;
  /** Where relative paths (`--outputs`) are taken from and the workspace is searched from. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Exit statuses: 0 success, 1 a failure the client reported, 2 a usage error. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/** The one line printed for a failure: the client's error code and message, no stack trace. */
export function errorLine(error: unknown): string {
  let code = 'UNEXPECTED';
  let message = String(error);
  if (error instanceof ClientError || error instanceof CliUsageError) {
    code = error.code;
    message = error.message;
  } else if (error instanceof Error) {
    message = error.message;
  }
  if (error instanceof ValidationError && error.details.length > 0) {
    message += ` (${error.details.map((d) => `${d.path}: ${d.reason}`).join('; ')})`;
  }
  return `${code}: ${message.replace(/\s*\n\s*/g, ' ')}`;
}

/**
 * Runs the CLI on a command line (without `node` and the script) and returns the exit status. The result
 * goes to stdout (as JSON with `--json`); a failure is one line on stderr.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.type === 'help') {
      io.stdout(`${parsed.text}\n`);
      return EXIT.ok;
    }
    const { command, global } = parsed;
    const target = await resolveTarget(global, { cwd: io.cwd, env: io.env });
    const client = createClient(target.config, {
      // Kept between runs in a file only its owner can read (0600), so the user stays signed in.
      storage: fileStorage(target.sessionFile),
      timeoutMs: 15_000,
    });
    const result = await runCommand(client, command, {
      password: () => readPassword(global.passwordStdin, io.env, io.readStdin),
      outboxCode: (email) => outboxCode(target.config, email),
    });
    io.stdout(global.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatResult(command, result)}\n`);
    return EXIT.ok;
  } catch (error) {
    io.stderr(`${errorLine(error)}\n`);
    return error instanceof CliUsageError ? EXIT.usage : EXIT.failed;
  }
}
