import { CognitoError } from '../cognito/index.js';
import { authenticateClient } from './client-authentication.js';
import type { OAuthClient } from './oauth-client.js';
import type { DomainRequest, OAuthContext } from './oauth-context.js';
import { FormBodyError, isFormEncoded, readForm, sendJson } from './oauth-http.js';

/**
 * AWS's token endpoint answers every error with 400 and `{"error": "<code>"}` (its documented sample, for
 * `invalid_client` too, where RFC 6749 would allow 401).
 */
function fail(r: DomainRequest, error: string): void {
  sendJson(r.req, r.res, 400, { error });
}

/** The token response of a user grant: the ID token only for a grant with `openid`. */
function userTokens(
  tokens: { AccessToken: string; IdToken: string; RefreshToken?: string; ExpiresIn: number },
  withIdToken: boolean,
): Record<string, unknown> {
  return {
    ...(withIdToken ? { id_token: tokens.IdToken } : {}),
    access_token: tokens.AccessToken,
    ...(tokens.RefreshToken === undefined ? {} : { refresh_token: tokens.RefreshToken }),
    expires_in: tokens.ExpiresIn,
    token_type: 'Bearer',
  };
}

async function authorizationCode(
  ctx: OAuthContext,
  r: DomainRequest,
  client: OAuthClient,
  form: URLSearchParams,
) {
  if (!client.oauthEnabled || !client.flows.includes('code')) return fail(r, 'unauthorized_client');
  const code = form.get('code');
  const redirectUri = form.get('redirect_uri');
  if (code === null || code === '' || redirectUri === null) return fail(r, 'invalid_request');
  const verifier = form.get('code_verifier') ?? undefined;
  const redeemed = ctx.codes.redeem(code, client.clientId, redirectUri, verifier);
  // A spent, expired or unknown code, another client's, another redirect URI's, or a wrong PKCE verifier.
  if (!redeemed.ok) return fail(r, 'invalid_grant');
  try {
    const tokens = await ctx.cognito.hostedAuth.tokensForGrant(redeemed.code);
    sendJson(r.req, r.res, 200, userTokens(tokens, redeemed.code.scopes.includes('openid')));
  } catch (err) {
    // The user was disabled or deleted since signing in, or a trigger refused the tokens.
    if (err instanceof CognitoError && err.statusCode < 500) return fail(r, 'invalid_grant');
    throw err;
  }
}

async function refreshToken(
  ctx: OAuthContext,
  r: DomainRequest,
  client: OAuthClient,
  secret: string | undefined,
  form: URLSearchParams,
) {
  const token = form.get('refresh_token');
  if (token === null || token === '') return fail(r, 'invalid_request');
  try {
    const tokens = await ctx.cognito.hostedAuth.refresh(client.clientId, token, secret);
    sendJson(r.req, r.res, 200, userTokens(tokens, ctx.cognito.hostedAuth.refreshGrantsOpenId(token)));
  } catch (err) {
    // Invalid, revoked, expired or another client's refresh token, or its user gone or disabled.
    if (err instanceof CognitoError && err.statusCode < 500) return fail(r, 'invalid_grant');
    throw err;
  }
}

async function clientCredentials(
  ctx: OAuthContext,
  r: DomainRequest,
  client: OAuthClient,
  form: URLSearchParams,
) {
  if (!client.oauthEnabled || !client.flows.includes('client_credentials'))
    return fail(r, 'unauthorized_client');
  // The grant is for confidential clients only (a client without a secret cannot authenticate as one).
  if (client.secret === undefined) return fail(r, 'invalid_client');
  const asked = (form.get('scope') ?? '').split(' ').filter((s) => s !== '');
  // Without `scope`, "the authentication server uses all custom scopes associated with the client".
  const scopes = asked.length === 0 ? client.scopes.filter((s) => s.includes('/')) : [...new Set(asked)];
  if (scopes.length === 0 || scopes.some((s) => !client.scopes.includes(s) || !s.includes('/'))) {
    return fail(r, 'invalid_scope');
  }
  const tokens = await ctx.cognito.hostedAuth.tokensForClient(r.poolId, client.clientId, scopes);
  sendJson(r.req, r.res, 200, {
    access_token: tokens.AccessToken,
    expires_in: tokens.ExpiresIn,
    token_type: 'Bearer',
  });
}

/**
 * `POST /oauth2/token`: the `authorization_code` (with PKCE), `refresh_token` and `client_credentials` grants,
 * the client authenticated by HTTP Basic or the form. The body must be `application/x-www-form-urlencoded`.
 */
export async function tokenEndpoint(ctx: OAuthContext, r: DomainRequest): Promise<void> {
  if (r.req.method !== 'POST') {
    r.req.resume();
    return sendJson(r.req, r.res, 405, { error: 'invalid_request' }, { Allow: 'POST' });
  }
  if (!isFormEncoded(r.req)) {
    r.req.resume();
    return fail(r, 'invalid_request');
  }
  let form: URLSearchParams;
  try {
    form = await readForm(r.req);
  } catch (err) {
    if (err instanceof FormBodyError) return sendJson(r.req, r.res, err.status, { error: 'invalid_request' });
    throw err;
  }
  const grantType = form.get('grant_type');
  if (grantType === null || grantType === '') return fail(r, 'invalid_request');
  const authenticated = await authenticateClient(ctx.cognito, r.poolId, r.req, form);
  if (!authenticated.ok) return fail(r, authenticated.error);
  const { client, secret } = authenticated;
  switch (grantType) {
    case 'authorization_code':
      return authorizationCode(ctx, r, client, form);
    case 'refresh_token':
      return refreshToken(ctx, r, client, secret, form);
    case 'client_credentials':
      return clientCredentials(ctx, r, client, form);
    default:
      return fail(r, 'unsupported_grant_type');
  }
}
