import type { IncomingMessage } from 'node:http';

/** The largest request body the local Cognito reads. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A fault of the HTTP exchange itself (body, target, caller), answered with an AWS exception name. */
export class HttpFault extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

// AWS does not document its own limit or the answer to an oversized body; 413 with a SerializationException
// (the protocol's own exception name) is our choice, so SDKs still read a code and a message.
function bodyTooLarge(): HttpFault {
  return new HttpFault('SerializationException', `Request body is larger than ${MAX_BODY_BYTES} bytes.`, 413);
}

/**
 * Reads the request body, up to {@link MAX_BODY_BYTES}. A larger body (declared or streamed) is refused
 * without being kept in memory; the rest of it is drained so the caller can still read the 413.
 */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) {
      req.resume();
      reject(bodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        chunks.length = 0;
        req.off('data', onData);
        req.resume();
        reject(bodyTooLarge());
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
