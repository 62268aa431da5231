import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalTable, startLocalTable } from '../support/local-table.js';
import { accessClaims, proxyEvent } from '../support/proxy-event.js';

const run = promisify(execFile);
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const packageJson = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as {
  version: string;
  devDependencies: Record<string, string>;
};
let outdir: string;
let table: LocalTable;

beforeAll(async () => {
  outdir = mkdtempSync(join(tmpdir(), 'gatehouse-api-bundle-'));
  await run(process.execPath, [join(packageRoot, 'scripts', 'build.mjs'), '--outdir', outdir]);
  table = await startLocalTable();
});

afterAll(async () => {
  await table?.close();
  rmSync(outdir, { recursive: true, force: true });
});

/**
 * Runs the bundled handler in a fresh Node process, configured only through the environment the
 * stack sets (the DynamoDB endpoint through the SDK's standard variable), and returns its answers.
 */
async function runBundle(
  entry: string,
  events: unknown[],
  env: Record<string, string>,
): Promise<{ results: unknown[]; log: string }> {
  const script = `
    const { handler } = await import(${JSON.stringify(pathToFileURL(join(outdir, entry, 'index.mjs')).href)});
    const results = [];
    for (const event of JSON.parse(process.env.EVENTS)) results.push(await handler(event));
    process.stdout.write('\\n@@' + JSON.stringify(results));`;
  const { stdout, stderr } = await run(process.execPath, ['--input-type=module', '-e', script], {
    env: { PATH: process.env.PATH ?? '', NODE_NO_WARNINGS: '1', EVENTS: JSON.stringify(events), ...env },
  });
  const marker = stdout.lastIndexOf('\n@@');
  // The logger writes warnings and errors to stderr, the rest to stdout.
  return { results: JSON.parse(stdout.slice(marker + 3)), log: stdout.slice(0, marker) + stderr };
}

async function invokeBundle(
  entry: string,
  events: unknown[],
  env: Record<string, string>,
): Promise<unknown[]> {
  return (await runBundle(entry, events, env)).results;
}

