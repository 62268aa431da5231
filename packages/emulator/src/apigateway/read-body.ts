import type { Readable } from 'node:stream';
import type { GatewayError } from './gateway-responses.js';
import type { RequestScope } from './request-scope.js';

/** API Gateway's REST payload limit; larger requests never reach the integration. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

const TOO_LARGE: GatewayError = Object.freeze({ type: 'REQUEST_TOO_LARGE', message: 'Request Too Long' });

/** Reads a request body up to {@link MAX_REQUEST_BYTES}; past that the rest is read and dropped. */
export function readBody(stream: Readable): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    stream.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Reads the body into the scope, or refuses an oversized one with 413 `Request Too Long`. */
export async function readRequestBody(scope: RequestScope): Promise<GatewayError | undefined> {
  const body = await readBody(scope.incoming);
  if (body === 'too-large') return TOO_LARGE;
  scope.body = body;
  return undefined;
}
