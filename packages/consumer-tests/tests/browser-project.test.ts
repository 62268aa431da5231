import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { consumerBin } from './support/consumer-project.js';
import { CONSUMER_PASSWORD, confirmationCode, uniqueEmail } from './support/outbox.js';
import { type CommandOutput, runCommand } from './support/run-command.js';
import { type StaticServer, serveStatic } from './support/static-server.js';

const { dir, config } = inject('consumer');
const project = join(dir, 'browser');

/**
 * Debian's Chromium (`.ci/run` installs it when it is missing), or CHROMIUM_PATH as in the web app's tests;
 * playwright-core drives it and downloads no browser of its own.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface ConsumerPage {
  consumer: {
    signUp(
      config: unknown,
      email: string,
      password: string,
    ): Promise<{ notSignedInBeforeSignIn: boolean; userConfirmed: boolean }>;
    confirmAndUse(email: string, password: string, code: string): Promise<Record<string, unknown>>;
  };
}

describe('a Vite app outside the workspace on @org/client/browser', () => {
  let checked: CommandOutput | Error;
  let built: CommandOutput | Error;
  let server: StaticServer | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    checked = await runCommand(process.execPath, [consumerBin(dir, 'tsc'), '-p', project], project).catch(
      (error: Error) => error,
    );
    built = await runCommand(process.execPath, [consumerBin(dir, 'vite'), 'build'], project).catch(
      (error: Error) => error,
    );
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('type-checks with tsc under moduleResolution bundler, with the DOM and without Node.js types', () => {
    if (checked instanceof Error) throw checked;
    expect(checked.stdout).toBe('');
  });

  it('bundles with vite build', () => {
    if (built instanceof Error) throw built;
    const assets = readdirSync(join(project, 'dist', 'assets'));
    expect(assets.some((file) => file.endsWith('.js'))).toBe(true);
  });

  it('signs up, confirms, signs in and calls typed routes from Chromium against the local stack', async () => {
    if (built instanceof Error) throw built;
    if (!existsSync(CHROMIUM))
      throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium package or set CHROMIUM_PATH`);
    // The dev stage's API allows any origin (infra's corsAllowedOrigins default), and the local Cognito grants
    // CORS to every page for the operations web pages may call; so the page can live on any local port.
    server = await serveStatic(join(project, 'dist'));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${server.origin}/`);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });

    const email = uniqueEmail('browser');
    const signedUp = await page.evaluate(
      ([clientConfig, user, password]) =>
        (globalThis as unknown as ConsumerPage).consumer.signUp(clientConfig, user, password),
      [config, email, CONSUMER_PASSWORD] as const,
    );
    expect(signedUp).toEqual({ notSignedInBeforeSignIn: true, userConfirmed: false });

    const code = await confirmationCode(config, email);
    const used = await page.evaluate(
      ([user, password, confirmation]) =>
        (globalThis as unknown as ConsumerPage).consumer.confirmAndUse(user, password, confirmation),
      [email, CONSUMER_PASSWORD, code] as const,
    );
    expect(used).toEqual({
      signIn: 'signed-in',
      created: 'From a browser bundle',
      listed: ['From a browser bundle'],
      me: email,
    });
    expect(pageErrors).toEqual([]);
  });
});
