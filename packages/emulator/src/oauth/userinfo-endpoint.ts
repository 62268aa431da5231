import { CognitoError } from '../cognito/index.js';
import type { DomainRequest, OAuthContext } from './oauth-context.js';
import { sendJson } from './oauth-http.js';

/** AWS's words for a request without a usable bearer token, and for a token it refuses. */
const BAD_REQUEST = 'Bad OAuth2 request at UserInfo Endpoint';
const INVALID_TOKEN = 'Access token is expired, disabled, or deleted, or the user has globally signed out.';

function refuse(r: DomainRequest, status: 400 | 401, error: string, description: string): void {
  sendJson(
    r.req,
    r.res,
    status,
    { error, error_description: description },
    { 'WWW-Authenticate': `Bearer error="${error}", error_description="${description}"` },
  );
}

/**
 * `GET|POST /oauth2/userInfo`: the user's attributes for an access token with the `openid` scope (those its
 * scopes open), as strings like AWS's. A missing token is `invalid_request` (400); an expired, revoked,
 * foreign or scope-less token (the API flows' tokens carry no `openid`) is `invalid_token` (401).
 */
export async function userInfoEndpoint(ctx: OAuthContext, r: DomainRequest): Promise<void> {
  r.req.resume();
  if (r.req.method !== 'GET' && r.req.method !== 'POST') {
    return sendJson(r.req, r.res, 405, { error: 'invalid_request' }, { Allow: 'GET, POST' });
  }
  const token = /^Bearer\s+([A-Za-z0-9_=.-]+)\s*$/i.exec(r.req.headers.authorization ?? '')?.[1];
  if (token === undefined) return refuse(r, 400, 'invalid_request', BAD_REQUEST);
  let info: Record<string, string>;
  try {
    info = ctx.cognito.hostedAuth.userInfo(r.poolId, token);
  } catch (err) {
    if (err instanceof CognitoError && err.statusCode < 500)
      return refuse(r, 401, 'invalid_token', INVALID_TOKEN);
    throw err;
  }
  sendJson(r.req, r.res, 200, info);
}
