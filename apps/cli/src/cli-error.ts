/**
 * A mistake on the command line (unknown command, missing or malformed option, no password). Its `code`
 * is printed before the message like a client error's, and the exit status is 2, as for usage errors in
 * most tools.
 */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
  readonly code: string;

  constructor(message: string, code = 'USAGE') {
    super(message);
    this.code = code;
  }
}
