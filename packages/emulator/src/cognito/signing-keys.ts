import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  type KeyObject,
  sign,
} from 'node:crypto';
import { promisify } from 'node:util';

const generateKeyPairAsync = promisify(generateKeyPair);

/** Which token a key signs: Cognito signs ID and access tokens with different keys. */
export type KeyUse = 'id' | 'access';

/** A pool's signing key as kept in the store. */
export interface StoredSigningKey {
  use: KeyUse;
  kid: string;
  /** PKCS#8 PEM. Kept only in the store (the state directory), never logged or served. */
  privatePem: string;
  /** The public half as a JWKS entry. */
  publicJwk: Record<string, unknown>;
}

/** A signing key ready for use. */
export interface SigningKey {
  use: KeyUse;
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  publicJwk: Record<string, unknown>;
}

/** A fresh RSA-2048 key pair with a Cognito-looking `kid` (base64 of a SHA-256, 44 characters). */
export async function generateSigningKey(use: KeyUse): Promise<StoredSigningKey> {
  const { privateKey, publicKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  const kid = createHash('sha256').update(der).update(use).digest('base64');
  const jwk = publicKey.export({ format: 'jwk' });
  return {
    use,
    kid,
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicJwk: { alg: 'RS256', e: jwk.e, kid, kty: 'RSA', n: jwk.n, use: 'sig' },
  };
}

/** Turns a stored key into key objects (parsing PEM is slow, so callers cache the result). */
export function loadSigningKey(stored: StoredSigningKey): SigningKey {
  const privateKey = createPrivateKey(stored.privatePem);
  return {
    use: stored.use,
    kid: stored.kid,
    privateKey,
    publicKey: createPublicKey(privateKey),
    publicJwk: stored.publicJwk,
  };
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

/** An RS256 JWT with header `{kid, alg}` (Cognito writes no `typ`). */
export function signJwt(key: SigningKey, payload: Record<string, unknown>): string {
  const input = `${base64url(JSON.stringify({ kid: key.kid, alg: 'RS256' }))}.${base64url(JSON.stringify(payload))}`;
  const signature = sign('sha256', Buffer.from(input), key.privateKey);
  return `${input}.${base64url(signature)}`;
}
