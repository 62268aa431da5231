import type { ServerResponse } from 'node:http';
import type { EmulatorLogger } from '../logger.js';
import type { GatewayAnswer } from './gateway-answer.js';
import { type GatewayError, renderGatewayError } from './gateway-responses.js';
import type { RequestScope } from './request-scope.js';

/** RFC 9110 token characters; Node throws on anything else, so such headers are dropped instead. */
const VALID_HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const INVALID_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/** A gateway error as the API's gateway responses (or AWS's defaults) render it for this request. */
export function renderError(error: GatewayError, scope: RequestScope): GatewayAnswer {
  return renderGatewayError(error, scope.api?.gatewayResponses, scope);
}

/**
 * Writes an answer: framing headers (`Content-Length`, `Transfer-Encoding`, `Connection`) are the server's;
 * headers Node would refuse are dropped and logged; a HEAD request gets the headers only.
 */
export function sendAnswer(
  res: ServerResponse,
  answer: GatewayAnswer,
  headOnly: boolean,
  log: EmulatorLogger,
): void {
  const body = typeof answer.body === 'string' ? Buffer.from(answer.body, 'utf8') : answer.body;
  // A flat [name, value, name, value…] list keeps repeated headers (Set-Cookie) and the casing given.
  const flat: string[] = [];
  for (const [name, value] of answer.headers) {
    const lower = name.toLowerCase();
    if (lower === 'content-length' || lower === 'transfer-encoding' || lower === 'connection') continue;
    if (!VALID_HEADER_NAME.test(name) || INVALID_HEADER_VALUE.test(value)) {
      log.warn(`dropped invalid response header ${JSON.stringify(name)}`);
      continue;
    }
    flat.push(name, value);
  }
  flat.push('Content-Length', String(body.length));
  res.writeHead(answer.status, flat);
  res.end(headOnly ? undefined : body);
}
