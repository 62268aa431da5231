import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateUserPoolClientCommand,
  type CreateUserPoolClientCommandInput,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
  CreateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll } from 'vitest';
import type { CognitoServiceOptions } from '../../src/cognito/index.js';
import { type AuthServer, startAuthServer } from '../../src/oauth/index.js';
import { type Harness, STRONG_PASSWORD, startHarness } from '../cognito/cognito-test-harness.js';

export const CALLBACK = 'http://localhost:5173/';
export const USERNAME = 'ada';
export { STRONG_PASSWORD };

/** A Cognito service and its server, the OAuth server, one pool with a domain, a public client and a user. */
export interface OAuthHarness {
  h: Harness;
  auth: AuthServer;
  poolId: string;
  clientId: string;
  domain: string;
  /** `<auth url>/<domain>`. */
  base: string;
  /** Makes another client of the pool (OAuth members as CreateUserPoolClient takes them). */
  newClient(
    input: Partial<CreateUserPoolClientCommandInput>,
  ): Promise<{ clientId: string; clientSecret?: string }>;
}

let domains = 0;

export function useOAuthHarness(
  ready: (t: OAuthHarness) => void | Promise<void>,
  setup: { service?: Partial<CognitoServiceOptions>; pool?: Partial<CreateUserPoolCommandInput> } = {},
): void {
  let started: OAuthHarness | undefined;
  beforeAll(async () => {
    const h = await startHarness(setup.service);
    const auth = await startAuthServer({ cognito: h.service, now: () => h.clock.now });
    const poolId =
      (
        await h.sdk.send(
          new CreateUserPoolCommand({ PoolName: 'oauth', AutoVerifiedAttributes: ['email'], ...setup.pool }),
        )
      ).UserPool?.Id ?? '';
    domains += 1;
    const domain = `gatehouse-test-${process.pid}-${domains}`;
    await h.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain }));
    await declareResourceServer(h, poolId);
    const newClient = async (input: Partial<CreateUserPoolClientCommandInput>) => {
      const c = await h.sdk.send(
        new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'c', ...input }),
      );
      const secret = c.UserPoolClient?.ClientSecret;
      return {
        clientId: c.UserPoolClient?.ClientId ?? '',
        ...(secret === undefined ? {} : { clientSecret: secret }),
      };
    };
    const { clientId } = await newClient({
      ClientName: 'web',
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile', 'aws.cognito.signin.user.admin'],
      CallbackURLs: [CALLBACK],
      LogoutURLs: [CALLBACK],
      SupportedIdentityProviders: ['COGNITO'],
    });
    // A pool whose usernames are email addresses signs its user up by the address.
    const username =
      setup.pool?.UsernameAttributes?.includes('email') === true ? 'ada@example.com' : USERNAME;
    await h.sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: username,
        MessageAction: 'SUPPRESS',
        UserAttributes: [
          { Name: 'email', Value: 'ada@example.com' },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
    await h.sdk.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: poolId,
        Username: username,
        Password: STRONG_PASSWORD,
        Permanent: true,
      }),
    );
    started = { h, auth, poolId, clientId, domain, base: `${auth.url}/${domain}`, newClient };
    await ready(started);
  });
  afterAll(async () => {
    await started?.auth.close();
    await started?.h.close();
  });
}

/** The custom scopes the tests' clients use, under the resource server `gatehouse-api`. */
export const CUSTOM_SCOPES = ['notes.read', 'notes.write', 'stats.read'] as const;

/**
 * Declares the resource server whose scopes the tests' clients name, where the service has resource servers
 * (their operations come with their own change; with them, a client may only name declared scopes).
 */
async function declareResourceServer(h: Harness, poolId: string): Promise<void> {
  try {
    await h.service.call('CreateResourceServer', {
      UserPoolId: poolId,
      Identifier: 'gatehouse-api',
      Name: 'gatehouse-api',
      Scopes: CUSTOM_SCOPES.map((ScopeName) => ({ ScopeName, ScopeDescription: ScopeName })),
    });
  } catch (err) {
    if (!(err instanceof Error && err.name === 'UnknownOperationException')) throw err;
  }
}

/** A browser's cookie jar for one origin (the OAuth server's): what `Set-Cookie` set, sent back on each request. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (/Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** A request as a browser makes it: cookies sent, redirects not followed (the test follows them). */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', this.header());
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.take(res);
    return res;
  }
}

/** The `_csrf` value of a page's form. */
export function csrfOf(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (match?.[1] === undefined) throw new Error('the page has no CSRF field');
  return match[1];
}

/** Posts a page's form (with its CSRF value) as a browser does. */
export async function submitForm(
  jar: CookieJar,
  url: string,
  page: string,
  fields: Record<string, string>,
): Promise<Response> {
  return jar.fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrfOf(page), ...fields }).toString(),
  });
}

/**
 * Goes through authorize and the sign-in page as a browser would: the 302 to `/login`, the form, its post.
 * Resolves to the final answer (a 302 to the app's callback on success).
 */
export async function signInThroughPage(
  jar: CookieJar,
  authorizeUrl: string,
  username = USERNAME,
  password = STRONG_PASSWORD,
): Promise<Response> {
  const authorized = await jar.fetch(authorizeUrl);
  if (authorized.status !== 302) throw new Error(`authorize answered ${authorized.status}`);
  const loginUrl = new URL(authorized.headers.get('location') ?? '', authorizeUrl).toString();
  if (!loginUrl.includes('/login')) return authorized;
  const page = await (await jar.fetch(loginUrl)).text();
  return submitForm(jar, loginUrl, page, { username, password });
}

/**
 * The managed login pages of the harness's app client, each opened with the authorize request's parameters
 * (code flow to {@link CALLBACK}, state `p1`), as the browser arrives at them from `/oauth2/authorize`.
 */
export function managedLoginPages(harness: () => OAuthHarness) {
  const query = () =>
    new URLSearchParams({
      response_type: 'code',
      client_id: harness().clientId,
      redirect_uri: CALLBACK,
      state: 'p1',
    }).toString();
  const pageUrl = (page: string) => `${harness().base}/${page}?${query()}`;
  const open = async (jar: CookieJar, page: string) => {
    const res = await jar.fetch(pageUrl(page));
    return { res, html: await res.text() };
  };
  return { query, pageUrl, open };
}
