import { describe, expect, it } from 'vitest';
import { fetchCognitoTransport } from '../../src/cognito/fetch-cognito-transport.js';
import { NetworkError, NotSignedInError, SessionExpiredError } from '../../src/errors/client-error.js';
import { type SessionChange, SessionManager } from '../../src/session/session-manager.js';
import { memoryStorage } from '../../src/storage/session-storage.js';
import { CLIENT_ID, FakeCognito } from '../support/fake-cognito.js';

const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);
const MINUTE = 60_000;

/** A session manager on a device whose clock is `deviceOffsetMs` away from the server's. */
async function setup(options: { deviceOffsetMs?: number; accessTokenSeconds?: number } = {}) {
  let serverNow = T0;
  const cognito = new FakeCognito({
    now: () => serverNow,
    accessTokenSeconds: options.accessTokenSeconds ?? 3600,
  });
  const user = cognito.addUser('ana@example.com', 'Password-123');
  const storage = memoryStorage();
  const network = { offline: false };
  const manager = new SessionManager({
    storage,
    storageKey: 'session',
    cognito: fetchCognitoTransport('us-east-1', {
      endpoint: 'https://cognito.test/',
      fetch: async (input, init) => {
        if (network.offline) throw new TypeError('fetch failed');
        return cognito.fetch(input, init);
      },
    }),
    clientId: CLIENT_ID,
    now: () => serverNow + (options.deviceOffsetMs ?? 0),
    refreshMarginMs: MINUTE,
  });
  const changes: SessionChange[] = [];
  manager.onChange((change) => changes.push(change));
  const signIn = await cognito.handle(
    'AWSCognitoIdentityProviderService.InitiateAuth',
    {
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: CLIENT_ID,
      AuthParameters: { USERNAME: user.email, PASSWORD: user.password },
    },
    {},
  );
  await manager.signIn((signIn.payload as { AuthenticationResult: object }).AuthenticationResult);
  cognito.calls.length = 0;
  return {
    cognito,
    manager,
    storage,
    changes,
    network,
    advance: (ms: number) => {
      serverNow += ms;
    },
  };
}

describe('SessionManager refresh timing', () => {
  it.each([
    { clock: 'in step with the server', deviceOffsetMs: 0 },
    { clock: '10 minutes behind the server', deviceOffsetMs: -10 * MINUTE },
    { clock: '2 hours ahead of the server', deviceOffsetMs: 120 * MINUTE },
  ])(
    'refreshes one minute before expiry in server time when the device clock is $clock',
    async ({ deviceOffsetMs }) => {
      const { cognito, manager, advance } = await setup({ deviceOffsetMs });
      const first = await manager.accessToken();

      advance(58 * MINUTE);
      expect(await manager.accessToken()).toBe(first);
      expect(cognito.count('InitiateAuth')).toBe(0);

      advance(MINUTE + 1000);
      const second = await manager.accessToken();
      expect(second).not.toBe(first);
      expect(cognito.count('InitiateAuth')).toBe(1);
      expect(cognito.calls[0]?.body).toMatchObject({ AuthFlow: 'REFRESH_TOKEN_AUTH' });
    },
  );

  it('keeps the refresh token when Cognito does not rotate it, and persists the new tokens', async () => {
    const { cognito, manager, storage, advance } = await setup();
    const before = JSON.parse(String(await storage.getItem('session')));
    advance(60 * MINUTE);

    await manager.accessToken();
    await manager.accessToken();

    const after = JSON.parse(String(await storage.getItem('session')));
    expect(after.refreshToken).toBe(before.refreshToken);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(cognito.count('InitiateAuth')).toBe(1);
  });

  it('shares one refresh among concurrent callers', async () => {
    const { cognito, manager, advance, changes } = await setup();
    advance(60 * MINUTE);
    const refresh = cognito.holdRefreshes();

    const calls = Array.from({ length: 5 }, () => manager.accessToken());
    await refresh.arrived;
    refresh.release();
    const tokens = await Promise.all(calls);

    expect(new Set(tokens).size).toBe(1);
    expect(cognito.count('InitiateAuth')).toBe(1);
    expect(changes.map((c) => c.type)).toEqual(['signed-in', 'refreshed']);
  });

  it('refreshes a token the API rejected, but only if the session still holds it', async () => {
    const { cognito, manager } = await setup();
    const first = await manager.accessToken();

    const second = await manager.accessToken({ rejected: first });
    const third = await manager.accessToken({ rejected: first });

    expect(second).not.toBe(first);
    expect(third).toBe(second);
    expect(cognito.count('InitiateAuth')).toBe(1);
  });
});

