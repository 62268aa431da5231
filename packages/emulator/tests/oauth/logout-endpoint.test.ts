import { describe, expect, it } from 'vitest';
import {
  CALLBACK,
  CookieJar,
  type OAuthHarness,
  signInThroughPage,
  useOAuthHarness,
} from './oauth-test-harness.js';

describe('GET /logout', () => {
  let t: OAuthHarness;
  useOAuthHarness((started) => {
    t = started;
  });
  const authorizeUrl = () =>
    `${t.base}/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: t.clientId, redirect_uri: CALLBACK }).toString()}`;

  it('ends the session, clears its cookie and goes to a registered logout URI', async () => {
    const jar = new CookieJar();
    await signInThroughPage(jar, authorizeUrl());
    expect(jar.cookies.has('cognito')).toBe(true);
    const session = jar.cookies.get('cognito') ?? '';
    const res = await jar.fetch(
      `${t.base}/logout?${new URLSearchParams({ client_id: t.clientId, logout_uri: CALLBACK }).toString()}`,
    );
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(CALLBACK);
    expect(res.headers.getSetCookie().join()).toContain('cognito=; Path=/');
    expect(jar.cookies.has('cognito')).toBe(false);
    // The old session id no longer signs anyone in, even if a browser kept it.
    jar.cookies.set('cognito', session);
    expect((await jar.fetch(authorizeUrl())).headers.get('location')).toContain('/login?');
  });

  it('sends the browser to sign in again when given redirect_uri and response_type', async () => {
    const jar = new CookieJar();
    await signInThroughPage(jar, authorizeUrl());
    const res = await jar.fetch(
      `${t.base}/logout?${new URLSearchParams({ client_id: t.clientId, redirect_uri: CALLBACK, response_type: 'code', state: 'z' }).toString()}`,
    );
    const location = res.headers.get('location') ?? '';
    expect(location.startsWith(`/${t.domain}/login?`)).toBe(true);
    expect(new URLSearchParams(location.split('?')[1]).get('state')).toBe('z');
  });

  it.each([
    ['an unregistered logout URI', { logout_uri: 'https://evil.example/' }],
    ['neither logout_uri nor redirect_uri', {}],
    ['an unknown client', { client_id: 'nosuchclient', logout_uri: CALLBACK }],
  ])('shows an error page for %s', async (_case, params) => {
    const res = await fetch(
      `${t.base}/logout?${new URLSearchParams({ client_id: t.clientId, ...params }).toString()}`,
      {
        redirect: 'manual',
      },
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
  });
});
