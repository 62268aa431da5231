import { parseArgs } from 'node:util';
import type { CliCommand, GlobalOptions, ParsedCommandLine } from './cli-command.js';
import { CliUsageError } from './cli-error.js';
import { COMMAND_SPECS, type CommandSpec, GLOBAL_OPTIONS, helpText } from './command-specs.js';

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

function text(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

function required(values: Values, name: string, spec: CommandSpec): string {
  const value = text(values, name);
  if (value === undefined || value === '') {
    throw new CliUsageError(`${spec.name} needs --${name} (see \`${spec.name} --help\`)`);
  }
  return value;
}

function wholeNumber(value: string, option: string): number {
  if (!/^\d+$/.test(value)) throw new CliUsageError(`--${option} must be a whole number, not "${value}"`);
  return Number(value);
}

function tags(values: Values): string[] | undefined {
  const value = values.tag;
  return Array.isArray(value) ? value.map(String) : undefined;
}

/** Builds the command from the options `parseArgs` accepted for it. */
function buildCommand(spec: CommandSpec, values: Values, positional: string | undefined): CliCommand {
  const optional = (name: string, key = name) => {
    const value = text(values, name);
    return value === undefined ? {} : { [key]: value };
  };
  switch (spec.name) {
    case 'signup':
      return { kind: 'signup', email: required(values, 'email', spec), ...optional('name') };
    case 'confirm': {
      const code = text(values, 'code');
      const fromOutbox = values['from-outbox'] === true;
      if ((code === undefined) === !fromOutbox) {
        throw new CliUsageError('confirm needs exactly one of --code <code> and --from-outbox');
      }
      return {
        kind: 'confirm',
        email: required(values, 'email', spec),
        fromOutbox,
        ...(code === undefined ? {} : { code }),
      };
    }
    case 'signin':
      return { kind: 'signin', email: required(values, 'email', spec) };
    case 'signout':
      return { kind: 'signout' };
    case 'whoami':
      return { kind: 'whoami' };
    case 'notes list': {
      const limit = text(values, 'limit');
      return {
        kind: 'notes list',
        ...(limit === undefined ? {} : { limit: wholeNumber(limit, 'limit') }),
        ...optional('cursor'),
      };
    }
    case 'notes get':
      return { kind: 'notes get', noteId: positional ?? '' };
    case 'notes create': {
      return {
        kind: 'notes create',
        title: required(values, 'title', spec),
        ...optional('body'),
        tags: tags(values) ?? [],
      };
    }
    case 'notes update': {
      const tagList = tags(values);
      const command: CliCommand = {
        kind: 'notes update',
        noteId: positional ?? '',
        expectedVersion: wholeNumber(required(values, 'expected-version', spec), 'expected-version'),
        ...optional('title'),
        ...optional('body'),
        ...(tagList === undefined ? {} : { tags: tagList }),
      };
      if (command.title === undefined && command.body === undefined && command.tags === undefined) {
        throw new CliUsageError('notes update needs at least one of --title, --body, --tag');
      }
      return command;
    }
    case 'notes delete':
      return { kind: 'notes delete', noteId: positional ?? '' };
    default:
      throw new CliUsageError(`Unknown command ${spec.name}`);
  }
}

/** The command named by the first words of `argv` (`notes list` takes two), and the words that name it. */
function findSpec(argv: readonly string[]): { spec: CommandSpec; words: number } | undefined {
  const two = `${argv[0]} ${argv[1]}`;
  const spec = COMMAND_SPECS.find((s) => s.name === two) ?? COMMAND_SPECS.find((s) => s.name === argv[0]);
  return spec === undefined ? undefined : { spec, words: spec.name.split(' ').length };
}

/**
 * Reads a command line (without `node` and the script): the command first (`notes` commands take two
 * words), then its options in any order. `--help` anywhere asks for help instead.
 */
export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    return { type: 'help', text: helpText() };
  }
  if (argv[0] === 'notes' && (argv[1] === undefined || argv[1].startsWith('-'))) {
    return { type: 'help', text: helpText() };
  }
  const found = findSpec(argv);
  if (found === undefined) {
    const name = argv[0] === 'notes' && argv[1] !== undefined ? `notes ${argv[1]}` : argv[0];
    throw new CliUsageError(`Unknown command "${name}": run \`npm run cli -- --help\` for the commands`);
  }
  const { spec, words } = found;
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({
      args: argv.slice(words),
      options: { ...GLOBAL_OPTIONS, ...spec.options },
      allowPositionals: true,
      strict: true,
    }) as { values: Values; positionals: string[] };
  } catch (error) {
    // parseArgs' messages name the option ("Unknown option '--pasword'…"); keep them, on one line.
    throw new CliUsageError(`${spec.name}: ${(error as Error).message.split('\n')[0]}`);
  }
  const { values, positionals } = parsed;
  if (values.help === true) return { type: 'help', text: helpText(spec) };
  const expected = spec.positional === undefined ? 0 : 1;
  if (positionals.length !== expected) {
    throw new CliUsageError(
      expected === 0
        ? `${spec.name} takes no argument (got "${positionals.join(' ')}")`
        : `${spec.name} needs the ${spec.positional} as its one argument: ${spec.usage}`,
    );
  }
  const global: GlobalOptions = {
    json: values.json === true,
    passwordStdin: values['password-stdin'] === true,
    ...(typeof values.outputs === 'string' ? { outputs: values.outputs } : {}),
    ...(typeof values.stack === 'string' ? { stack: values.stack } : {}),
  };
  return { type: 'run', command: buildCommand(spec, values, positionals[0]), global };
}
