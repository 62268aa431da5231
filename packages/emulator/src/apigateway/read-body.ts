import { readBoundedBody } from '../request-guards.js';
import type { GatewayError } from './gateway-responses.js';
import type { RequestScope } from './request-scope.js';

/** API Gateway's REST payload limit; larger requests never reach the integration. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

const TOO_LARGE: GatewayError = Object.freeze({ type: 'REQUEST_TOO_LARGE', message: 'Request Too Long' });

/** Reads the body into the scope, or refuses an oversized one with 413 `Request Too Long`. */
export async function readRequestBody(scope: RequestScope): Promise<GatewayError | undefined> {
  const body = await readBoundedBody(scope.incoming, MAX_REQUEST_BYTES);
  if (body === undefined) return TOO_LARGE;
  scope.body = body;
  return undefined;
}
