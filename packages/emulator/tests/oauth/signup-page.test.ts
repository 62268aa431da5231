import { describe, expect, it } from 'vitest';
import {
  CALLBACK,
  CookieJar,
  managedLoginPages,
  type OAuthHarness,
  STRONG_PASSWORD,
  submitForm,
  useOAuthHarness,
} from './oauth-test-harness.js';

describe('sign-up and confirmation pages', () => {
  let t: OAuthHarness;
  useOAuthHarness((started) => {
    t = started;
  });
  const { pageUrl, open } = managedLoginPages(() => t);

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
});

describe('sign-up page of a pool whose usernames are email addresses', () => {
  let t: OAuthHarness;
  useOAuthHarness(
    (started) => {
      t = started;
    },
    {
      pool: {
        UsernameAttributes: ['email'],
        Schema: [{ Name: 'email', AttributeDataType: 'String', Required: true, Mutable: true }],
      },
    },
  );
  const pageUrl = (page: string) =>
    `${t.base}/${page}?${new URLSearchParams({ response_type: 'code', client_id: t.clientId, redirect_uri: CALLBACK })}`;

  it('asks for the email address as the name, and signs up, confirms and signs in by it', async () => {
    const jar = new CookieJar();
    const html = await (await jar.fetch(pageUrl('signup'))).text();
    expect(html).toContain('<label for="username">Email address</label>');
    expect(html).not.toContain('attr:email');
    const signedUp = await submitForm(jar, pageUrl('signup'), html, {
      username: 'eve@example.com',
      password: STRONG_PASSWORD,
    });
    const confirmPage = await signedUp.text();
    const code = t.h.service.outbox.list({ userPoolId: t.poolId }).at(-1)?.code ?? '';
    const confirmed = await submitForm(jar, pageUrl('confirmUser'), confirmPage, {
      username: 'eve@example.com',
      code,
    });
    const loginPage = await confirmed.text();
    expect(loginPage).toContain('<label for="username">Email address</label>');
    const signedIn = await submitForm(jar, pageUrl('login'), loginPage, {
      username: 'eve@example.com',
      password: STRONG_PASSWORD,
    });
    expect(signedIn.status).toBe(302);
  });
});
