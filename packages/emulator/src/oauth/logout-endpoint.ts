import { SESSION_COOKIE } from './login-sessions.js';
import { readOAuthClient } from './oauth-client.js';
import type { DomainRequest, OAuthContext } from './oauth-context.js';
import { cookie, redirect, sendHtml } from './oauth-http.js';
import { renderErrorPage } from './page-layout.js';

/**
 * `GET /logout`: ends the managed login session (server side, and clears its cookie), then either redirects to
 * `logout_uri` (which must be one of the client's `LogoutURLs`, exactly) or, given `redirect_uri` and
 * `response_type` instead, to the sign-in page for a new sign-in (the redirect URI one of its `CallbackURLs`),
 * as AWS's logout endpoint does. Tokens already issued stay valid; revoke the refresh token for that.
 */
export async function logoutEndpoint(ctx: OAuthContext, r: DomainRequest): Promise<void> {
  r.req.resume();
  const params = r.url.searchParams;
  const clientId = params.get('client_id');
  const client = clientId === null ? undefined : await readOAuthClient(ctx.cognito, r.poolId, clientId);
  if (client === undefined) {
    sendHtml(
      r.res,
      400,
      renderErrorPage('invalid_request: client_id is missing or names no client of this pool'),
    );
    return;
  }
  const clear = [cookie(SESSION_COOKIE, '', r.base, 0)];
  const logoutUri = params.get('logout_uri');
  if (logoutUri !== null) {
    if (!client.logoutUrls.includes(logoutUri)) {
      sendHtml(
        r.res,
        400,
        renderErrorPage('redirect_mismatch: logout_uri is not one of the client’s sign-out URLs'),
      );
      return;
    }
    ctx.sessions.end(r.cookies[SESSION_COOKIE]);
    redirect(r.res, logoutUri, clear);
    return;
  }
  const redirectUri = params.get('redirect_uri');
  if (
    redirectUri === null ||
    params.get('response_type') === null ||
    !client.callbackUrls.includes(redirectUri)
  ) {
    sendHtml(
      r.res,
      400,
      renderErrorPage('invalid_request: give logout_uri, or redirect_uri and response_type to sign in again'),
    );
    return;
  }
  ctx.sessions.end(r.cookies[SESSION_COOKIE]);
  const again = new URLSearchParams();
  for (const name of ['client_id', 'redirect_uri', 'response_type', 'scope', 'state', 'nonce']) {
    const value = params.get(name);
    if (value !== null) again.set(name, value);
  }
  redirect(r.res, `${r.base}/login?${again.toString()}`, clear);
}
