import type { ParseArgsConfig } from 'node:util';

type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** One command of the CLI: its options (for `parseArgs`), its positional argument and its help. */
export interface CommandSpec {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly options: OptionSpecs;
  /** The one positional argument the command takes (a note id), if any. */
  readonly positional?: string;
  /** One line per option, for `--help`. */
  readonly help: readonly string[];
}

/** Options every command accepts. */
export const GLOBAL_OPTIONS = {
  json: { type: 'boolean' },
  outputs: { type: 'string' },
  stack: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies OptionSpecs;

export const GLOBAL_HELP = [
  '--json                 print the result as JSON on stdout',
  '--outputs <file>       a `cdk deploy --outputs-file` document (default: the local stack, found from',
  '                       GATEHOUSE_STATE_DIR or .local at the workspace root)',
  '--stack <name>         the stack of the outputs file, when it holds several',
  '-h, --help             this help',
] as const;

const PASSWORD_HELP = [
  '--password-stdin       read the password from stdin (default: the GATEHOUSE_PASSWORD environment',
  '                       variable; there is no password flag, since the process list shows flags)',
] as const;

export const COMMAND_SPECS: readonly CommandSpec[] = [
  {
    name: 'signup',
    usage: 'signup --email <email> [--name <name>] [--password-stdin]',
    summary: 'create an account; a confirmation code is sent (the local stack prints it)',
    options: { email: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    help: [
      '--email <email>        the email to sign up with (required)',
      '--name <name>          a display name',
      ...PASSWORD_HELP,
    ],
  },
  {
    name: 'confirm',
    usage: 'confirm --email <email> (--code <code> | --from-outbox)',
    summary: 'confirm an account with the code that was sent',
    options: { email: { type: 'string' }, code: { type: 'string' }, 'from-outbox': { type: 'boolean' } },
    help: [
      '--email <email>        the email that signed up (required)',
      '--code <code>          the confirmation code',
      "--from-outbox          local stack only: read the code from the local Cognito's outbox",
    ],
  },
  {
    name: 'signin',
    usage: 'signin --email <email> [--password-stdin]',
    summary: 'sign in (SRP) and keep the session for the next commands',
    options: { email: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    help: ['--email <email>        the account to sign in to (required)', ...PASSWORD_HELP],
  },
  {
    name: 'signout',
    usage: 'signout',
    summary: 'revoke the session and forget it',
    options: {},
    help: [],
  },
  {
    name: 'whoami',
    usage: 'whoami',
    summary: 'the signed-in user, as the API sees it (GET /me)',
    options: {},
    help: [],
  },
  {
    name: 'notes list',
    usage: 'notes list [--limit <n>] [--cursor <cursor>]',
    summary: 'list your notes, newest first (GET /notes)',
    options: { limit: { type: 'string' }, cursor: { type: 'string' } },
    help: [
      '--limit <n>            notes per page, 1 to 100 (default 20)',
      '--cursor <cursor>      the cursor printed with the previous page',
    ],
  },
  {
    name: 'notes get',
    usage: 'notes get <noteId>',
    summary: 'one note (GET /notes/{noteId})',
    options: {},
    positional: 'noteId',
    help: [],
  },
  {
    name: 'notes create',
    usage: 'notes create --title <title> [--body <body>] [--tag <tag>]…',
    summary: 'create a note (POST /notes)',
    options: { title: { type: 'string' }, body: { type: 'string' }, tag: { type: 'string', multiple: true } },
    help: [
      '--title <title>        the title (required)',
      '--body <body>          the text (default empty)',
      '--tag <tag>            a tag; repeat for several',
    ],
  },
  {
    name: 'notes update',
    usage: 'notes update <noteId> --expected-version <v> [--title <title>] [--body <body>] [--tag <tag>]…',
    summary: 'change a note if its version is still <v> (PATCH /notes/{noteId})',
    options: {
      'expected-version': { type: 'string' },
      title: { type: 'string' },
      body: { type: 'string' },
      tag: { type: 'string', multiple: true },
    },
    positional: 'noteId',
    help: [
      '--expected-version <v> the version you last saw (required); another one is a CONFLICT',
      '--title <title>        a new title',
      '--body <body>          a new text',
      '--tag <tag>            the new tags (replace the old ones); repeat for several',
    ],
  },
  {
    name: 'notes delete',
    usage: 'notes delete <noteId>',
    summary: 'delete a note (DELETE /notes/{noteId})',
    options: {},
    positional: 'noteId',
    help: [],
  },
];

/** The help of one command, or of the whole tool when `spec` is undefined. */
export function helpText(spec?: CommandSpec): string {
  if (spec === undefined) {
    const width = Math.max(...COMMAND_SPECS.map((s) => s.name.length));
    return [
      'Usage: npm run cli -- <command> [options]',
      '',
      'Commands:',
      ...COMMAND_SPECS.map((s) => `  ${s.name.padEnd(width)}  ${s.summary}`),
      '',
      'Options of every command:',
      ...GLOBAL_HELP.map((line) => `  ${line}`),
      '',
      'Run `npm run cli -- <command> --help` for the options of a command.',
      'Exit status: 0 on success, 1 on a failure (one line `<CODE>: <message>` on stderr), 2 on a usage error.',
    ].join('\n');
  }
  return [
    `Usage: npm run cli -- ${spec.usage}`,
    '',
    `${spec.summary[0]?.toUpperCase()}${spec.summary.slice(1)}.`,
    '',
    'Options:',
    ...[...spec.help, ...GLOBAL_HELP].map((line) => `  ${line}`),
  ].join('\n');
}
