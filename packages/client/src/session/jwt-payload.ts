import { InvalidTokenError } from '../errors/client-error.js';

const decoder = new TextDecoder();

/**
 * The payload of a JWT, decoded without verifying the signature: the client only reads its own tokens
 * (expiry, identity); the API verifies them. The error never quotes the token.
 */
export function decodeJwtPayload(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (part === undefined || token.split('.').length !== 3) {
    throw new InvalidTokenError('Token is not a JWT');
  }
  try {
    const base64 = part
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .padEnd(Math.ceil(part.length / 4) * 4, '=');
    const binary = atob(base64);
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const payload = JSON.parse(decoder.decode(bytes)) as unknown;
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new TypeError();
    return payload as Record<string, unknown>;
  } catch (cause) {
    throw new InvalidTokenError('Token payload is not valid JSON', { cause });
  }
}
