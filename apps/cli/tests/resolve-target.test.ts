import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@org/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deployedSessionFile, resolveTarget } from '../src/resolve-target.js';

const stack = {
  ApiUrl: 'https://abc.execute-api.eu-west-1.amazonaws.com/prod/',
  UserPoolId: 'eu-west-1_AbC123xyz',
  UserPoolClientId: 'client123',
  Region: 'eu-west-1',
  TableName: 'Notes',
};

describe('resolveTarget', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gatehouse-cli-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('uses the local stack of the workspace, with the session in its state directory', async () => {
    await writeFile(join(dir, 'pnpm-workspace.yaml'), 'packages: []\n');
    await mkdir(join(dir, '.local'));
    await writeFile(join(dir, '.local', 'outputs.json'), JSON.stringify({ Gatehouse: stack }));
    await writeFile(
      join(dir, '.local', 'endpoints.json'),
      JSON.stringify({
        cognito: 'http://127.0.0.1:9229/',
        apigateway: 'http://127.0.0.1:3000/',
        dynamodb: 'http://127.0.0.1:8000/',
      }),
    );

    const target = await resolveTarget({ json: false, passwordStdin: false }, { cwd: join(dir), env: {} });
    expect(target).toMatchObject({
      local: true,
      sessionFile: join(dir, '.local', 'cli-session.json'),
      config: { clientId: 'client123', cognitoEndpoint: 'http://127.0.0.1:9229/' },
    });
  });

  it('uses --outputs relative to the working directory, with the session under XDG_STATE_HOME', async () => {
    await writeFile(
      join(dir, 'out.json'),
      JSON.stringify({ A: stack, B: { ...stack, UserPoolClientId: 'b' } }),
    );

    const target = await resolveTarget(
      { json: false, passwordStdin: false, outputs: 'out.json', stack: 'B' },
      { cwd: dir, env: { XDG_STATE_HOME: join(dir, 'state') } },
    );
    expect(target).toMatchObject({
      local: false,
      sessionFile: join(dir, 'state', 'gatehouse', 'session-b.json'),
      config: { clientId: 'b' },
    });
  });

  it('names an outputs file it cannot read', async () => {
    const error = await resolveTarget(
      { json: false, passwordStdin: false, outputs: 'missing.json' },
      { cwd: dir, env: {} },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toContain(join(dir, 'missing.json'));
  });
});

describe('deployedSessionFile', () => {
  it.each([
    { env: { XDG_STATE_HOME: '/x/state', HOME: '/home/ana' }, file: '/x/state/gatehouse/session-abc.json' },
    { env: { HOME: '/home/ana' }, file: '/home/ana/.local/state/gatehouse/session-abc.json' },
  ])('is $file for $env', ({ env, file }) => {
    expect(deployedSessionFile('abc', env)).toBe(file);
  });

  it('keeps the client id from leaving the folder', () => {
    expect(deployedSessionFile('../../etc', { HOME: '/h' })).toBe(
      '/h/.local/state/gatehouse/session-______etc.json',
    );
  });
});
