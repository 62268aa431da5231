/** base64url without padding (RFC 4648 §5), as PKCE and JWTs use it. */
function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * A random value for `state`, `nonce` or a PKCE `code_verifier`: 32 bytes from Web Crypto, base64url, so 43
 * characters of the unreserved set RFC 7636 §4.1 asks of a verifier.
 */
export function randomToken(): string {
  return base64Url(globalThis.crypto.getRandomValues(new Uint8Array(32)));
}

/** The PKCE `code_challenge` for `S256` (RFC 7636 §4.2): base64url(SHA-256(verifier)). */
export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}
