import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../src/cli-error.js';
import { parseCommandLine } from '../src/parse-command-line.js';

const ID = '01HZX3V5K8Q9R2S4T6W7Y8Z9AB';

describe('parseCommandLine', () => {
  it.each([
    {
      argv: ['signup', '--email', 'ana@example.com', '--name', 'Ana'],
      command: { kind: 'signup', email: 'ana@example.com', name: 'Ana' },
    },
    {
      argv: ['confirm', '--email', 'ana@example.com', '--code', '123456'],
      command: { kind: 'confirm', email: 'ana@example.com', code: '123456', fromOutbox: false },
    },
    {
      argv: ['confirm', '--from-outbox', '--email', 'ana@example.com'],
      command: { kind: 'confirm', email: 'ana@example.com', fromOutbox: true },
    },
    { argv: ['signin', '--email', 'a@b.c'], command: { kind: 'signin', email: 'a@b.c' } },
    { argv: ['signout'], command: { kind: 'signout' } },
    { argv: ['whoami'], command: { kind: 'whoami' } },
    { argv: ['notes', 'list'], command: { kind: 'notes list' } },
    {
      argv: ['notes', 'list', '--limit', '5', '--cursor', 'abc'],
      command: { kind: 'notes list', limit: 5, cursor: 'abc' },
    },
    { argv: ['notes', 'get', ID], command: { kind: 'notes get', noteId: ID } },
    {
      argv: ['notes', 'create', '--title', 'T', '--tag', 'a', '--tag', 'b', '--body', 'B'],
      command: { kind: 'notes create', title: 'T', body: 'B', tags: ['a', 'b'] },
    },
    {
      argv: ['notes', 'create', '--title', 'T'],
      command: { kind: 'notes create', title: 'T', tags: [] },
    },
    {
      argv: ['notes', 'update', ID, '--expected-version', '3', '--title', 'New'],
      command: { kind: 'notes update', noteId: ID, expectedVersion: 3, title: 'New' },
    },
    {
      argv: ['notes', 'update', '--tag', 'x', ID, '--expected-version', '1'],
      command: { kind: 'notes update', noteId: ID, expectedVersion: 1, tags: ['x'] },
    },
    { argv: ['notes', 'delete', ID], command: { kind: 'notes delete', noteId: ID } },
  ])('reads $argv', ({ argv, command }) => {
    const parsed = parseCommandLine(argv);
    expect(parsed).toEqual({ type: 'run', command, global: { json: false, passwordStdin: false } });
  });

  it('reads the options every command takes, anywhere on the line', () => {
    const parsed = parseCommandLine([
      'whoami',
      '--json',
      '--outputs',
      'cdk-outputs.json',
      '--stack',
      'Gatehouse-prod',
    ]);
    expect(parsed).toMatchObject({
      type: 'run',
      global: { json: true, outputs: 'cdk-outputs.json', stack: 'Gatehouse-prod', passwordStdin: false },
    });
  });

  it('takes --password-stdin on the commands that need a password', () => {
    expect(parseCommandLine(['signin', '--email', 'a@b.c', '--password-stdin'])).toMatchObject({
      global: { passwordStdin: true },
    });
  });

  it.each([
    [[], 'Commands:'],
    [['--help'], 'Commands:'],
    [['notes', '--help'], 'notes update'],
    [['notes'], 'notes delete'],
    [['notes', 'create', '--help'], 'Usage: npm run cli -- notes create --title <title>'],
    [['signin', '-h'], '--password-stdin'],
    [['confirm', '--help'], '--from-outbox'],
  ])('prints help for %j', (argv, expected) => {
    const parsed = parseCommandLine(argv);
    expect(parsed.type).toBe('help');
    expect(parsed.type === 'help' && parsed.text).toContain(expected);
  });

  it.each([
    { argv: ['frobnicate'], message: 'Unknown command "frobnicate"' },
    { argv: ['notes', 'frob'], message: 'Unknown command "notes frob"' },
    { argv: ['signup'], message: 'signup needs --email' },
    { argv: ['signin', '--email', 'a@b.c', '--password', 'x'], message: "Unknown option '--password'" },
    { argv: ['confirm', '--email', 'a@b.c'], message: 'exactly one of --code <code> and --from-outbox' },
    {
      argv: ['confirm', '--email', 'a@b.c', '--code', '1', '--from-outbox'],
      message: 'exactly one of --code <code> and --from-outbox',
    },
    { argv: ['notes', 'get'], message: 'notes get needs the noteId' },
    { argv: ['whoami', 'extra'], message: 'whoami takes no argument' },
    { argv: ['notes', 'list', '--limit', 'ten'], message: '--limit must be a whole number' },
    { argv: ['notes', 'update', ID, '--title', 'x'], message: 'needs --expected-version' },
    { argv: ['notes', 'update', ID, '--expected-version', '1'], message: 'at least one of --title' },
  ])('refuses $argv with a usage error', ({ argv, message }) => {
    let error: unknown;
    try {
      parseCommandLine(argv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliUsageError);
    expect((error as CliUsageError).code).toBe('USAGE');
    expect((error as Error).message).toContain(message);
    expect((error as Error).message).not.toContain('\n');
  });
});
