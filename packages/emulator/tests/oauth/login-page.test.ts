import { describe, expect, it } from 'vitest';
import {
  CALLBACK,
  CookieJar,
  csrfOf,
  type OAuthHarness,
  STRONG_PASSWORD,
  signInThroughPage,
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

  it('signs up, confirms with the code from the outbox, and signs in', async () => {
    const jar = new CookieJar();
    const { html } = await open(jar, 'signup');
    expect(html).toContain('<label for="attr:email">Email address</label>');
    const weak = await submitForm(jar, pageUrl('signup'), html, {
      username: 'bob',
      'attr:email': 'bob@example.com',
      password: 'short',
    });
    expect(await weak.text()).toContain('Password did not conform with policy');
    const signedUp = await submitForm(jar, pageUrl('signup'), html, {
      username: 'bob',
      'attr:email': 'bob@example.com',
      password: STRONG_PASSWORD,
    });
    const confirmPage = await signedUp.text();
    expect(confirmPage).toContain('<label for="code">Verification code</label>');
    const code = t.h.service.outbox.latest(t.poolId, 'bob')?.code ?? '';
    const wrong = await submitForm(jar, pageUrl('confirmUser'), confirmPage, {
      username: 'bob',
      code: code === '000000' ? '111111' : '000000',
    });
    expect(await wrong.text()).toContain('Invalid verification code provided, please try again.');
    const confirmed = await submitForm(jar, pageUrl('confirmUser'), confirmPage, { username: 'bob', code });
    const loginPage = await confirmed.text();
    expect(loginPage).toContain('Your account is confirmed. Sign in.');
    const signedIn = await submitForm(jar, pageUrl('login'), loginPage, {
      username: 'bob',
      password: STRONG_PASSWORD,
    });
    expect(signedIn.status).toBe(302);
    expect(new URL(signedIn.headers.get('location') ?? '').searchParams.get('state')).toBe('p1');
  });

  it('resets a forgotten password with the code from the outbox', async () => {
    const jar = new CookieJar();
    const { html } = await open(jar, 'forgotPassword');
    const asked = await submitForm(jar, pageUrl('forgotPassword'), html, { username: 'ada' });
    const resetPage = await asked.text();
    expect(resetPage).toContain('<label for="password">New password</label>');
    const code = t.h.service.outbox.latest(t.poolId, 'ada')?.code ?? '';
    const reset = await submitForm(jar, pageUrl('confirmForgotPassword'), resetPage, {
      username: 'ada',
      code,
      password: `${STRONG_PASSWORD}2`,
    });
    expect(await reset.text()).toContain('Your password has been reset. Sign in.');
    const url = `${t.base}/oauth2/authorize?${query()}`;
    const done = await signInThroughPage(new CookieJar(), url, 'ada', `${STRONG_PASSWORD}2`);
    expect(done.status).toBe(302);
  });
});
