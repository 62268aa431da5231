import type { CognitoService } from '../cognito/index.js';
import { type OAuthClient, readOAuthClient } from './oauth-client.js';
import { withParams } from './oauth-http.js';

/** An authorize request that passed every check: what the sign-in completes. */
export interface AuthorizeRequest {
  client: OAuthClient;
  responseType: 'code' | 'token';
  redirectUri: string;
  scopes: string[];
  state?: string;
  nonce?: string;
  /** The S256 challenge of a PKCE request. */
  codeChallenge?: string;
  /** `login`: ask for the password even within a session; `none`: never show a form. */
  prompt?: string;
}

/**
 * The outcome of checking an authorize request. Until the client and its redirect URI are known good, an error
 * is shown as a page (never sent to an unchecked URI); after that it goes back to the app in the redirect.
 */
export type AuthorizeCheck =
  | { ok: true; request: AuthorizeRequest }
  | { ok: false; page: string }
  | { ok: false; redirect: string };

/** OIDC scopes that only make sense with `openid` (AWS: "can only be requested if openid scope is also requested"). */
const NEEDS_OPENID = new Set(['email', 'phone', 'profile']);

/** Where an error goes back to the app: the redirect URI with `error` (and the request's `state`). */
export function errorRedirect(redirectUri: string, error: string, state: string | undefined): string {
  return withParams(redirectUri, { error, ...(state === undefined ? {} : { state }) });
}

/**
 * Checks an authorize request's parameters (from `/oauth2/authorize` or a managed login page's query) as AWS's
 * authorization endpoint does: client, exact redirect URI, response type and the client's flows, PKCE (S256
 * only: AWS's docs say its server "supports only S256", so `plain` is `invalid_request`), and scopes.
 */
export async function checkAuthorizeRequest(
  cognito: Pick<CognitoService, 'call'>,
  poolId: string,
  params: URLSearchParams,
): Promise<AuthorizeCheck> {
  const clientId = params.get('client_id');
  if (clientId === null || clientId === '')
    return { ok: false, page: 'invalid_request: client_id is missing' };
  const client = await readOAuthClient(cognito, poolId, clientId);
  if (client === undefined) return { ok: false, page: 'invalid_request: the client does not exist' };
  const redirectUri = params.get('redirect_uri');
  if (redirectUri === null || !client.callbackUrls.includes(redirectUri)) {
    // AWS shows its own error page (`error=redirect_mismatch`) rather than redirect to an unregistered URI.
    return { ok: false, page: 'redirect_mismatch: redirect_uri is not one of the client’s callback URLs' };
  }
  const state = params.get('state') ?? undefined;
  const fail = (error: string): AuthorizeCheck => ({
    ok: false,
    redirect: errorRedirect(redirectUri, error, state),
  });
  const responseType = params.get('response_type');
  if (responseType === null || responseType === '') return fail('invalid_request');
  if (responseType !== 'code' && responseType !== 'token') return fail('unsupported_response_type');
  const flow = responseType === 'code' ? 'code' : 'implicit';
  if (!client.oauthEnabled || !client.flows.includes(flow)) return fail('unauthorized_client');
  const method = params.get('code_challenge_method');
  const challenge = params.get('code_challenge');
  if (
    (method !== null || challenge !== null) &&
    (method !== 'S256' || challenge === null || challenge === '')
  ) {
    return fail('invalid_request');
  }
  const asked = (params.get('scope') ?? '').split(' ').filter((s) => s !== '');
  // "If the client doesn't request any scopes, the authentication server uses all scopes associated with the client."
  const scopes = asked.length === 0 ? [...client.scopes] : [...new Set(asked)];
  if (scopes.some((s) => !client.scopes.includes(s))) return fail('invalid_scope');
  if (!scopes.includes('openid') && scopes.some((s) => NEEDS_OPENID.has(s))) return fail('invalid_scope');
  const nonce = params.get('nonce') ?? undefined;
  const prompt = params.get('prompt') ?? undefined;
  return {
    ok: true,
    request: {
      client,
      responseType,
      redirectUri,
      scopes,
      ...(state === undefined ? {} : { state }),
      ...(nonce === undefined ? {} : { nonce }),
      ...(challenge === null ? {} : { codeChallenge: challenge }),
      ...(prompt === undefined ? {} : { prompt }),
    },
  };
}
