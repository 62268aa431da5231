import { SESSION_COOKIE } from './login-sessions.js';
import { type OAuthClient, readOAuthClient } from './oauth-client.js';
import type { DomainRequest, OAuthContext } from './oauth-context.js';
import { cookie, redirect, sendHtml } from './oauth-http.js';
import { renderErrorPage } from './page-layout.js';

/**
 * Where a logout goes: `logout_uri` (which must be one of the client's `LogoutURLs`, exactly) or, given
 * `redirect_uri` and `response_type` instead, the sign-in page for a new sign-in (the redirect URI one of its
 * `CallbackURLs`); otherwise the error page's message.
 */
function logoutTarget(
  client: OAuthClient,
  params: URLSearchParams,
  base: string,
): { to: string } | { error: string } {
  const logoutUri = params.get('logout_uri');
  if (logoutUri !== null) {
    return client.logoutUrls.includes(logoutUri)
      ? { to: logoutUri }
      : { error: 'redirect_mismatch: logout_uri is not one of the client’s sign-out URLs' };
  }
  const redirectUri = params.get('redirect_uri');
  if (
    redirectUri === null ||
    params.get('response_type') === null ||
    !client.callbackUrls.includes(redirectUri)
  ) {
    return { error: 'invalid_request: give logout_uri, or redirect_uri and response_type to sign in again' };
  }
  const again = new URLSearchParams();
  for (const name of ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'nonce']) {
    const value = params.get(name);
    if (value !== null) again.set(name, value);
  }
  return { to: `${base}/login?${again.toString()}` };
}

/**
 * `GET /logout`: ends the managed login session (server side, and clears its cookie), then redirects where
 * `logoutTarget` says, as AWS's logout endpoint does; a refused logout keeps the session. Tokens already issued
 * stay valid; revoke the refresh token for that.
 */
export async function logoutEndpoint(ctx: OAuthContext, r: DomainRequest): Promise<void> {
  r.req.resume();
  const clientId = r.url.searchParams.get('client_id');
  const client = clientId === null ? undefined : await readOAuthClient(ctx.cognito, r.poolId, clientId);
  const target =
    client === undefined
      ? { error: 'invalid_request: client_id is missing or names no client of this pool' }
      : logoutTarget(client, r.url.searchParams, r.base);
  if ('error' in target) {
    sendHtml(r.res, 400, renderErrorPage(target.error));
    return;
  }
  ctx.sessions.end(r.cookies[SESSION_COOKIE]);
  redirect(r.res, target.to, [cookie(SESSION_COOKIE, '', r.base, 0)]);
}
