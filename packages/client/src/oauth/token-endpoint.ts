import { NetworkError } from '../errors/client-error.js';
import { domainEndpoint } from './domain-endpoint.js';
import { OAuthServerError, oauthErrorFrom } from './oauth-errors.js';

/** The token endpoint's answer (RFC 6749 §5.1). Holds tokens: never log it. */
export interface TokenResponse {
  readonly access_token: string;
  readonly id_token?: string;
  readonly refresh_token?: string;
  readonly token_type: string;
  /** Lifetime of the access token in seconds. */
  readonly expires_in: number;
}

export interface TokenRequest {
  readonly domainUrl: string | undefined;
  /** The form fields (`grant_type` and the grant's own). */
  readonly form: Readonly<Record<string, string>>;
  /** A confidential client's credentials, sent as HTTP Basic (Cognito's documented way). */
  readonly basic?: { readonly clientId: string; readonly clientSecret: string };
  readonly fetch: typeof fetch;
  readonly signal?: AbortSignal | undefined;
}

function isTokenResponse(value: unknown): value is TokenResponse {
  const v = value as Partial<TokenResponse> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.access_token === 'string' &&
    typeof v.token_type === 'string' &&
    typeof v.expires_in === 'number'
  );
}

/**
 * POSTs a grant to the domain's `/oauth2/token` as `application/x-www-form-urlencoded` and returns the tokens,
 * or throws the typed error for the answer's `error` (`InvalidGrantError`…). Errors never quote the form, which
 * holds codes, verifiers and secrets.
 */
export async function requestTokens(request: TokenRequest): Promise<TokenResponse> {
  const url = domainEndpoint(request.domainUrl, '/oauth2/token');
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (request.basic) {
    // RFC 6749 §2.3.1 form-encodes both parts before Base64; Cognito's ids and secrets are alphanumeric, so
    // this is also exactly the `client_id:client_secret` Cognito's documentation shows.
    const pair = `${encodeURIComponent(request.basic.clientId)}:${encodeURIComponent(request.basic.clientSecret)}`;
    headers.authorization = `Basic ${btoa(pair)}`;
  }
  let response: Response;
  try {
    response = await request.fetch(url, {
      method: 'POST',
      headers,
      body: new URLSearchParams(request.form).toString(),
      ...(request.signal ? { signal: request.signal } : {}),
    });
  } catch (cause) {
    if (request.signal?.aborted) throw request.signal.reason;
    throw new NetworkError(`Could not reach the token endpoint at ${url.origin}`, { cause });
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (response.ok && isTokenResponse(body)) return body;
  const error = (body as { error?: unknown } | undefined)?.error;
  if (typeof error === 'string' && error !== '') {
    const description = (body as { error_description?: unknown }).error_description;
    throw oauthErrorFrom(error, typeof description === 'string' ? description : undefined);
  }
  throw new OAuthServerError(
    'invalid_response',
    `the token endpoint answered HTTP ${response.status} without tokens or an OAuth error`,
  );
}
