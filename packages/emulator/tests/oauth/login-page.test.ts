import { AdminCreateUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import {
  CALLBACK,
  CookieJar,
  csrfOf,
  type OAuthHarness,
  STRONG_PASSWORD,
  submitForm,
  useOAuthHarness,
} from './oauth-test-harness.js';

describe('managed login pages', () => {
  let t: OAuthHarness;
  useOAuthHarness((started) => {
    t = started;
  });
  const query = () =>
    new URLSearchParams({
      response_type: 'code',
      client_id: t.clientId,
      redirect_uri: CALLBACK,
      state: 'p1',
    }).toString();
  const pageUrl = (page: string) => `${t.base}/${page}?${query()}`;
  const open = async (jar: CookieJar, page: string) => {
    const res = await jar.fetch(pageUrl(page));
    return { res, html: await res.text() };
  };

  it('serves a sign-in form usable on a phone, with labels, a CSRF field and a cookie scoped to the domain', async () => {
    const jar = new CookieJar();
    const { res, html } = await open(jar, 'login');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<label for="username">Username</label>');
    expect(html).toContain('<label for="password">Password</label>');
    expect(csrfOf(html)).toMatch(/^[\w-]+$/);
    const set = res.headers.getSetCookie().join('\n');
    expect(set).toContain(`Path=/${t.domain};`);
    expect(set).toContain('HttpOnly; SameSite=Lax');
  });

  it.each([
    ['a wrong password', 'ada', 'Wrong-Passw0rd!', 'Incorrect username or password.'],
    ['an unknown user', 'nobody', STRONG_PASSWORD, 'User does not exist.'],
  ])('shows Cognito’s own message for %s', async (_case, username, password, message) => {
    const jar = new CookieJar();
    const { html } = await open(jar, 'login');
    const res = await submitForm(jar, pageUrl('login'), html, { username, password });
    expect(res.status).toBe(400);
    const again = await res.text();
    expect(again).toContain(message);
    expect(again).toContain(`value="${username}"`);
  });

  it('refuses a post without the CSRF value of the browser’s cookie', async () => {
    const jar = new CookieJar();
    const { html } = await open(jar, 'login');
    const stranger = new CookieJar();
    const res = await submitForm(stranger, pageUrl('login'), html, {
      username: 'ada',
      password: STRONG_PASSWORD,
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('location')).toBeNull();
  });

  it('escapes what it echoes', async () => {
    const jar = new CookieJar();
    const { html } = await open(jar, 'login');
    const res = await submitForm(jar, pageUrl('login'), html, {
      username: '<script>x</script>',
      password: 'x',
    });
    const page = await res.text();
    expect(page).not.toContain('<script>x');
    expect(page).toContain('&lt;script&gt;x&lt;/script&gt;');
  });

  it('asks a user with a temporary password for their own, then goes back to the app', async () => {
    await t.h.sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: t.poolId,
        Username: 'temp',
        TemporaryPassword: 'Temp-Passw0rd!',
        MessageAction: 'SUPPRESS',
      }),
    );
    const jar = new CookieJar();
    const { html } = await open(jar, 'login');
    const challenged = await submitForm(jar, pageUrl('login'), html, {
      username: 'temp',
      password: 'Temp-Passw0rd!',
    });
    const page = await challenged.text();
    expect(page).toContain('<label for="newPassword">New password</label>');
    const session = /name="session" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const done = await submitForm(jar, pageUrl('login'), page, { session, newPassword: STRONG_PASSWORD });
    expect(done.status).toBe(302);
    expect(new URL(done.headers.get('location') ?? '').searchParams.get('code')).toBeTruthy();
    const replay = await submitForm(jar, pageUrl('login'), page, { session, newPassword: STRONG_PASSWORD });
    expect(await replay.text()).toContain('Invalid session for the user.');
  });
});
