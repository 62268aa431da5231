import { describe, expect, it } from 'vitest';
import {
  CookieJar,
  managedLoginPages,
  type OAuthHarness,
  STRONG_PASSWORD,
  signInThroughPage,
  submitForm,
  useOAuthHarness,
} from './oauth-test-harness.js';

describe('forgot-password pages', () => {
  let t: OAuthHarness;
  useOAuthHarness((started) => {
    t = started;
  });
  const { query, pageUrl, open } = managedLoginPages(() => t);

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
