import { CognitoError } from '../cognito/index.js';
import { authenticateClient } from './client-authentication.js';
import type { OAuthClient } from './oauth-client.js';
import type { DomainRequest, OAuthContext } from './oauth-context.js';
import { readPostedForm, sendJson } from './oauth-http.js';

/**
 * AWS's token endpoint answers every error with 400 and `{"error": "<code>"}` (its documented sample, for
 * `invalid_client` too, where RFC 6749 would allow 401).
 */
function fail(r: DomainRequest, error: string): void {
  sendJson(r.req, r.res, 400, { error });
}

interface UserTokens {
  AccessToken: string;
  IdToken: string;
  RefreshToken?: string;
  ExpiresIn: number;
}

/**
 * Answers a user grant with the tokens `issue` gives and whether the grant has `openid` (the ID token is sent
 * only then). Cognito refusing the tokens (a client error) is `invalid_grant`.
 */
async function sendUserTokens(r: DomainRequest, issue: () => Promise<[UserTokens, boolean]>): Promise<void> {
  let tokens: UserTokens;
  let withIdToken: boolean;
  try {
    [tokens, withIdToken] = await issue();
  } catch (err) {
    if (err instanceof CognitoError && err.statusCode < 500) return fail(r, 'invalid_grant');
    throw err;
  }
  sendJson(r.req, r.res, 200, {
    ...(withIdToken ? { id_token: tokens.IdToken } : {}),
    access_token: tokens.AccessToken,
    ...(tokens.RefreshToken === undefined ? {} : { refresh_token: tokens.RefreshToken }),
    expires_in: tokens.ExpiresIn,
    token_type: 'Bearer',
  });
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
  // A refusal here: the user was disabled or deleted since signing in, or a trigger refused the tokens.
  await sendUserTokens(r, async () => [
    await ctx.cognito.hostedAuth.tokensForGrant(redeemed.code),
    redeemed.code.scopes.includes('openid'),
  ]);
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
  // A refusal here: an invalid, revoked, expired or another client's refresh token, or its user gone or disabled.
  await sendUserTokens(r, async () => [
    await ctx.cognito.hostedAuth.refresh(client.clientId, token, secret),
    ctx.cognito.hostedAuth.refreshGrantsOpenId(token),
  ]);
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
  const form = await readPostedForm(r.req, r.res);
  if (form === undefined) return;
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
