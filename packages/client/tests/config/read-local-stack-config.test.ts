import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLocalStackConfig } from '../../src/config/read-local-stack-config.js';
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
});
