import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { CognitoService } from '../../src/cognito/cognito-service.js';
import { CognitoStore } from '../../src/cognito/cognito-store.js';
import { STRONG_PASSWORD } from './cognito-test-harness.js';

const dirs: string[] = [];
function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cognito-store-'));
  dirs.push(dir);
  return join(dir, 'cognito.sqlite');
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the Cognito store', () => {
  it('keeps pools, clients, users, groups, keys and unexpired refresh tokens across a restart', async () => {
    const database = tempDb();
    let now = Date.now();
    const first = CognitoService.open({ database, now: () => now });
    const poolId = ((await first.call('CreateUserPool', { PoolName: 'durable' })).UserPool as { Id: string })
      .Id;
    const clientId = (
      (
        await first.call('CreateUserPoolClient', {
          UserPoolId: poolId,
          ClientName: 'c',
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        })
      ).UserPoolClient as { ClientId: string }
    ).ClientId;
    await first.call('CreateGroup', { UserPoolId: poolId, GroupName: 'staff' });
    await first.call('SignUp', { ClientId: clientId, Username: 'ann', Password: STRONG_PASSWORD });
    await first.call('AdminConfirmSignUp', { UserPoolId: poolId, Username: 'ann' });
    await first.call('AdminAddUserToGroup', { UserPoolId: poolId, Username: 'ann', GroupName: 'staff' });
    const signIn = {
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'ann', PASSWORD: STRONG_PASSWORD },
    };
    const tokens = (await first.call('InitiateAuth', signIn)).AuthenticationResult as {
      RefreshToken: string;
    };
    const jwks = first.jwks(poolId);
    first.close();

    const second = CognitoService.open({ database, now: () => now });
    expect(second.jwks(poolId)).toEqual(jwks);
    await expect(
      second.call('DescribeUserPoolClient', { UserPoolId: poolId, ClientId: clientId }),
    ).resolves.toBeDefined();
    await expect(second.call('GetGroup', { UserPoolId: poolId, GroupName: 'staff' })).resolves.toBeDefined();
    await expect(second.call('InitiateAuth', signIn)).resolves.toMatchObject({
      AuthenticationResult: expect.any(Object),
    });
    const refresh = {
      ClientId: clientId,
      AuthFlow: 'REFRESH_TOKEN_AUTH',
      AuthParameters: { REFRESH_TOKEN: tokens.RefreshToken },
    };
    await expect(second.call('InitiateAuth', refresh)).resolves.toMatchObject({
      AuthenticationResult: expect.any(Object),
    });
    second.close();

    // Opened after the refresh token expired: the token is gone.
    now += 31 * 86_400_000;
    const third = CognitoService.open({ database, now: () => now });
    await expect(third.call('InitiateAuth', refresh)).rejects.toMatchObject({
      name: 'NotAuthorizedException',
      message: 'Invalid Refresh Token',
    });
    third.close();
  });

  it('stores neither passwords nor refresh tokens in clear', async () => {
    const database = tempDb();
    const service = CognitoService.open({ database });
    const poolId = ((await service.call('CreateUserPool', { PoolName: 'secret' })).UserPool as { Id: string })
      .Id;
    const clientId = (
      (
        await service.call('CreateUserPoolClient', {
          UserPoolId: poolId,
          ClientName: 'c',
          ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        })
      ).UserPoolClient as { ClientId: string }
    ).ClientId;
    await service.call('SignUp', { ClientId: clientId, Username: 'bo', Password: STRONG_PASSWORD });
    await service.call('AdminConfirmSignUp', { UserPoolId: poolId, Username: 'bo' });
    const t = (
      await service.call('InitiateAuth', {
        ClientId: clientId,
        AuthFlow: 'USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: 'bo', PASSWORD: STRONG_PASSWORD },
      })
    ).AuthenticationResult as { RefreshToken: string };
    service.close();
    const bytes = Buffer.concat(
      [database, `${database}-wal`].filter((f) => existsSync(f)).map((f) => readFileSync(f)),
    ).toString('latin1');
    expect(bytes).not.toContain(STRONG_PASSWORD);
    expect(bytes).not.toContain(t.RefreshToken.split('.')[1] ?? 'x');
  });

  it('opens a schema 1 store: adds resource servers and moves the clients’ OAuth settings out of Passthrough', async () => {
    const database = tempDb();
    const first = CognitoService.open({ database });
    const poolId = ((await first.call('CreateUserPool', { PoolName: 'old' })).UserPool as { Id: string }).Id;
    const client = (await first.call('CreateUserPoolClient', { UserPoolId: poolId, ClientName: 'c' }))
      .UserPoolClient as { ClientId: string };
    first.close();
    // What schema 1 wrote: no resource_servers table, the OAuth members kept as given in Passthrough.
    const oauth = {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid'],
      CallbackURLs: ['https://app.example/cb'],
      SupportedIdentityProviders: ['COGNITO'],
    };
    const db = new Database(database);
    const row = db.prepare('SELECT data FROM clients WHERE id = ?').get(client.ClientId) as { data: string };
    const stored = JSON.parse(row.data) as Record<string, unknown>;
    for (const key of Object.keys(oauth)) delete stored[key];
    stored.Passthrough = { ...oauth, EnablePropagateAdditionalUserContextData: true };
    db.prepare('UPDATE clients SET data = ? WHERE id = ?').run(JSON.stringify(stored), client.ClientId);
    // What schema 1 lacked: the resource servers (step 2), the domains and OAuth grants (step 3).
    db.exec('DROP TABLE resource_servers; DROP TABLE user_pool_domains; DROP TABLE oauth_grants');
    db.prepare("UPDATE meta SET value = '1' WHERE key = 'schema_version'").run();
    db.close();

    const store = new CognitoStore(database);
    const migrated = store.getClient(client.ClientId);
    store.close();
    expect(migrated).toMatchObject({
      ...oauth,
      Passthrough: { EnablePropagateAdditionalUserContextData: true },
    });
    const second = CognitoService.open({ database });
    await second.call('CreateResourceServer', { UserPoolId: poolId, Identifier: 'api', Name: 'API' });
    expect(await second.call('ListResourceServers', { UserPoolId: poolId, MaxResults: 1 })).toMatchObject({
      ResourceServers: [{ Identifier: 'api' }],
    });
    second.close();
  });

  it('refuses a store written by a newer version, saying why', () => {
    const database = tempDb();
    new CognitoStore(database).close();
    const db = new Database(database);
    db.prepare("UPDATE meta SET value = '99' WHERE key = 'schema_version'").run();
    db.close();
    expect(() => new CognitoStore(database)).toThrow(/newer version/);
  });

  it('loses no answered SignUp when the process is killed mid-stream', async () => {
    const database = tempDb();
    const script = fileURLToPath(new URL('./fixtures/cognito-server-process.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, database], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const ready = await new Promise<{ url: string; poolId: string; clientId: string }>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const line = out.split('\n')[0];
        if (out.includes('\n') && line !== undefined)
          resolve(JSON.parse(line) as { url: string; poolId: string; clientId: string });
      });
      child.on('exit', (code) => reject(new Error(`server exited early (${code})`)));
    });
    const answered: string[] = [];
    let reachedHundred: () => void = () => {};
    const hundredAnswered = new Promise<void>((resolve) => {
      reachedHundred = resolve;
    });
    let stop = false;
    let n = 0;
    const worker = async () => {
      while (!stop) {
        const Username = `u${n++}`;
        try {
          const res = await fetch(`${ready.url}/`, {
            method: 'POST',
            headers: {
              'content-type': 'application/x-amz-json-1.1',
              'x-amz-target': 'AWSCognitoIdentityProviderService.SignUp',
            },
            body: JSON.stringify({ ClientId: ready.clientId, Username, Password: STRONG_PASSWORD }),
          });
          if (res.status === 200 && answered.push(Username) === 100) reachedHundred();
        } catch {
          // The connection died with the process: this SignUp was never answered.
        }
      }
    };
    const workers = [worker(), worker(), worker(), worker()];
    await hundredAnswered;
    child.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    await new Promise((r) =>
      child.exitCode === null && child.signalCode === null ? child.on('exit', r) : r(undefined),
    );

    const reopened = CognitoService.open({ database });
    let missing = 0;
    for (const Username of answered) {
      try {
        await reopened.call('AdminGetUser', { UserPoolId: ready.poolId, Username });
      } catch {
        missing++;
      }
    }
    reopened.close();
    expect(answered.length).toBeGreaterThanOrEqual(100);
    expect(missing).toBe(0);
  });
});
