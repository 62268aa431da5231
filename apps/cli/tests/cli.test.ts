import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMemoryLogger, type LocalStack, startLocalStack } from '@org/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The synthesized app (`turbo run synth --filter @org/infra` writes it; the test task depends on it). */
const ASSEMBLY_DIR = fileURLToPath(new URL('../../../infra/cdk.out', import.meta.url));
const CLI_DIR = fileURLToPath(new URL('..', import.meta.url));
const PASSWORD = 'correct-horse-battery-staple-42';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  json: <T = Record<string, unknown>>() => T;
}

let stack: LocalStack;
let stateDir: string;

/** Runs the CLI from source in a child process, as `npm run cli` runs the build, against the test's stack. */
function cli(args: string[], options: { env?: Record<string, string>; stdin?: string } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@org/source', '--import', 'tsx', 'src/cli.ts', ...args],
      {
        cwd: CLI_DIR,
        env: { PATH: process.env.PATH ?? '', GATEHOUSE_STATE_DIR: stateDir, ...options.env },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdin.end(options.stdin ?? '');
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T });
    });
  });
}

beforeAll(async () => {
  if (!existsSync(join(ASSEMBLY_DIR, 'manifest.json'))) {
    throw new Error(`No cloud assembly in ${ASSEMBLY_DIR}: run turbo run synth --filter @org/infra first`);
  }
  stateDir = mkdtempSync(join(tmpdir(), 'gatehouse-cli-e2e-'));
  stack = await startLocalStack({
    assemblyDir: ASSEMBLY_DIR,
    stateDir,
    ports: { cognito: 0, apigateway: 0, dynamodb: 0 },
    log: createMemoryLogger(),
  });
});

afterAll(async () => {
  await stack?.stop();
  if (stateDir) rmSync(stateDir, { recursive: true, force: true });
});

describe('the CLI against the local stack', () => {
  const email = `cli-${process.pid}@example.com`;
  const withPassword = { env: { GATEHOUSE_PASSWORD: PASSWORD } };
  const sessionFile = () => join(stateDir, 'cli-session.json');

  it('refuses to sign up without a password, in one line', async () => {
    const run = await cli(['signup', '--email', email]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'PASSWORD_MISSING: no password: set GATEHOUSE_PASSWORD or pass --password-stdin\n',
    );
  });

  it('signs up, confirms from the outbox, signs in and stays signed in', async () => {
    const signup = await cli(['signup', '--email', email, '--name', 'Ana', '--json'], withPassword);
    expect(signup).toMatchObject({ code: 0, stderr: '' });
    expect(signup.json()).toMatchObject({ userConfirmed: false, userSub: expect.any(String) });

    const early = await cli(['signin', '--email', email], withPassword);
    expect(early.code).toBe(1);
    expect(early.stderr).toMatch(/^USER_NOT_CONFIRMED: .+\n$/);

    const confirm = await cli(['confirm', '--email', email, '--from-outbox', '--json']);
    expect(confirm).toMatchObject({ code: 0, stderr: '' });
    expect(confirm.json()).toEqual({ confirmed: true, email });

    const wrong = await cli(['signin', '--email', email, '--password-stdin'], {
      stdin: 'wrong-password-123\n',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe('NOT_AUTHORIZED: Incorrect username or password.\n');

    const signin = await cli(['signin', '--email', email, '--password-stdin', '--json'], {
      stdin: `${PASSWORD}\n`,
    });
    expect(signin).toMatchObject({ code: 0, stderr: '' });
    expect(signin.json()).toMatchObject({ status: 'signed-in', user: { email } });
    expect(statSync(sessionFile()).mode & 0o777).toBe(0o600);

    const whoami = await cli(['whoami', '--json']);
    expect(whoami).toMatchObject({ code: 0, stderr: '' });
    expect(whoami.json()).toMatchObject({ email, displayName: 'Ana', role: 'member' });
  });

  it('creates, lists, reads, updates and deletes a note', async () => {
    const created = await cli([
      'notes',
      'create',
      '--title',
      'First',
      '--body',
      'Hello',
      '--tag',
      'cli',
      '--json',
    ]);
    expect(created).toMatchObject({ code: 0, stderr: '' });
    const note = created.json<{ noteId: string; version: number }>();
    expect(note).toMatchObject({ title: 'First', body: 'Hello', tags: ['cli'], version: 1 });

    const list = await cli(['notes', 'list', '--limit', '10', '--json']);
    expect(list.code).toBe(0);
    expect(list.json()).toMatchObject({ items: [{ noteId: note.noteId }], nextCursor: null });

    const text = await cli(['notes', 'list']);
    expect(text.stdout).toBe(`${note.noteId}  v1  First  [cli]\n`);

    const got = await cli(['notes', 'get', note.noteId, '--json']);
    expect(got.json()).toMatchObject({ noteId: note.noteId, title: 'First' });

    const updated = await cli([
      'notes',
      'update',
      note.noteId,
      '--expected-version',
      '1',
      '--title',
      'Renamed',
      '--json',
    ]);
    expect(updated).toMatchObject({ code: 0, stderr: '' });
    expect(updated.json()).toMatchObject({ title: 'Renamed', version: 2 });

    const stale = await cli(['notes', 'update', note.noteId, '--expected-version', '1', '--title', 'Again']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/^CONFLICT: .+\n$/);

    const deleted = await cli(['notes', 'delete', note.noteId, '--json']);
    expect(deleted).toMatchObject({ code: 0, stderr: '' });
    expect(deleted.json()).toEqual({ deleted: true, noteId: note.noteId });

    const gone = await cli(['notes', 'get', note.noteId]);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/^NOT_FOUND: .+\n$/);
  });

  it('signs out, after which protected commands say so', async () => {
    const signout = await cli(['signout', '--json']);
    expect(signout).toMatchObject({ code: 0, stderr: '' });
    expect(signout.json()).toEqual({ signedOut: true });
    expect(statSync(sessionFile()).mode & 0o777).toBe(0o600);

    const whoami = await cli(['whoami']);
    expect(whoami.code).toBe(1);
    expect(whoami.stdout).toBe('');
    expect(whoami.stderr).toMatch(/^NOT_SIGNED_IN: [^\n]+\n$/);
  });

  it('refuses --from-outbox against a deployed stack', async () => {
    const outputs = join(stateDir, 'outputs.json');
    const run = await cli(['confirm', '--email', email, '--from-outbox', '--outputs', outputs], {
      env: { XDG_STATE_HOME: join(stateDir, 'xdg') },
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('USAGE: --from-outbox works only against the local stack; use --code <code>\n');
  });
});
