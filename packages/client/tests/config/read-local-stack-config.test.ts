import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findLocalStateDir, readLocalStackConfig } from '../../src/config/read-local-stack-config.js';
import { ConfigError } from '../../src/errors/client-error.js';

const outputs = {
  Gatehouse: {
    ApiUrl: 'http://127.0.0.1:3000/prod/',
    UserPoolId: 'us-east-1_AbC123xyz',
    UserPoolClientId: 'client123',
    Region: 'us-east-1',
    TableName: 'Notes',
  },
};

describe('readLocalStackConfig', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gatehouse-state-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads outputs.json and endpoints.json', async () => {
    await writeFile(join(dir, 'outputs.json'), JSON.stringify(outputs));
    await writeFile(
      join(dir, 'endpoints.json'),
      JSON.stringify({
        cognito: 'http://127.0.0.1:9229/',
        apigateway: 'http://127.0.0.1:3000/',
        dynamodb: 'http://127.0.0.1:8000/',
      }),
    );

    expect(await readLocalStackConfig(dir)).toMatchObject({
      clientId: 'client123',
      cognitoEndpoint: 'http://127.0.0.1:9229/',
    });
  });

  it('works with an outputs file alone (a deployed stack)', async () => {
    await writeFile(join(dir, 'outputs.json'), JSON.stringify(outputs));

    expect(await readLocalStackConfig(dir)).not.toHaveProperty('cognitoEndpoint');
  });

  it.each([
    { case: 'no outputs.json', files: {}, message: /Cannot read .*outputs\.json/ },
    {
      case: 'outputs.json that is not JSON',
      files: { 'outputs.json': '{' },
      message: /outputs\.json is not valid JSON/,
    },
  ])('says what is wrong with $case', async ({ files, message }) => {
    for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);

    const error = await readLocalStackConfig(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
  });

  describe('without a state directory', () => {
    async function stack(stateDir: string): Promise<void> {
      await mkdir(stateDir, { recursive: true });
      await writeFile(join(stateDir, 'outputs.json'), JSON.stringify(outputs));
    }

    it('finds .local at the workspace root from a package folder', async () => {
      await writeFile(join(dir, 'pnpm-workspace.yaml'), 'packages: []\n');
      await stack(join(dir, '.local'));
      await mkdir(join(dir, 'packages', 'x', 'src'), { recursive: true });

      const config = await readLocalStackConfig(undefined, {
        cwd: join(dir, 'packages', 'x', 'src'),
        env: {},
      });
      expect(config.clientId).toBe('client123');
    });

    it('finds .local/outputs.json above the working directory when there is no workspace file', async () => {
      await stack(join(dir, '.local'));
      await mkdir(join(dir, 'scratch'), { recursive: true });

      const config = await readLocalStackConfig(undefined, { cwd: join(dir, 'scratch'), env: {} });
      expect(config.userPoolId).toBe('us-east-1_AbC123xyz');
    });

    it('prefers GATEHOUSE_STATE_DIR, relative to the workspace root', async () => {
      await writeFile(join(dir, 'pnpm-workspace.yaml'), 'packages: []\n');
      await stack(join(dir, 'other-state'));
      await mkdir(join(dir, 'apps', 'cli'), { recursive: true });

      const config = await readLocalStackConfig(undefined, {
        cwd: join(dir, 'apps', 'cli'),
        env: { GATEHOUSE_STATE_DIR: 'other-state' },
      });
      expect(config.clientId).toBe('client123');
    });

    it('names the state directory it looked in when the stack has not written it', async () => {
      await writeFile(join(dir, 'pnpm-workspace.yaml'), 'packages: []\n');
      await mkdir(join(dir, 'packages', 'x'), { recursive: true });

      const error = await readLocalStackConfig(undefined, { cwd: join(dir, 'packages', 'x'), env: {} }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain(join(dir, '.local', 'outputs.json'));
      expect((error as Error).message).toContain('npm run dev');
    });

    it('names the folder it searched from when there is no workspace above it', async () => {
      const error = await readLocalStackConfig(undefined, { cwd: dir, env: {} }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/^No local stack found/);
      expect((error as Error).message).toContain(dir);
    });
  });
});

describe('findLocalStateDir', () => {
  it.each([
    { env: {}, expected: ['.local'] },
    { env: { GATEHOUSE_STATE_DIR: 'state' }, expected: ['state'] },
  ])('is the folder readLocalStackConfig reads with $env', async ({ env, expected }) => {
    const dir = await mkdtemp(join(tmpdir(), 'gatehouse-state-'));
    try {
      await writeFile(join(dir, 'pnpm-workspace.yaml'), 'packages: []\n');
      await mkdir(join(dir, 'apps', 'cli'), { recursive: true });

      expect(findLocalStateDir({ cwd: join(dir, 'apps', 'cli'), env })).toBe(join(dir, ...expected));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
