import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  AdminAddUserToGroupCommand,
  AdminConfirmSignUpCommand,
  AdminUserGlobalSignOutCommand,
  CognitoIdentityProviderClient,
  DescribeUserPoolClientCommand,
  SignUpCommand,
  UpdateUserPoolClientCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { AxeBuilder } from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

/** Debian's Chromium (`apt-get install chromium`); `.ci/run` installs it when it is missing. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Test artifacts: a screenshot of each main page. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../reports/screenshots/', import.meta.url));

/** A password that satisfies the pool's policy (12+ characters). */
export const TEST_PASSWORD = 'correct-horse-battery-staple-42';

/** Headless Chromium, quiet: no background traffic, no first-run pages, no GPU. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Chromium with one desktop-sized page. The context's default timeout is a safety net for real I/O only;
 * every wait in the tests ends on an event in the page.
 */
export async function openDesktopPage(): Promise<{ browser: Browser; context: BrowserContext; page: Page }> {
  const browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(60_000);
  return { browser, context, page: await context.newPage() };
}

/** The app's URL for `path` (without the leading `/`). */
export function webUrl(path = ''): string {
  return new URL(path, inject('webUrl')).toString();
}

let counter = 0;

/** A new, unique email address. */
export function uniqueEmail(prefix: string): string {
  counter += 1;
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${counter}@example.com`;
}

/**
 * The last confirmation code the local Cognito "sent" to `email`, read from its outbox as a developer reads it
 * from the terminal (`GET /_local/outbox`, answered only to this machine).
 */
export async function confirmationCode(email: string): Promise<string> {
  const url = new URL('/_local/outbox', inject('cognitoEndpoint'));
  url.searchParams.set('userPoolId', inject('userPoolId'));
  const response = await fetch(url);
  if (!response.ok) throw new Error(`The outbox answered ${response.status}`);
  const { messages } = (await response.json()) as {
    messages: { destination: string; kind: string; code?: string }[];
  };
  const code = messages.filter((m) => m.destination === email && m.code !== undefined).at(-1)?.code;
  if (code === undefined) throw new Error(`No code in the outbox for ${email}`);
  return code;
}

/** Runs `use` with the official SDK pointed at the local Cognito, as an operator's admin tool would be. */
async function withAdminSdk(
  use: (cognito: CognitoIdentityProviderClient) => Promise<unknown>,
): Promise<void> {
  const cognito = new CognitoIdentityProviderClient({
    endpoint: inject('cognitoEndpoint'),
    region: inject('region'),
    // Admin operations are SigV4-signed; the local Cognito accepts any credentials.
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    await use(cognito);
  } finally {
    cognito.destroy();
  }
}

/** Adds the user to a group (`AdminAddUserToGroup`). */
export function addToGroup(email: string, groupName: string): Promise<void> {
  return withAdminSdk((cognito) =>
    cognito.send(
      new AdminAddUserToGroupCommand({
        UserPoolId: inject('userPoolId'),
        Username: email,
        GroupName: groupName,
      }),
    ),
  );
}

/** Signs the user out of every device (`AdminUserGlobalSignOut`): their refresh tokens stop working. */
export function signOutEverywhere(email: string): Promise<void> {
  return withAdminSdk((cognito) =>
    cognito.send(new AdminUserGlobalSignOutCommand({ UserPoolId: inject('userPoolId'), Username: email })),
  );
}

/** Signs a user up with the password `TEST_PASSWORD` and confirms them (`SignUp`, `AdminConfirmSignUp`). */
export function createConfirmedUser(email: string): Promise<void> {
  return withAdminSdk(async (cognito) => {
    await cognito.send(
      new SignUpCommand({
        ClientId: inject('clientId'),
        Username: email,
        Password: TEST_PASSWORD,
        UserAttributes: [
          { Name: 'email', Value: email },
          { Name: 'name', Value: 'Ana Hosted' },
        ],
      }),
    );
    await cognito.send(new AdminConfirmSignUpCommand({ UserPoolId: inject('userPoolId'), Username: email }));
  });
}

/**
 * Adds the dev server's URL to the app client's callback and sign-out URLs, as an operator would for another
 * address: the dev stage registers `http://localhost:5173/`, and the tests' server listens on a free port.
 * `UpdateUserPoolClient` resets what it is not given, so every setting read is passed back.
 */
export function registerWebAppUrl(): Promise<void> {
  return withAdminSdk(async (cognito) => {
    const ids = { UserPoolId: inject('userPoolId'), ClientId: inject('clientId') };
    const { UserPoolClient: current } = await cognito.send(new DescribeUserPoolClientCommand(ids));
    if (!current) throw new Error('DescribeUserPoolClient returned no client');
    const url = webUrl();
    await cognito.send(
      new UpdateUserPoolClientCommand({
        ...ids,
        ClientName: current.ClientName,
        RefreshTokenValidity: current.RefreshTokenValidity,
        AccessTokenValidity: current.AccessTokenValidity,
        IdTokenValidity: current.IdTokenValidity,
        TokenValidityUnits: current.TokenValidityUnits,
        ReadAttributes: current.ReadAttributes,
        WriteAttributes: current.WriteAttributes,
        ExplicitAuthFlows: current.ExplicitAuthFlows,
        SupportedIdentityProviders: current.SupportedIdentityProviders,
        CallbackURLs: [...(current.CallbackURLs ?? []), url],
        LogoutURLs: [...(current.LogoutURLs ?? []), url],
        DefaultRedirectURI: current.DefaultRedirectURI,
        AllowedOAuthFlows: current.AllowedOAuthFlows,
        AllowedOAuthScopes: current.AllowedOAuthScopes,
        AllowedOAuthFlowsUserPoolClient: current.AllowedOAuthFlowsUserPoolClient,
        PreventUserExistenceErrors: current.PreventUserExistenceErrors,
        EnableTokenRevocation: current.EnableTokenRevocation,
        AuthSessionValidity: current.AuthSessionValidity,
      }),
    );
  });
}

/** axe-core's serious and critical findings on the page as it is now (WCAG 2.x A and AA rules). */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Saves a full-page screenshot as a test artifact. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOT_DIR}${name}.png`, fullPage: true });
}
