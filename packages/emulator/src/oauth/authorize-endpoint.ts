import type { HostedUser } from '../cognito/hosted-auth.js';
import { CognitoError } from '../cognito/index.js';
import { type AuthorizeRequest, checkAuthorizeRequest, errorRedirect } from './authorize-request.js';
import { SESSION_COOKIE } from './login-sessions.js';
import type { DomainRequest, OAuthContext } from './oauth-context.js';
import { redirect, sendHtml, withParams } from './oauth-http.js';
import { renderErrorPage } from './page-layout.js';

/**
 * Where a signed-in user goes back to the app: the redirect URI with a one-time code (authorization code
 * grant), or with the tokens in the fragment (implicit grant: no refresh token, an ID token only for `openid`).
 */
export async function completeAuthorization(
  ctx: OAuthContext,
  request: AuthorizeRequest,
  user: HostedUser,
): Promise<string> {
  const grant = {
    poolId: user.poolId,
    clientId: request.client.clientId,
    username: user.username,
    scopes: request.scopes,
    authTime: user.authTime,
    ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
  };
  const state = request.state === undefined ? {} : { state: request.state };
  if (request.responseType === 'code') {
    const code = ctx.codes.issue({
      ...grant,
      redirectUri: request.redirectUri,
      ...(request.codeChallenge === undefined ? {} : { codeChallenge: request.codeChallenge }),
    });
    return withParams(request.redirectUri, { code, ...state });
  }
  let tokens: Awaited<ReturnType<typeof ctx.cognito.hostedAuth.tokensForGrant>>;
  try {
    tokens = await ctx.cognito.hostedAuth.tokensForGrant(grant, false);
  } catch (err) {
    // A trigger that refused the tokens, or a user disabled meanwhile: AWS sends `server_error` back to the app
    // rather than show a failure the app never learns of.
    if (err instanceof CognitoError && err.statusCode < 500) {
      return errorRedirect(request.redirectUri, 'server_error', request.state);
    }
    throw err;
  }
  return withParams(
    request.redirectUri,
    {
      ...(request.scopes.includes('openid') ? { id_token: tokens.IdToken } : {}),
      access_token: tokens.AccessToken,
      token_type: 'Bearer',
      expires_in: String(tokens.ExpiresIn),
      ...state,
    },
    true,
  );
}

/**
 * `GET /oauth2/authorize`: checks the request, then signs the user in through the managed login page, or, within
 * a managed login session, goes straight back to the app. `prompt=login` shows the form even within a session;
 * `prompt=none` never shows it, and without a session answers `error=login_required` (OIDC Core 3.1.2.6).
 */
export async function authorizeEndpoint(ctx: OAuthContext, r: DomainRequest): Promise<void> {
  r.req.resume();
  if (r.req.method !== 'GET' && r.req.method !== 'HEAD') {
    // "The /oauth2/authorize endpoint only supports HTTPS GET."
    r.res.writeHead(405, { Allow: 'GET', 'Content-Length': 0 }).end();
    return;
  }
  const checked = await checkAuthorizeRequest(ctx.cognito, r.poolId, r.url.searchParams);
  if (!checked.ok) {
    if ('page' in checked) sendHtml(r.res, 400, renderErrorPage(checked.page));
    else redirect(r.res, checked.redirect);
    return;
  }
  const request = checked.request;
  const session = ctx.sessions.find(r.cookies[SESSION_COOKIE], r.poolId);
  const signedIn =
    session !== undefined && ctx.cognito.hostedAuth.stillSignedIn(session) ? session : undefined;
  if (signedIn !== undefined && request.prompt !== 'login') {
    redirect(r.res, await completeAuthorization(ctx, request, signedIn));
    return;
  }
  if (request.prompt === 'none') {
    redirect(r.res, errorRedirect(request.redirectUri, 'login_required', request.state));
    return;
  }
  redirect(r.res, `${r.base}/login${r.url.search}`);
}
