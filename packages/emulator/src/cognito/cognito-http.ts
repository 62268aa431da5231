import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostnameOf, isLoopbackHostname } from '../request-guards.js';

/** The content type of the AWS JSON 1.1 protocol. */
export const JSON_11 = 'application/x-amz-json-1.1';

function isLoopbackAddress(address: string | undefined): boolean {
  return address !== undefined && (address === '::1' || /^(::ffff:)?127\./.test(address));
}

/**
 * Whether a request may read the outbox (codes and temporary passwords): it must come from this machine,
 * name this machine in `Host` (a DNS-rebound page names its own domain) and, when a browser says where
 * it runs, run on this machine too. Outbox answers carry no CORS headers, so other sites cannot read them.
 */
export function mayReadOutbox(req: IncomingMessage): boolean {
  if (!isLoopbackAddress(req.socket.remoteAddress)) return false;
  const host = hostnameOf(req.headers.host);
  if (host === undefined || !isLoopbackHostname(host)) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return isLoopbackHostname(new URL(origin).hostname.toLowerCase());
  } catch {
    return false;
  }
}

/** Header-safe text: error messages go into `x-amzn-ErrorMessage` too. */
function headerText(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, ' ').slice(0, 1024);
}

/** CORS headers for a browser's call to a public operation: its origin, and the headers SDKs read. */
export function corsHeaders(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  return {
    'Access-Control-Allow-Origin': typeof origin === 'string' ? origin : '*',
    'Access-Control-Expose-Headers': 'x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date',
    Vary: 'Origin',
  };
}

/** Writes a JSON answer with AWS's request id (and CORS headers unless `cors` is false). */
export function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  body: unknown,
  requestId: string,
  extra: Record<string, string> = {},
  contentType = JSON_11,
  cors = true,
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...(cors ? corsHeaders(req) : {}),
    'x-amzn-RequestId': requestId,
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(text)),
    ...extra,
  });
  res.end(text);
}

/** An AWS error as the protocol answers it: the status, the exception name and its message. */
export interface ErrorAnswer {
  status: number;
  type: string;
  message: string;
}

/**
 * Writes an AWS JSON 1.1 error: `{__type, message}` in the body and in `x-amzn-Error*` headers, with
 * `headers` added (and CORS headers unless `cors` is false).
 */
export function sendError(
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
  { status, type, message }: ErrorAnswer,
  { headers = {}, cors = true }: { headers?: Record<string, string>; cors?: boolean } = {},
): void {
  const errorHeaders = {
    'x-amzn-ErrorType': `${type}:`,
    'x-amzn-ErrorMessage': headerText(message),
    ...headers,
  };
  send(req, res, status, { __type: type, message }, requestId, errorHeaders, JSON_11, cors);
}
