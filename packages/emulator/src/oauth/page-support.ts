import { createHmac } from 'node:crypto';
import { CognitoError } from '../cognito/index.js';
import { type AuthorizeRequest, checkAuthorizeRequest } from './authorize-request.js';
import { CSRF_COOKIE, CSRF_FIELD } from './csrf-token.js';
import { SESSION_LIFETIME_MS } from './login-sessions.js';
import type { OAuthClient } from './oauth-client.js';
import type { DomainRequest, OAuthContext } from './oauth-context.js';
import { cookie, FormBodyError, isFormEncoded, readForm, redirect, sendHtml } from './oauth-http.js';
import { type FormField, renderErrorPage } from './page-layout.js';

/** The CSRF form value for this browser, and the cookie to set when it has none yet. */
export function csrfFor(ctx: OAuthContext, r: DomainRequest): { token: string; cookies: string[] } {
  const existing = r.cookies[CSRF_COOKIE];
  if (existing !== undefined && /^[\w-]{16,64}$/.test(existing)) {
    return { token: ctx.csrf.formValue(existing), cookies: [] };
  }
  const fresh = ctx.csrf.newCookie();
  return {
    token: ctx.csrf.formValue(fresh),
    cookies: [cookie(CSRF_COOKIE, fresh, r.base, SESSION_LIFETIME_MS / 1000)],
  };
}

/**
 * The posted form of a page, once its CSRF value matches the browser's cookie; otherwise the page is answered
 * here (403, or 400/413 for a body that is not a form) and the result is undefined.
 */
export async function readPageForm(
  ctx: OAuthContext,
  r: DomainRequest,
): Promise<URLSearchParams | undefined> {
  if (!isFormEncoded(r.req)) {
    r.req.resume();
    sendHtml(r.res, 400, renderErrorPage('The form must be sent as application/x-www-form-urlencoded.'));
    return undefined;
  }
  let form: URLSearchParams;
  try {
    form = await readForm(r.req);
  } catch (err) {
    if (!(err instanceof FormBodyError)) throw err;
    sendHtml(r.res, err.status, renderErrorPage(err.message));
    return undefined;
  }
  if (!ctx.csrf.matches(r.cookies[CSRF_COOKIE], form.get(CSRF_FIELD))) {
    sendHtml(
      r.res,
      403,
      renderErrorPage('The form expired or did not come from this page. Go back and try again.'),
    );
    return undefined;
  }
  return form;
}

/**
 * The authorize request a page's query carries (the pages keep it to finish the sign-in), or undefined when it
 * does not pass, in which case the error has been answered as authorize answers it.
 */
export async function pageAuthorizeRequest(
  ctx: OAuthContext,
  r: DomainRequest,
): Promise<AuthorizeRequest | undefined> {
  const checked = await checkAuthorizeRequest(ctx.cognito, r.poolId, r.url.searchParams);
  if (checked.ok) return checked.request;
  if ('page' in checked) sendHtml(r.res, 400, renderErrorPage(checked.page));
  else redirect(r.res, checked.redirect);
  return undefined;
}

/** SECRET_HASH for a confidential client, so the pages can call the public operations as its app would. */
export function secretHash(client: OAuthClient, username: string): { SecretHash?: string } {
  if (client.secret === undefined) return {};
  return {
    SecretHash: createHmac('sha256', client.secret)
      .update(username + client.clientId)
      .digest('base64'),
  };
}

/** The message of a Cognito error, shown on the page as AWS's pages show it; anything else is rethrown. */
export function cognitoMessage(err: unknown): string {
  if (err instanceof CognitoError && err.statusCode < 500) return err.message;
  throw err;
}

/** A page path of the domain with the authorize request's query kept. */
export function pagePath(r: DomainRequest, page: string): string {
  return `${r.base}/${page}${r.url.search}`;
}

/** What the pages read of the pool's description: how users name themselves, and whether they may sign up. */
interface PoolNaming {
  UsernameAttributes?: string[];
  SchemaAttributes?: { Name?: string; Required?: boolean }[];
  AdminCreateUserConfig?: { AllowAdminCreateUserOnly?: boolean };
}

/** The pool's description (what the pages ask for depends on it). */
export async function describePool(ctx: OAuthContext, poolId: string): Promise<PoolNaming> {
  return ((await ctx.cognito.call('DescribeUserPool', { UserPoolId: poolId })).UserPool ?? {}) as PoolNaming;
}

/** The field users type their name in: their email address in a pool whose usernames are email addresses. */
export function usernameField(pool: PoolNaming, value = ''): FormField {
  return pool.UsernameAttributes?.includes('email') === true
    ? { name: 'username', label: 'Email address', type: 'email', autocomplete: 'username', value }
    : { name: 'username', label: 'Username', type: 'text', autocomplete: 'username', value };
}
