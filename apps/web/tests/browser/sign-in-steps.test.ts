import { totpCode } from '@org/emulator';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  confirmationCode,
  openDesktopPage,
  screenshot,
  seriousViolations,
  TEST_PASSWORD,
  uniqueEmail,
  webUrl,
} from './support/browser.js';

/** RFC 6238's time step: a code belongs to one 30-second step. */
const STEP_MS = 30_000;

// One person's path through the second sign-in steps, in order: add an authenticator app on the profile page,
// sign in with its code, turn it off, sign in with a code sent by email.
describe('sign-in steps in Chromium against the local stack', () => {
  let browser: Browser;
  let page: Page;
  const email = uniqueEmail('web-mfa');
  let secret: string;
  /** The time step whose code verified the app: Cognito does not take the same code twice. */
  let usedStep: number;

  const heading = (name: string) => page.getByRole('heading', { level: 1, name });

  /**
   * A code of the authenticator app that sign-in accepts, however long the steps before took: the current
   * step's, or the next one's (within the tolerated window) when the current one was already used.
   */
  const freshCode = () => {
    const now = Date.now();
    const step = Math.floor(now / STEP_MS);
    return step === usedStep ? totpCode(secret, now + STEP_MS) : totpCode(secret, now);
  };

  const signOut = async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading('Sign in').waitFor();
  };

  const typeCredentials = async () => {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  };

  beforeAll(async () => {
    ({ browser, page } = await openDesktopPage());
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('signs up, confirms and signs in with the password alone', async () => {
    await page.goto(webUrl('sign-up'));
    await heading('Create your account').waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByLabel('Name').fill('Ana Steps');
    await page.getByRole('button', { name: 'Create account' }).click();
    await heading('Confirm your email').waitFor();
    await page.getByLabel('Confirmation code').fill(await confirmationCode(email));
    await page.getByRole('button', { name: 'Confirm', exact: true }).click();
    await heading('Sign in').waitFor();
    await typeCredentials();
    await heading('Your notes').waitFor();
  });

  it('adds an authenticator app on the profile page, refusing a wrong code first', async () => {
    await page.getByRole('link', { name: 'Profile' }).click();
    await heading('Your profile').waitFor();
    await page.getByRole('button', { name: 'Add an authenticator app' }).click();
    const secretText = page.locator('code.secret');
    await secretText.waitFor();
    secret = (await secretText.textContent()) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    expect(
      await page.getByRole('link', { name: 'open it in your authenticator app' }).getAttribute('href'),
    ).toBe(`otpauth://totp/Gatehouse:${encodeURIComponent(email)}?secret=${secret}&issuer=Gatehouse`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'profile-authenticator');

    const code = page.getByLabel('Authenticator code');
    // No real code is all zeros in the steps around now (checked, so that the refusal below is the point).
    const now = Date.now();
    expect([-STEP_MS, 0, STEP_MS].map((d) => totpCode(secret, now + d))).not.toContain('000000');
    await code.fill('000000');
    await page.getByRole('button', { name: 'Verify and turn on' }).click();
    await page.getByRole('alert').waitFor();
    expect(await code.getAttribute('aria-invalid')).toBe('true');

    const verifiedAt = Date.now();
    usedStep = Math.floor(verifiedAt / STEP_MS);
    await code.fill(totpCode(secret, verifiedAt));
    await page.getByLabel('Device name').fill('Test phone');
    await page.getByRole('button', { name: 'Verify and turn on' }).click();
    await page.getByRole('status').filter({ hasText: 'Your authenticator app is set up' }).waitFor();
  });

  it('asks for the authenticator code at the next sign-in', async () => {
    await signOut();
    await typeCredentials();
    await heading('Enter your authenticator code').waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-totp');
    await page.getByLabel('Authenticator code').fill(freshCode());
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading('Your notes').waitFor();
  });

  it('turns the authenticator app off, after which the password alone signs in', async () => {
    await page.getByRole('link', { name: 'Profile' }).click();
    await heading('Your profile').waitFor();
    await page.getByRole('button', { name: 'Turn off the authenticator app' }).click();
    await page.getByRole('status').filter({ hasText: 'no longer asks for a code' }).waitFor();
    await signOut();
    await typeCredentials();
    await heading('Your notes').waitFor();
  });

  it('signs in with a code sent by email instead of the password', async () => {
    await signOut();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Email me a sign-in code' }).click();
    await heading('Check your email').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in-email-code');

    const code = page.getByLabel('Sign-in code');
    await code.fill('00000000');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').waitFor();
    expect(await code.getAttribute('aria-invalid')).toBe('true');

    await code.fill(await confirmationCode(email));
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading('Your notes').waitFor();
  });
});
