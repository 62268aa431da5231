import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  createConfirmedUser,
  openDesktopPage,
  registerWebAppUrl,
  screenshot,
  seriousViolations,
  TEST_PASSWORD,
  uniqueEmail,
  webUrl,
} from './support/browser.js';

// Managed login on the local stack's user pool domain: the app sends the browser there, the user signs in on
// the domain's own page, and the app finishes the sign-in (code + PKCE) when the browser comes back.
describe('the managed login page in Chromium against the local stack', () => {
  let browser: Browser;
  let page: Page;
  const email = uniqueEmail('web-hosted');

  const heading = (name: string) => page.getByRole('heading', { level: 1, name });
  const onDomain = () => page.url().startsWith(inject('domainUrl'));

  beforeAll(async () => {
    await registerWebAppUrl();
    await createConfirmedUser(email);
    ({ browser, page } = await openDesktopPage());
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('signs in on the hosted page and comes back signed in to the notes', async () => {
    await page.goto(webUrl('sign-in'));
    await heading('Sign in').waitFor();
    await page.getByRole('button', { name: 'Sign in with the hosted page' }).click();

    await page.waitForURL((url) => url.href.startsWith(inject('domainUrl')));
    const authorize = new URL(page.url());
    expect(authorize.searchParams.get('redirect_uri')).toBe(webUrl());
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await heading('Your notes').waitFor();
    // Code and state are gone from the address bar.
    expect(new URL(page.url()).search).toBe('');
    await page.getByRole('link', { name: 'Profile' }).click();
    await heading('Your profile').waitFor();
    await page.getByText(email, { exact: true }).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'profile-managed-login');
  });

  it('signs out of the hosted page too: the next hosted sign-in asks for the password again', async () => {
    // Through the domain's /logout and back to the app's `/`, which is the sign-in page when signed out.
    const loggedOut = page.waitForRequest((r) => r.url().startsWith(`${inject('domainUrl')}/logout?`));
    const backHome = page.waitForResponse(
      (r) => r.url() === webUrl() && r.request().resourceType() === 'document',
    );
    await page.getByRole('button', { name: 'Sign out' }).click();
    const logout = new URL((await loggedOut).url());
    expect(logout.searchParams.get('client_id')).toBe(inject('clientId'));
    expect(logout.searchParams.get('logout_uri')).toBe(webUrl());
    await backHome;
    await heading('Sign in').waitFor();
    expect(onDomain()).toBe(false);
    await page.getByRole('button', { name: 'Sign in with the hosted page' }).click();
    await page.waitForURL((url) => url.href.startsWith(inject('domainUrl')));
    await page.getByLabel('Password').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in');
  });

  it('refuses a callback this tab did not start (state mismatch) and signs nobody in', async () => {
    await page.goto(webUrl('?code=forged-code&state=forged-state'));
    await heading('Sign in').waitFor();
    await page.getByRole('alert').filter({ hasText: 'stale or was started in another tab' }).waitFor();
    expect(
      await page.evaluate(() => Object.keys(localStorage).filter((k) => k.endsWith('.session'))),
    ).toEqual([]);
  });

  it('shows a refusal from the hosted page (an error instead of a code)', async () => {
    // The managed login answers `error=…&state=…` when it will not sign the user in; here the browser is
    // brought back that way for the sign-in this tab started, as the page would for a cancelled sign-in.
    await page.goto(webUrl('sign-in'));
    await heading('Sign in').waitFor();
    await page.route(`${inject('domainUrl')}/oauth2/authorize**`, async (route) => {
      const url = new URL(route.request().url());
      const back = new URL(url.searchParams.get('redirect_uri') ?? webUrl());
      back.searchParams.set('error', 'access_denied');
      back.searchParams.set('state', url.searchParams.get('state') ?? '');
      await route.fulfill({ status: 302, headers: { location: back.href } });
    });
    await page.getByRole('button', { name: 'Sign in with the hosted page' }).click();
    await page.getByRole('alert').filter({ hasText: 'cancelled or refused' }).waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/sign-in');
    await page.unroute(`${inject('domainUrl')}/oauth2/authorize**`);
  });
});
