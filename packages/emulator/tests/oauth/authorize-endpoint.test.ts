import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CALLBACK,
  CookieJar,
  type OAuthHarness,
  signInThroughPage,
  useOAuthHarness,
} from './oauth-test-harness.js';

const VERIFIER = 'a-verifier-of-at-least-forty-three-characters-0123456789';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');

describe('GET /oauth2/authorize', () => {
  let t: OAuthHarness;
  useOAuthHarness((started) => {
    t = started;
  });
  const authorizeUrl = (params: Record<string, string>) =>
    `${t.base}/oauth2/authorize?${new URLSearchParams({
      response_type: 'code',
      client_id: t.clientId,
      redirect_uri: CALLBACK,
      ...params,
    }).toString()}`;
  const get = (url: string) => fetch(url, { redirect: 'manual' });

  it('sends the browser to the sign-in page with the request kept, then back to the app with a code and the state', async () => {
    const jar = new CookieJar();
    const url = authorizeUrl({
      state: 'st-1',
      scope: 'openid email',
      code_challenge: CHALLENGE,
      code_challenge_method: 'S256',
    });
    const first = await get(url);
    expect(first.status).toBe(302);
    const login = first.headers.get('location') ?? '';
    expect(login).toBe(`/${t.domain}/login${new URL(url).search}`);
    const done = await signInThroughPage(jar, url);
    expect(done.status).toBe(302);
    const back = new URL(done.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    expect(back.searchParams.get('state')).toBe('st-1');
    expect(back.searchParams.get('code')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows an error page, without redirecting, for a redirect URI the client did not register', async () => {
    const res = await get(authorizeUrl({ redirect_uri: 'https://evil.example/cb' }));
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toContain('redirect_mismatch');
  });

  it('shows an error page for an unknown client', async () => {
    const res = await get(authorizeUrl({ client_id: 'nosuchclient0000000000000' }));
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });

  it.each([
    ['a scope the client does not allow', { scope: 'openid phone' }, 'invalid_scope'],
    ['a custom scope the client does not allow', { scope: 'gatehouse-api/notes.write' }, 'invalid_scope'],
    ['email without openid', { scope: 'email' }, 'invalid_scope'],
    [
      'the plain PKCE method (Cognito supports only S256)',
      { code_challenge: VERIFIER, code_challenge_method: 'plain' },
      'invalid_request',
    ],
    ['a challenge without its method', { code_challenge: CHALLENGE }, 'invalid_request'],
    ['the implicit grant the client does not allow', { response_type: 'token' }, 'unauthorized_client'],
    ['an unknown response type', { response_type: 'id_token' }, 'unsupported_response_type'],
    ['no response type', { response_type: '' }, 'invalid_request'],
  ])('redirects back with the error for %s', async (_case, params, error) => {
    const res = await get(authorizeUrl({ state: 'keep-me', ...params }));
    expect(res.status).toBe(302);
    const back = new URL(res.headers.get('location') ?? '');
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    expect(back.searchParams.get('error')).toBe(error);
    expect(back.searchParams.get('state')).toBe('keep-me');
  });

  it('skips the form within the session, asks again with prompt=login, and answers login_required to prompt=none without one', async () => {
    const jar = new CookieJar();
    await signInThroughPage(jar, authorizeUrl({}));
    const again = await jar.fetch(authorizeUrl({ state: 's2' }));
    expect(again.status).toBe(302);
    expect(new URL(again.headers.get('location') ?? '').searchParams.get('code')).toBeTruthy();
    const forced = await jar.fetch(authorizeUrl({ prompt: 'login' }));
    expect(forced.headers.get('location')).toContain('/login?');
    const silent = await jar.fetch(authorizeUrl({ prompt: 'none' }));
    expect(new URL(silent.headers.get('location') ?? '').searchParams.get('code')).toBeTruthy();
    const stranger = await get(authorizeUrl({ prompt: 'none', state: 's3' }));
    const back = new URL(stranger.headers.get('location') ?? '');
    expect(back.searchParams.get('error')).toBe('login_required');
    expect(back.searchParams.get('state')).toBe('s3');
  });

  it('gives tokens in the fragment to a client that allows the implicit grant', async () => {
    const { clientId } = await t.newClient({
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['implicit'],
      AllowedOAuthScopes: ['openid'],
      CallbackURLs: [CALLBACK],
    });
    const done = await signInThroughPage(
      new CookieJar(),
      authorizeUrl({ client_id: clientId, response_type: 'token', state: 'i1' }),
    );
    const fragment = new URLSearchParams(new URL(done.headers.get('location') ?? '').hash.slice(1));
    expect(fragment.get('access_token')).toBeTruthy();
    expect(fragment.get('id_token')).toBeTruthy();
    expect(fragment.get('token_type')).toBe('Bearer');
    expect(fragment.get('state')).toBe('i1');
    expect(fragment.get('refresh_token')).toBeNull();
  });

  it('answers only GET', async () => {
    const res = await fetch(authorizeUrl({}), { method: 'POST', redirect: 'manual' });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });
});