describe('SessionManager sign-out during a refresh', () => {
  it('drops the refreshed tokens instead of bringing the ended session back', async () => {
    const { cognito, manager, storage, advance, changes } = await setup();
    advance(60 * MINUTE);
    const refresh = cognito.holdRefreshes();

    const waiting = manager.accessToken();
    await refresh.arrived;
    await manager.clear('sign-out');
    refresh.release();

    await expect(waiting).rejects.toBeInstanceOf(NotSignedInError);
    expect(await storage.getItem('session')).toBeNull();
    expect(await manager.hasSession()).toBe(false);
    expect(changes.map((c) => c.type)).toEqual(['signed-in', 'signed-out']);
  });
});

describe('SessionManager when the refresh token is refused', () => {
  it('signs out, tells the listeners once and throws SessionExpiredError to every waiting caller', async () => {
    const { cognito, manager, storage, advance, changes } = await setup();
    for (const token of cognito.refreshTokens.keys()) cognito.revokedRefreshTokens.add(token);
    advance(60 * MINUTE);

    const results = await Promise.allSettled([
      manager.accessToken(),
      manager.accessToken(),
      manager.accessToken(),
    ]);

    for (const result of results) {
      expect(result.status).toBe('rejected');
      expect((result as PromiseRejectedResult).reason).toBeInstanceOf(SessionExpiredError);
    }
    expect(cognito.count('InitiateAuth')).toBe(1);
    expect(changes.map((c) => c.type)).toEqual(['signed-in', 'signed-out']);
    expect(changes.at(-1)).toMatchObject({ reason: 'session-expired' });
    expect(await storage.getItem('session')).toBeNull();
    await expect(manager.accessToken()).rejects.toBeInstanceOf(NotSignedInError);
    expect(cognito.count('InitiateAuth')).toBe(1);
  });

  it('keeps the session when the refresh fails for lack of network, so a later call can retry', async () => {
    const { cognito, manager, advance, network, changes } = await setup();
    advance(60 * MINUTE);
    network.offline = true;

    await expect(manager.accessToken()).rejects.toBeInstanceOf(NetworkError);

    expect(await manager.hasSession()).toBe(true);
    network.offline = false;
    expect(await manager.accessToken()).toEqual(expect.stringMatching(/^ey/));
    expect(cognito.count('InitiateAuth')).toBe(1);
    expect(changes.map((c) => c.type)).toEqual(['signed-in', 'refreshed']);
  });
});

describe('SessionManager and the managed login', () => {
  it('remembers that a session came from the managed login, through refreshes and reloads', async () => {
    const { cognito, manager, storage, advance } = await setup();
    expect(await manager.fromManagedLogin()).toBe(false);
    const signIn = await cognito.handle(
      'AWSCognitoIdentityProviderService.InitiateAuth',
      {
        AuthFlow: 'USER_PASSWORD_AUTH',
        ClientId: CLIENT_ID,
        AuthParameters: { USERNAME: 'ana@example.com', PASSWORD: 'Password-123' },
      },
      {},
    );
    await manager.signIn((signIn.payload as { AuthenticationResult: object }).AuthenticationResult, {
      managedLogin: true,
    });
    advance(60 * MINUTE);
    await manager.accessToken();

    expect(await manager.fromManagedLogin()).toBe(true);
    const reloaded = new SessionManager({
      storage,
      storageKey: 'session',
      cognito: fetchCognitoTransport('us-east-1', { fetch: cognito.fetch }),
      clientId: CLIENT_ID,
      now: () => T0,
      refreshMarginMs: MINUTE,
    });
    expect(await reloaded.fromManagedLogin()).toBe(true);
    await reloaded.clear('sign-out');
    expect(await reloaded.fromManagedLogin()).toBe(false);
  });
});
