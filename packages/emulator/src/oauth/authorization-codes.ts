import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import type { CodeGrant } from '../cognito/hosted-auth.js';
import { LruCache } from '../shared/lru-cache.js';

/** "The response returns a one time use code that is valid for five minutes" (AWS's authorize endpoint). */
export const CODE_LIFETIME_MS = 5 * 60_000;

/**
 * Codes issued and not yet exchanged, at most. Each abandoned sign-in holds one for five minutes; beyond this
 * many the oldest is dropped and its exchange refused as an unknown code is.
 */
export const MAX_CODES = 2_000;

/** What a code is bound to: the grant, the redirect URI it was issued for, and the PKCE challenge. */
export interface IssuedCode extends CodeGrant {
  redirectUri: string;
  /** The S256 `code_challenge`, when the authorize request had one. */
  codeChallenge?: string;
}

/** Why an exchange is refused; the token endpoint answers `invalid_grant` for each. */
export type CodeRefusal = 'unknown' | 'client' | 'redirect_uri' | 'verifier';

/** `BASE64URL(SHA256(ASCII(code_verifier)))` equals the challenge (RFC 7636 4.6). */
export function verifierMatches(verifier: string, challenge: string): boolean {
  const computed = Buffer.from(createHash('sha256').update(verifier, 'ascii').digest('base64url'));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}

/** One-time authorization codes, in memory (they live for minutes) and bounded. */
export class AuthorizationCodes {
  readonly #codes: LruCache<string, IssuedCode>;

  constructor(now: () => number, maxEntries = MAX_CODES) {
    this.#codes = new LruCache({ maxEntries, ttlMs: CODE_LIFETIME_MS, now });
  }

  issue(code: IssuedCode): string {
    const value = randomUUID();
    this.#codes.set(value, code);
    return value;
  }

  /**
   * Takes a code for `clientId` (a code is spent by its first exchange, right or wrong, so it cannot be
   * guessed at) and checks what it is bound to.
   */
  redeem(
    value: string,
    clientId: string,
    redirectUri: string | undefined,
    verifier: string | undefined,
  ): { ok: true; code: IssuedCode } | { ok: false; refusal: CodeRefusal } {
    const code = this.#codes.get(value);
    if (code === undefined) return { ok: false, refusal: 'unknown' };
    this.#codes.delete(value);
    if (code.clientId !== clientId) return { ok: false, refusal: 'client' };
    if (redirectUri !== code.redirectUri) return { ok: false, refusal: 'redirect_uri' };
    if (code.codeChallenge !== undefined) {
      if (verifier === undefined || !verifierMatches(verifier, code.codeChallenge)) {
        return { ok: false, refusal: 'verifier' };
      }
    }
    return { ok: true, code };
  }
}
