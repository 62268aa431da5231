import { CliUsageError } from './cli-error.js';

/**
 * The password for `signup`/`signin`: stdin with `--password-stdin` (one line; the trailing newline of
 * `echo` or a here-string is dropped), else `GATEHOUSE_PASSWORD`. Never a flag, since every user of the
 * machine can read a process's arguments.
 */
export async function readPassword(
  fromStdin: boolean,
  env: Readonly<Record<string, string | undefined>>,
  stdin: () => Promise<string>,
): Promise<string> {
  const password = fromStdin ? (await stdin()).replace(/\r?\n$/, '') : env.GATEHOUSE_PASSWORD;
  if (!password) {
    throw new CliUsageError(
      fromStdin
        ? 'stdin held no password (pipe it in: `printf %s "$PASSWORD" | npm run cli -- … --password-stdin`)'
        : 'no password: set GATEHOUSE_PASSWORD or pass --password-stdin',
      'PASSWORD_MISSING',
    );
  }
  return password;
}
