import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBrowserClient } from '../../src/client/create-browser-client.js';
import { fetchCognitoTransport } from '../../src/cognito/fetch-cognito-transport.js';
import { ConfigError, InvalidTokenError } from '../../src/errors/client-error.js';
import {
  AccessDeniedError,
  InvalidGrantError,
  NonceMismatchError,
  StateMismatchError,
} from '../../src/oauth/oauth-errors.js';
import { memoryStorage } from '../../src/storage/session-storage.js';
import { FakeCognito } from '../support/fake-cognito.js';
import { FakeOAuthServer } from '../support/fake-oauth-server.js';
import { testConfig } from '../support/test-client.js';

const REDIRECT_URI = 'http://localhost:5173/';

describe('signInWithRedirect and handleRedirectCallback', () => {
  const server = new FakeOAuthServer();
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  function redirectClient(config: Partial<typeof testConfig & { domainUrl: string }> = {}) {
    const cognito = new FakeCognito();
    const visited: string[] = [];
    const client = createBrowserClient(
      { ...testConfig, domainUrl: server.domainUrl, ...config },
      {
        cognito: fetchCognitoTransport('us-east-1', {
          endpoint: testConfig.cognitoEndpoint,
          fetch: cognito.fetch,
        }),
        oauth: {
          redirectUri: REDIRECT_URI,
          storage: memoryStorage(),
          navigate: (url) => {
            visited.push(url);
          },
        },
      },
    );
    return { client, cognito, visited, lastVisited: () => visited.at(-1) ?? '' };
  }

  it('sends the browser to authorize with PKCE S256, state and nonce, and signs in on its return', async () => {
    const { client, lastVisited } = redirectClient();

    await client.signInWithRedirect({ scopes: ['email', 'gatehouse-api/notes.read'] });

    const authorize = new URL(lastVisited());
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${server.domainUrl}/oauth2/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toEqual({
      response_type: 'code',
      client_id: testConfig.clientId,
      redirect_uri: REDIRECT_URI,
      scope: 'openid email gatehouse-api/notes.read',
      state: expect.stringMatching(/^[\w-]{43}$/),
      nonce: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: 'S256',
    });
    const result = await client.handleRedirectCallback(server.authorize(lastVisited()));

    expect(result).toMatchObject({ status: 'signed-in', user: { email: 'ana@example.com' } });
    expect(await client.getCurrentUser()).toMatchObject({ email: 'ana@example.com' });
    expect(server.requests.at(-1)?.form).toEqual({
      grant_type: 'authorization_code',
      client_id: testConfig.clientId,
      code: expect.any(String),
      redirect_uri: REDIRECT_URI,
      code_verifier: expect.stringMatching(/^[\w-]{43}$/),
    });
  });

  it('asks for the user scopes by default and passes prompt on', async () => {
    const { client, lastVisited } = redirectClient();

    await client.signInWithRedirect({ prompt: 'login' });

    const params = new URL(lastVisited()).searchParams;
    expect(params.get('scope')).toBe('openid email profile aws.cognito.signin.user.admin');
    expect(params.get('prompt')).toBe('login');
  });

  it('ends the managed-login session through /logout when signing out', async () => {
    const { client, cognito, lastVisited } = redirectClient();
    await client.signInWithRedirect();
    await client.handleRedirectCallback(server.authorize(lastVisited()));

    await client.signOut();

    expect(cognito.count('RevokeToken')).toBe(1);
    const logout = new URL(lastVisited());
    expect(`${logout.origin}${logout.pathname}`).toBe(`${server.domainUrl}/logout`);
    expect(Object.fromEntries(logout.searchParams)).toEqual({
      client_id: testConfig.clientId,
      logout_uri: REDIRECT_URI,
    });
    expect(await client.getCurrentUser()).toBeNull();
  });

  it('does not visit /logout for a session that did not come from the managed login', async () => {
    const { client, cognito, visited } = redirectClient();
    cognito.addUser('bo@example.com', 'Password-123');
    await client.signIn({ username: 'bo@example.com', password: 'Password-123', flow: 'password' });

    await client.signOut();

    expect(visited).toEqual([]);
  });

  it.each([
    ['a changed state', (url: URL) => url.searchParams.set('state', 'forged')],
    ['no state', (url: URL) => url.searchParams.delete('state')],
  ])('refuses a callback with %s without exchanging the code', async (_, tamper) => {
    const { client, lastVisited } = redirectClient();
    await client.signInWithRedirect();
    const callback = new URL(server.authorize(lastVisited()));
    tamper(callback);
    const before = server.requests.length;

    await expect(client.handleRedirectCallback(callback)).rejects.toBeInstanceOf(StateMismatchError);
    expect(server.requests.length).toBe(before);
    expect(await client.getCurrentUser()).toBeNull();
  });

  it('handles a callback once: a replay finds no sign-in waiting', async () => {
    const { client, lastVisited } = redirectClient();
    await client.signInWithRedirect();
    const callback = server.authorize(lastVisited());
    await client.handleRedirectCallback(callback);

    const error = await client.handleRedirectCallback(callback).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(StateMismatchError);
    expect(error).toMatchObject({ code: 'STATE_MISMATCH' });
  });

  it('turns error=access_denied in the callback into AccessDeniedError', async () => {
    const { client, lastVisited } = redirectClient();
    await client.signInWithRedirect();
    const state = new URL(lastVisited()).searchParams.get('state') ?? '';

    const error = await client
      .handleRedirectCallback(
        `${REDIRECT_URI}?error=access_denied&error_description=User+cancelled&state=${state}`,
      )
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(AccessDeniedError);
    expect(error).toMatchObject({
      code: 'ACCESS_DENIED',
      oauthError: 'access_denied',
      description: 'User cancelled',
    });
  });

  it('refuses tokens whose nonce is not this sign-in’s', async () => {
    const { client, lastVisited } = redirectClient();
    await client.signInWithRedirect();
    server.nonceOverride = 'someone-elses-nonce';

    const error = await client
      .handleRedirectCallback(server.authorize(lastVisited()))
      .catch((e: unknown) => e);

    server.nonceOverride = undefined;
    expect(error).toBeInstanceOf(NonceMismatchError);
    expect(await client.getCurrentUser()).toBeNull();
  });

  it('refuses an ID token issued for another app client', async () => {
    const { client, lastVisited } = redirectClient();
    await client.signInWithRedirect();
    server.audienceOverride = 'another-client';

    const error = await client
      .handleRedirectCallback(server.authorize(lastVisited()))
      .catch((e: unknown) => e);

    server.audienceOverride = undefined;
    expect(error).toBeInstanceOf(InvalidTokenError);
    expect(await client.getCurrentUser()).toBeNull();
  });

  it('reports a code the token endpoint refuses as InvalidGrantError', async () => {
    const { client, lastVisited } = redirectClient();
    await client.signInWithRedirect();
    const callback = server.authorize(lastVisited());
    server.codes.clear(); // the code expired (or was used) before the exchange

    await expect(client.handleRedirectCallback(callback)).rejects.toBeInstanceOf(InvalidGrantError);
  });

  describe('in a browser page', () => {
    afterEach(() => {
      vi.unstubAllGlobals();
    });

    it('comes back to the page’s origin, keeps the sign-in in sessionStorage and navigates with location', async () => {
      const assigned: string[] = [];
      const items = new Map<string, string>();
      vi.stubGlobal('location', {
        href: 'http://localhost:5173/notes?x=1',
        assign: (url: string) => assigned.push(url),
      });
      vi.stubGlobal('sessionStorage', {
        getItem: (key: string) => items.get(key) ?? null,
        setItem: (key: string, value: string) => items.set(key, value),
        removeItem: (key: string) => items.delete(key),
      });
      const cognito = new FakeCognito();
      const client = createBrowserClient(
        { ...testConfig, domainUrl: server.domainUrl },
        { cognito: fetchCognitoTransport('us-east-1', { fetch: cognito.fetch }) },
      );

      await client.signInWithRedirect();

      expect(new URL(assigned[0] ?? '').searchParams.get('redirect_uri')).toBe('http://localhost:5173/');
      expect([...items.keys()]).toEqual([`gatehouse.${testConfig.clientId}.oauth`]);
      vi.stubGlobal('location', { href: server.authorize(assigned[0] ?? ''), assign: () => undefined });
      expect((await client.handleRedirectCallback()).status).toBe('signed-in');
      expect(items.size).toBe(0);
    });
  });

  it('needs the domain URL', async () => {
    const cognito = new FakeCognito();
    const client = createBrowserClient(testConfig, {
      cognito: fetchCognitoTransport('us-east-1', { fetch: cognito.fetch }),
      oauth: { redirectUri: REDIRECT_URI, storage: memoryStorage(), navigate: () => undefined },
    });

    await expect(client.signInWithRedirect()).rejects.toBeInstanceOf(ConfigError);
  });
});