describe('the built Lambda bundles', () => {
  it('writes one ESM file with a source map per entry point', () => {
    for (const entry of ['handler', 'pre-token-generation']) {
      const code = readFileSync(join(outdir, entry, 'index.mjs'), 'utf8');
      expect(existsSync(join(outdir, entry, 'index.mjs.map'))).toBe(true);
      expect(/export\s*\{[^}]*\bas handler\b/.test(code)).toBe(true);
      // Everything but Node's built-ins is bundled: a Lambda asset folder has no node_modules.
      const imported = [...code.matchAll(/\bfrom\s*["']([^"']+)["']/g)].map((m) => m[1] ?? '');
      expect(imported.length).toBeGreaterThan(0);
      expect(imported.filter((name) => !builtinModules.includes(name.replace(/^node:/, '')))).toEqual([]);
    }
  });

  it('serves the API against DynamoDB reached through AWS_ENDPOINT_URL_DYNAMODB', async () => {
    const claims = accessClaims({ sub: 'bundle-user', groups: ['admin'] });
    const json = { 'Content-Type': 'application/json' };
    const results = (await invokeBundle(
      'handler',
      [
        proxyEvent({
          method: 'POST',
          path: '/notes',
          claims,
          headers: json,
          body: '{"title":"from the bundle"}',
        }),
        proxyEvent({ method: 'GET', path: '/notes', claims }),
        proxyEvent({ method: 'GET', path: '/admin/stats', claims }),
        proxyEvent({ method: 'GET', path: '/notes' }),
      ],
      {
        TABLE_NAME: table.tableName,
        STAGE: 'test',
        CORS_ALLOWED_ORIGINS: '*',
        API_DEV_MODE: 'true',
        LOG_LEVEL: 'SILENT',
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
      },
    )) as { statusCode: number; body: string }[];
    expect(results.map((r) => r.statusCode)).toEqual([201, 200, 200, 401]);
    expect(JSON.parse(results[1]?.body ?? '').items).toMatchObject([{ title: 'from the bundle' }]);
    expect(JSON.parse(results[2]?.body ?? '')).toEqual({ users: 1, notes: 1 });
  });

  it('reports the package version, injected at build time instead of bundling package.json', async () => {
    const [health] = (await invokeBundle('handler', [proxyEvent({ method: 'GET', path: '/health' })], {
      TABLE_NAME: table.tableName,
      STAGE: 'test',
      CORS_ALLOWED_ORIGINS: '*',
      LOG_LEVEL: 'SILENT',
      AWS_REGION: 'us-east-1',
    })) as { statusCode: number; body: string }[];
    expect(health?.statusCode).toBe(200);
    expect(JSON.parse(health?.body ?? '')).toEqual({ status: 'ok', version: packageJson.version });
    const code = readFileSync(join(outdir, 'handler', 'index.mjs'), 'utf8');
    // No package.json travels whole: neither the api's nor the SDK's (whose version stays, for its user agent).
    expect(code).not.toContain('devDependencies');
    for (const name of Object.keys(packageJson.devDependencies)) expect(code).not.toContain(`"${name}"`);
    expect(code).toMatch(/name:"@aws-sdk\/client-dynamodb",version:"\d+\.\d+\.\d+"\}/);
  });

  it('leaves the OpenAPI builder out of the handler bundle', () => {
    const code = readFileSync(join(outdir, 'handler', 'index.mjs'), 'utf8');
    // The security scheme name and its description are text only @org/contracts/openapi holds.
    expect(code).not.toContain('CognitoUserPool');
    expect(code).not.toContain('sent as `Authorization: Bearer');
  });

  it('leaves the SDK default credential chain and event streams out of the handler bundle', () => {
    const code = readFileSync(join(outdir, 'handler', 'index.mjs'), 'utf8');
    // Variables and settings only the chain's other links (web identity, ECS/IMDS, SSO, profiles) read.
    for (const name of [
      'AWS_WEB_IDENTITY_TOKEN_FILE',
      'AWS_CONTAINER_CREDENTIALS_FULL_URI',
      'sso_start_url',
    ]) {
      expect(code).not.toContain(name);
    }
    expect(code).toContain('DynamoDB has none');
    expect(code).not.toContain(':message-type');
  });

  it('takes credentials from the environment only: without them a request fails, the process does not', async () => {
    const { results, log } = await runBundle(
      'handler',
      [proxyEvent({ method: 'GET', path: '/notes', claims: accessClaims({ sub: 'no-credentials' }) })],
      {
        TABLE_NAME: table.tableName,
        STAGE: 'test',
        CORS_ALLOWED_ORIGINS: '*',
        LOG_LEVEL: 'ERROR',
        AWS_REGION: 'us-east-1',
        AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
      },
    );
    expect((results as { statusCode: number }[]).map((r) => r.statusCode)).toEqual([500]);
    // The explicit fromEnv() provider answered, not the stand-in for the default chain.
    expect(log).toContain('Unable to find environment variable credentials');
    expect(log).not.toContain('without the default credential chain');
  });

  it('fails to start without its configuration, naming the variable', async () => {
    await expect(
      invokeBundle('handler', [], { STAGE: 'test', CORS_ALLOWED_ORIGINS: '*', AWS_REGION: 'us-east-1' }),
    ).rejects.toThrow(/TABLE_NAME/);
  });

  it('runs the trigger bundle on a V2 event', async () => {
    const [event] = (await invokeBundle(
      'pre-token-generation',
      [
        {
          version: '2',
          triggerSource: 'TokenGeneration_Authentication',
          region: 'us-east-1',
          userPoolId: 'us-east-1_AbC123xyz',
          userName: 'kim',
          callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: 'client' },
          request: {
            userAttributes: { email: 'kim@example.com' },
            groupConfiguration: { groupsToOverride: ['admin'] },
          },
          response: { claimsAndScopeOverrideDetails: null },
        },
      ],
      { LOG_LEVEL: 'SILENT' },
    )) as { response: { claimsAndScopeOverrideDetails: unknown } }[];
    expect(event?.response.claimsAndScopeOverrideDetails).toEqual({
      idTokenGeneration: { claimsToAddOrOverride: { display_name: 'kim', role: 'admin' } },
      accessTokenGeneration: {
        claimsToAddOrOverride: { display_name: 'kim', role: 'admin', email: 'kim@example.com' },
      },
    });
  });
});
