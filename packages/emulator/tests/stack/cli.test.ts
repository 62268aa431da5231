import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The CLI runs from its TypeScript source through tsx, so the test never waits on a build.
const packageDir = join(import.meta.dirname, '..', '..');
const cli = join(packageDir, 'src', 'cli.ts');
const fixture = join(packageDir, 'tests', 'fixtures', 'basic-app');
const root = mkdtempSync(join(tmpdir(), 'gatehouse-cli-'));

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function run(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, ...args], {
    cwd: packageDir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Settles when the CLI has printed `text` (checked on each chunk of output, not on a timer), or has exited. */
function waitFor(r: Run, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const streams = [r.child.stdout, r.child.stderr];
    const stop = () => {
      for (const stream of streams) stream?.off('data', onData);
      r.child.off('close', onClose);
    };
    // Registered after run()'s own listeners, so the output already holds the chunk.
    const onData = () => {
      if (!r.output().includes(text)) return;
      stop();
      resolve();
    };
    const onClose = () => {
      stop();
      reject(new Error(`CLI exited before "${text}":\n${r.output()}`));
    };
    for (const stream of streams) stream?.on('data', onData);
    r.child.on('close', onClose);
    onData();
  });
}

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('gatehouse-emulator CLI', () => {
  it('prints help with every default', async () => {
    const r = run(['--help']);
    expect(await r.exited).toBe(0);
    expect(r.output()).toContain('Usage: gatehouse-emulator start --assembly <cdk.out>');
    expect(r.output()).toContain('env GATEHOUSE_API_PORT       default 3000');
  });

  it('exits with status 2 and names the problem on bad input', async () => {
    const r = run(['start', '--assembly', fixture], { GATEHOUSE_COGNITO_PORT: 'lots' });
    expect(await r.exited).toBe(2);
    expect(r.output()).toContain('--cognito-port / GATEHOUSE_COGNITO_PORT must be a port number');
  });

  it('exits with status 1 and a clear message when the assembly is missing', async () => {
    const r = run(['start', '--assembly', join(root, 'nowhere'), '--state-dir', join(root, 'x')]);
    expect(await r.exited).toBe(1);
    expect(r.output()).toContain('does not exist (run cdk synth first)');
  });

  it('starts the stack with settings from the environment, writes outputs, and stops cleanly on SIGTERM', async () => {
    const stateDir = join(root, 'state');
    const r = run(['start', '--assembly', fixture, '--api-port', '0'], {
      GATEHOUSE_STATE_DIR: stateDir,
      GATEHOUSE_COGNITO_PORT: '0',
      GATEHOUSE_AUTH_PORT: '0',
      GATEHOUSE_DYNAMODB_PORT: '0',
      // Would be used if the flag did not win over it.
      GATEHOUSE_API_PORT: '1',
    });
    await waitFor(r, 'Local stack ready');
    const outputs = JSON.parse(readFileSync(join(stateDir, 'outputs.json'), 'utf8'));
    const endpoints = JSON.parse(readFileSync(join(stateDir, 'endpoints.json'), 'utf8'));
    expect(outputs.BasicApp.ApiUrl).toBe(`${endpoints.apigateway}/prod/`);
    const unauthorized = await fetch(`${outputs.BasicApp.ApiUrl}items/1`);
    expect(unauthorized.status).toBe(401);
    r.child.kill('SIGTERM');
    expect(await r.exited).toBe(0);
    expect(r.output()).toContain('Local stack stopped');
  });
});
