import { describe, expect, it } from 'vitest';
import {
  CALLBACK,
  CookieJar,
  csrfOf,
  managedLoginPages,
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
  const { pageUrl, open } = managedLoginPages(() => t);

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
    expect(html).toContain('Need an account? Sign up');
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

  it('hides which users exist for a client that asks it to', async () => {
    const { clientId } = await t.newClient({
      PreventUserExistenceErrors: 'ENABLED',
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid'],
      CallbackURLs: [CALLBACK],
    });
    const url = `${t.base}/login?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: CALLBACK })}`;
    const jar = new CookieJar();
    const html = await (await jar.fetch(url)).text();
    const res = await submitForm(jar, url, html, { username: 'nobody', password: STRONG_PASSWORD });
    expect(await res.text()).toContain('Incorrect username or password.');
  });

  it('locks a user out after repeated wrong passwords, as the API does', async () => {
    // Earlier failures of this file are forgotten after 15 minutes without attempts.
    t.h.clock.now += 16 * 60_000;
    const jar = new CookieJar();
    const { html } = await open(jar, 'login');
    const messages: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await submitForm(jar, pageUrl('login'), html, {
        username: 'ada',
        password: 'Wrong-Passw0rd!',
      });
      messages.push(/class="error" role="alert">([^<]+)</.exec(await res.text())?.[1] ?? '');
    }
    expect(messages.slice(0, 5)).toEqual(Array(5).fill('Incorrect username or password.'));
    expect(messages[5]).toBe('Password attempts exceeded');
    t.h.clock.now += 60 * 60_000;
  });
});

describe('sign-in page of a pool where only administrators create users', () => {
  let t: OAuthHarness;
  useOAuthHarness(
    (started) => {
      t = started;
    },
    { pool: { AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } } },
  );

  it('offers no sign-up link', async () => {
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: t.clientId,
      redirect_uri: CALLBACK,
    });
    const html = await (await fetch(`${t.base}/login?${query}`)).text();
    expect(html).toContain('<label for="password">Password</label>');
    expect(html).not.toContain('Sign up');
  });
});
