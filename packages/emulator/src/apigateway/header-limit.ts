import type { GatewayAnswer } from './gateway-answer.js';
import type { RequestScope } from './request-scope.js';

/**
 * API Gateway's quota on the request line and headers together (AGDG `limits.md`: 10,240 bytes, not
 * adjustable). Past it AWS's front end answers before any API is involved, without a gateway response; the
 * text `HTTP header is larger than 10240 bytes.` is what users report seeing (plain text, not JSON). The
 * status is not documented: we answer 400, the generic client error such a front end uses. [?]
 */
export const MAX_HEADER_BYTES = 10_240;
const HEADER_TOO_LARGE_BODY = 'HTTP header is larger than 10240 bytes.';

/**
 * The size of the request line and header lines as sent (`GET /p HTTP/1.1\r\n`, `Name: value\r\n` each).
 * Node hands header text over as latin1, one character per byte, so lengths are byte counts.
 */
export function headerBytes(method: string, url: string, rawHeaders: readonly [string, string][]): number {
  let size = method.length + url.length + 12;
  for (const [name, value] of rawHeaders) size += name.length + value.length + 4;
  return size;
}

/** The first step: a request over the limit is answered before anything else looks at it. */
export function checkHeaderLimit(scope: RequestScope): GatewayAnswer | undefined {
  if (headerBytes(scope.rawMethod, scope.url, scope.rawHeaders) <= MAX_HEADER_BYTES) return undefined;
  // The body is not wanted; drain it so the answer can be read.
  scope.incoming.resume();
  return { status: 400, headers: [['Content-Type', 'text/plain']], body: HEADER_TOO_LARGE_BODY };
}
