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
});
