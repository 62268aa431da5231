import { TokenVerifier } from '../../jwt/index.js';
import type { CognitoStore } from '../cognito-store.js';
import { loadSigningKey, type SigningKey } from '../signing-keys.js';
import { ADMIN_SCOPE } from '../token-minter.js';
import type { ServiceConfig } from './service-config.js';

/**
 * Each pool's signing keys (loaded once, then cached), the issuer its tokens name, and a verifier of its
 * access tokens built on the emulator's one JWT module. Caches hold only pools that exist, so they are
 * bounded by them; a deleted pool is forgotten.
 */
export class TokenKeys {
  readonly #store: CognitoStore;
  readonly #config: ServiceConfig;
  readonly #keys = new Map<string, SigningKey[]>();
  readonly #accessVerifiers = new Map<string, TokenVerifier>();
  /** The server's base URL, known once it listens (the 'local' issuer names it). */
  publicUrl: string | undefined;

  constructor(store: CognitoStore, config: ServiceConfig) {
    this.#store = store;
    this.#config = config;
  }

  /** The `iss` of a pool's tokens. */
  issuer(poolId: string): string {
    if (this.#config.issuer === 'local') {
      if (this.publicUrl === undefined) {
        throw new Error('issuer "local" needs the server URL: start the server before minting tokens');
      }
      return `${this.publicUrl.replace(/\/$/, '')}/${poolId}`;
    }
    return `https://cognito-idp.${this.#config.region}.amazonaws.com/${poolId}`;
  }

  signingKeys(poolId: string): SigningKey[] {
    let keys = this.#keys.get(poolId);
    if (keys === undefined) {
      keys = this.#store.getKeys(poolId).map(loadSigningKey);
      this.#keys.set(poolId, keys);
    }
    return keys;
  }

  signingKey(poolId: string, use: 'id' | 'access'): SigningKey {
    const key = this.signingKeys(poolId).find((k) => k.use === use);
    if (key === undefined) throw new Error(`pool ${poolId} has no ${use} signing key`);
    return key;
  }

  /**
   * Verifies a pool's access tokens: its access key only, its issuer, `token_use`, expiry, and a scope (the
   * admin scope the user-pool API needs, or `openid` for the userInfo endpoint). Two scopes a pool at most.
   */
  accessVerifier(poolId: string, scope: string = ADMIN_SCOPE): TokenVerifier {
    const issuer = this.issuer(poolId);
    const cacheKey = `${poolId} ${scope}`;
    let verifier = this.#accessVerifiers.get(cacheKey);
    // A local issuer names the server's URL, which is known only once it listens.
    if (verifier === undefined || verifier.issuer !== issuer) {
      verifier = new TokenVerifier({
        issuer,
        jwks: { keys: this.signingKeys(poolId).flatMap((k) => (k.use === 'access' ? [k.publicJwk] : [])) },
        tokenUse: 'access',
        clientId: null,
        scopes: [scope],
        now: this.#config.now,
      });
      this.#accessVerifiers.set(cacheKey, verifier);
    }
    return verifier;
  }

  forgetPool(poolId: string): void {
    this.#keys.delete(poolId);
    for (const key of this.#accessVerifiers.keys()) {
      if (key.startsWith(`${poolId} `)) this.#accessVerifiers.delete(key);
    }
  }
}
