import { CognitoError } from '../cognito/index.js';
import { authenticateClient } from './client-authentication.js';
import type { DomainRequest, OAuthContext } from './oauth-context.js';
import { FormBodyError, isFormEncoded, readForm, sendJson } from './oauth-http.js';

/** The revoke endpoint's error for each refusal of the RevokeToken operation it runs. */
const ERROR_OF: Readonly<Record<string, string>> = {
  UnsupportedTokenTypeException: 'unsupported_token_type',
  UnauthorizedException: 'invalid_client',
  NotAuthorizedException: 'invalid_client',
  UnsupportedOperationException: 'unauthorized_client',
};

/**
 * `POST /oauth2/revoke`: revokes a refresh token (and the access tokens issued from it) of the authenticating
 * client, through the RevokeToken operation's own rules; afterwards the token endpoint refuses the token with
 * `invalid_grant`. Success is 200 with an empty body, as AWS answers; errors are 400 `{"error": …}`.
 */
export async function revokeEndpoint(ctx: OAuthContext, r: DomainRequest): Promise<void> {
  if (r.req.method !== 'POST') {
    r.req.resume();
    return sendJson(r.req, r.res, 405, { error: 'invalid_request' }, { Allow: 'POST' });
  }
  if (!isFormEncoded(r.req)) {
    r.req.resume();
    return sendJson(r.req, r.res, 400, { error: 'invalid_request' });
  }
  let form: URLSearchParams;
  try {
    form = await readForm(r.req);
  } catch (err) {
    if (err instanceof FormBodyError) return sendJson(r.req, r.res, err.status, { error: 'invalid_request' });
    throw err;
  }
  const token = form.get('token');
  if (token === null || token === '') return sendJson(r.req, r.res, 400, { error: 'invalid_request' });
  const authenticated = await authenticateClient(ctx.cognito, r.poolId, r.req, form);
  if (!authenticated.ok) return sendJson(r.req, r.res, 400, { error: authenticated.error });
  try {
    await ctx.cognito.call('RevokeToken', {
      Token: token,
      ClientId: authenticated.client.clientId,
      ...(authenticated.secret === undefined ? {} : { ClientSecret: authenticated.secret }),
    });
  } catch (err) {
    if (!(err instanceof CognitoError) || err.statusCode >= 500) throw err;
    return sendJson(r.req, r.res, 400, { error: ERROR_OF[err.name] ?? 'invalid_request' });
  }
  sendJson(r.req, r.res, 200, undefined);
}
