import { ClientError } from '../errors/client-error.js';

/**
 * The user pool's OAuth 2.0 endpoints refused a request (`/oauth2/token`, or the authorization answer the
 * browser came back with). `oauthError` is the standard error code unchanged (`invalid_grant`…) and
 * `description` the server's `error_description` when it sent one. Never carries a code or a token.
 */
export abstract class OAuthError extends ClientError {
  constructor(
    readonly oauthError: string,
    readonly description: string | undefined,
    options?: ErrorOptions,
  ) {
    super(description ? `${oauthError}: ${description}` : oauthError, options);
  }
}

/** The code, refresh token or PKCE verifier is wrong, used, expired, or was issued for another client or URI. */
export class InvalidGrantError extends OAuthError {
  override readonly name = 'InvalidGrantError';
  readonly code = 'INVALID_GRANT';
}
/** The client id or secret is wrong, or the client authenticated the wrong way. */
export class InvalidClientError extends OAuthError {
  override readonly name = 'InvalidClientError';
  readonly code = 'INVALID_CLIENT';
}
/** A parameter is missing, repeated or malformed. */
export class InvalidRequestError extends OAuthError {
  override readonly name = 'InvalidRequestError';
  readonly code = 'INVALID_REQUEST';
}
/** The client may not use this grant (e.g. client credentials on a public client). */
export class UnauthorizedClientError extends OAuthError {
  override readonly name = 'UnauthorizedClientError';
  readonly code = 'UNAUTHORIZED_CLIENT';
}
/** The grant type is not one the server knows. */
export class UnsupportedGrantTypeError extends OAuthError {
  override readonly name = 'UnsupportedGrantTypeError';
  readonly code = 'UNSUPPORTED_GRANT_TYPE';
}
/** A scope asked for is unknown or not allowed for the client. */
export class InvalidScopeError extends OAuthError {
  override readonly name = 'InvalidScopeError';
  readonly code = 'INVALID_SCOPE';
}
/** The user (or the server on their behalf) refused the sign-in on the managed login page. */
export class AccessDeniedError extends OAuthError {
  override readonly name = 'AccessDeniedError';
  readonly code = 'ACCESS_DENIED';
}
/** Any other OAuth error (`server_error`, `temporarily_unavailable`, `login_required`…); `oauthError` says which. */
export class OAuthServerError extends OAuthError {
  override readonly name = 'OAuthServerError';
  readonly code = 'OAUTH_ERROR';
}

/**
 * The redirect back from the managed login page does not belong to a sign-in this client started: its `state`
 * is missing, unknown or already used. Nothing was exchanged (this is what stops a forged callback).
 */
export class StateMismatchError extends ClientError {
  override readonly name = 'StateMismatchError';
  readonly code = 'STATE_MISMATCH';
}
/** The ID token's `nonce` is not the one this sign-in sent: the tokens were not issued for it and are dropped. */
export class NonceMismatchError extends ClientError {
  override readonly name = 'NonceMismatchError';
  readonly code = 'NONCE_MISMATCH';
}

type OAuthErrorClass = new (
  oauthError: string,
  description: string | undefined,
  options?: ErrorOptions,
) => OAuthError;

const byCode: ReadonlyMap<string, OAuthErrorClass> = new Map<string, OAuthErrorClass>([
  ['invalid_grant', InvalidGrantError],
  ['invalid_client', InvalidClientError],
  ['invalid_request', InvalidRequestError],
  ['unauthorized_client', UnauthorizedClientError],
  ['unsupported_grant_type', UnsupportedGrantTypeError],
  ['invalid_scope', InvalidScopeError],
  ['access_denied', AccessDeniedError],
]);

/** The typed error for an OAuth `error` code (RFC 6749 §4.1.2.1 and §5.2). */
export function oauthErrorFrom(oauthError: string, description?: string | undefined): OAuthError {
  const ErrorClass = byCode.get(oauthError) ?? OAuthServerError;
  return new ErrorClass(oauthError, description || undefined);
}
