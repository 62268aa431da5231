/** @org/cli: an example command-line tool on @org/client (Node entry). Run it with `npm run cli -- --help`. */
export type { CliCommand, GlobalOptions, ParsedCommandLine } from './cli-command.js';
export { CliUsageError } from './cli-error.js';
export { COMMAND_SPECS, type CommandSpec, helpText } from './command-specs.js';
export { formatResult } from './format-result.js';
export { outboxCode } from './outbox-code.js';
export { parseCommandLine } from './parse-command-line.js';
export { readPassword } from './read-password.js';
export { deployedSessionFile, resolveTarget, type Target, type TargetEnvironment } from './resolve-target.js';
export { type CliIo, EXIT, errorLine, runCli } from './run-cli.js';
export { type RunContext, runCommand } from './run-command.js';
