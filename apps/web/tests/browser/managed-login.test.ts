import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium, seriousViolations, webUrl } from './support/browser.js';

/**
 * An AWS-shaped user pool domain that this test answers for in the browser (`page.route`): the local stack's
 * pool has no domain to send the browser to, and what is checked here is the app's half of the exchange — the
 * authorization request the client builds and what the app does with the answer that comes back.
 */
const DOMAIN_URL = 'https://gatehouse-web-test.auth.us-east-1.amazoncognito.com';

describe('the managed login page in Chromium', () => {
  let browser: Browser;
  let page: Page;
  const authorizeRequests: URL[] = [];

  const heading = (name: string) => page.getByRole('heading', { level: 1, name });

  beforeAll(async () => {
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // Safety net for real I/O only; every wait below ends on an event in the page.
    context.setDefaultTimeout(60_000);
    page = await context.newPage();
    // The site's own config, plus the domain: as /config.json reads once the stack has one.
    await page.route('**/config.json', async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, json: { ...(await response.json()), domainUrl: DOMAIN_URL } });
    });
    // The user cancels on the managed login page: it sends the browser back with `access_denied` and the state.
    await page.route(`${DOMAIN_URL}/oauth2/authorize**`, async (route) => {
      const url = new URL(route.request().url());
      authorizeRequests.push(url);
      const back = new URL(url.searchParams.get('redirect_uri') ?? webUrl());
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      await route.fulfill({ status: 302, headers: { location: back.href } });
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('sends the browser to the authorize endpoint with PKCE, state and nonce, and shows the cancellation', async () => {
    await page.goto(webUrl('sign-in'));
    await heading('Sign in').waitFor();
    await page.getByRole('button', { name: 'Sign in with the hosted page' }).click();

    await page.getByRole('alert').filter({ hasText: 'cancelled or refused' }).waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/sign-in');
    expect(authorizeRequests).toHaveLength(1);
    const params = Object.fromEntries(authorizeRequests[0]?.searchParams ?? []);
    expect(params).toMatchObject({
      response_type: 'code',
      client_id: inject('clientId'),
      // The page's origin + `/`: the callback URL the app client registers.
      redirect_uri: webUrl(),
      code_challenge_method: 'S256',
    });
    expect(params.scope?.split(' ')).toContain('openid');
    expect(params.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.state).toMatch(/.{16,}/);
    expect(params.nonce).toMatch(/.{16,}/);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('refuses a callback this tab did not start (state mismatch) and signs nobody in', async () => {
    await page.goto(webUrl('?code=forged-code&state=forged-state'));
    await heading('Sign in').waitFor();
    await page.getByRole('alert').filter({ hasText: 'stale or was started in another tab' }).waitFor();
    expect(
      await page.evaluate(() => Object.keys(localStorage).filter((k) => k.endsWith('.session'))),
    ).toEqual([]);
  });
});
