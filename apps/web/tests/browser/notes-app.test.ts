import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addToGroup,
  confirmationCode,
  openDesktopPage,
  screenshot,
  seriousViolations,
  signOutEverywhere,
  TEST_PASSWORD,
  uniqueEmail,
  webUrl,
} from './support/browser.js';

// One person's path through the app, in order: each step starts where the previous one left the browser.
describe('the notes app in Chromium against the local stack', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const email = uniqueEmail('web');
  let noteUrl: string;

  const heading = (name: string) => page.getByRole('heading', { level: 1, name });

  beforeAll(async () => {
    ({ browser, context, page } = await openDesktopPage());
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('sends a visitor to sign-in, with no serious accessibility violations', async () => {
    await page.goto(webUrl('notes'));
    await heading('Sign in').waitFor();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'sign-in');
  });

  it('signs up and confirms with the code from the outbox', async () => {
    await page.getByRole('link', { name: 'Create an account' }).click();
    await heading('Create your account').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByLabel('Name').fill('Ana Web');
    await screenshot(page, 'sign-up');
    await page.getByRole('button', { name: 'Create account' }).click();

    await heading('Confirm your email').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.getByLabel('Email').inputValue()).toBe(email);
    await page.getByLabel('Confirmation code').fill(await confirmationCode(email));
    await screenshot(page, 'confirm');
    await page.getByRole('button', { name: 'Confirm', exact: true }).click();

    await heading('Sign in').waitFor();
    await page.getByRole('status').filter({ hasText: 'Your account is confirmed' }).waitFor();
  });

  it('signs in with the keyboard alone (SRP)', async () => {
    // The page moved focus to its heading; Tab walks the form in order and Enter submits it.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('email');
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await heading('Your notes').waitFor();
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
  });

  it('creates a note, which appears first in the list', async () => {
    await page.getByLabel('Title').fill('First note');
    await page.getByRole('button', { name: 'Create note' }).click();
    await page.getByRole('link', { name: 'First note' }).waitFor();
    await page.getByLabel('Title').fill('Shopping list');
    await page.getByLabel('Body').fill('Milk\nBread\nCoffee');
    await page.getByLabel('Tags').fill('home, weekly');
    await page.getByRole('button', { name: 'Create note' }).click();
    await page.getByRole('link', { name: 'Shopping list' }).waitFor();

    const titles = await page.locator('.note-list li a').allTextContents();
    expect(titles).toEqual(['Shopping list', 'First note']);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'notes');
  });

  it('shows the API’s field errors next to their fields', async () => {
    await page.getByLabel('Title').fill('Too many characters in a tag');
    await page.getByLabel('Tags').fill('x'.repeat(40));
    await page.getByRole('button', { name: 'Create note' }).click();
    await page.getByRole('alert').filter({ hasText: 'Please correct the fields marked below.' }).waitFor();
    const tags = page.getByLabel('Tags');
    expect(await tags.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('.field-error').allTextContents()).toEqual(['must be at most 32 characters']);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel('Title').fill('');
    await tags.fill('');
  });

  it('fits a phone-sized screen without sideways scrolling', async () => {
    await page.setViewportSize({ width: 375, height: 667 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'notes-phone');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('opens and edits a note', async () => {
    await page.getByRole('link', { name: 'Shopping list' }).click();
    await heading('Edit “Shopping list”').waitFor();
    noteUrl = page.url();
    await page.getByLabel('Title').fill('Shopping list for Sunday');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved (version 2).' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows the newer version when another tab saved first, and keeps mine on request', async () => {
    const other = await context.newPage();
    await other.goto(noteUrl);
    await other.getByRole('heading', { level: 1, name: 'Edit “Shopping list for Sunday”' }).waitFor();
    await other.getByLabel('Body').fill('Changed in the other tab');
    await other.getByRole('button', { name: 'Save' }).click();
    await other.getByRole('status').filter({ hasText: 'Saved (version 3).' }).waitFor();
    await other.close();

    await page.getByLabel('Tags').fill('home, weekly, sunday');
    await page.getByRole('button', { name: 'Save' }).click();
    const dialog = page.getByRole('dialog', { name: 'This note was changed elsewhere' });
    await dialog.waitFor();
    expect(await dialog.getByRole('region', { name: 'Newer version' }).textContent()).toContain(
      'Changed in the other tab',
    );
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'conflict');

    await dialog.getByRole('button', { name: 'Keep mine' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved (version 4).' }).waitFor();
    expect(await page.getByLabel('Tags').inputValue()).toBe('home, weekly, sunday');
  });

  it('stays signed in across a reload', async () => {
    await page.reload();
    await heading('Edit “Shopping list for Sunday”').waitFor();
    expect(await page.getByLabel('Tags').inputValue()).toBe('home, weekly, sunday');
  });

  it('deletes a note after confirmation', async () => {
    await page.getByRole('button', { name: 'Delete' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete this note?' });
    await confirm.waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await confirm.getByRole('button', { name: 'Yes, delete' }).click();
    await heading('Your notes').waitFor();
    await page.getByRole('link', { name: 'First note' }).waitFor();
    expect(await page.locator('.note-list li a').allTextContents()).toEqual(['First note']);
  });

  it('shows the profile from /me', async () => {
    await page.getByRole('link', { name: 'Profile' }).click();
    await heading('Your profile').waitFor();
    await page.getByText(email, { exact: true }).first().waitFor();
    expect(await page.locator('.details').textContent()).toContain('Ana Web');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'profile');
  });

  it('hides admin statistics from a non-admin and shows the 403 when reached by address', async () => {
    expect(await page.getByRole('link', { name: 'Admin' }).count()).toBe(0);
    await page.goto(webUrl('admin'));
    await page.getByRole('alert').filter({ hasText: '403 Forbidden' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('signs out, after which protected pages go back to sign-in', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading('Sign in').waitFor();
    for (const path of ['notes', 'profile', 'admin']) {
      await page.goto(webUrl(path));
      await heading('Sign in').waitFor();
      expect(new URL(page.url()).pathname).toBe('/sign-in');
    }
  });

  it('shows admin statistics to a member of admin', async () => {
    await addToGroup(email, 'admin');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // The `next` page the visitor asked for last.
    await heading('Admin statistics').waitFor();
    await page.getByRole('link', { name: 'Admin' }).waitFor();
    const details = page.locator('.details');
    await details.waitFor();
    expect(await details.textContent()).toMatch(/Notes\d+Users with notes\d+/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'admin');
  });

  it('returns to sign-in with a message once the session can no longer be refreshed', async () => {
    await signOutEverywhere(email);
    // Make the stored access token due for refresh now instead of in an hour; the refresh token is revoked.
    await page.evaluate(() => {
      for (const key of Object.keys(localStorage).filter((k) => k.endsWith('.session'))) {
        const session = JSON.parse(localStorage.getItem(key) ?? '{}');
        localStorage.setItem(key, JSON.stringify({ ...session, accessExpiresAt: 0 }));
      }
    });
    await page.goto(webUrl('profile'));
    await heading('Sign in').waitFor();
    await page.getByRole('status').filter({ hasText: 'Your session has expired' }).waitFor();
    expect(
      await page.evaluate(() => Object.keys(localStorage).filter((k) => k.endsWith('.session'))),
    ).toEqual([]);
  });
});
