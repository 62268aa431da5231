import { describe, expect, it } from 'vitest';
import {
  CALLBACK,
  CookieJar,
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
