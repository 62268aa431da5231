import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import { type TokenVerification, TokenVerifier, unverifiedIssuer } from '../jwt/index.js';
import { LruCache } from '../shared/lru-cache.js';
import type { GatewayUserPool } from './gateway-types.js';
import type { AuthorizerModel } from './rest-api-model.js';

/** The outcome of checking a request's token against a method's `COGNITO_USER_POOLS` authorizer. */
export type AuthorizerDecision =
  | { ok: true; claims: JwtPayload }
  /** `reason` is for the log only; it never reaches the caller. `configuration` marks our side's fault (500). */
  | { ok: false; failure: 'unauthorized' | 'expired' | 'configuration'; reason: string };

interface PoolVerifier {
  keysFingerprint: string;
  verifier: TokenVerifier;
}

/**
 * Verified tokens cached per authorizer at most. AWS caches a result per token for the authorizer's TTL with
 * no size limit a caller can see; a local process must not grow with every token it is shown, so the least
 * recently used results are dropped beyond this (a dropped token is simply verified again).
 */
export const MAX_CACHED_TOKENS = 1_000;

/**
 * A refused token as the gateway answers it: API Gateway names expiry ("The incoming token has expired") and
 * nothing else; every other reason is a bare 401 and goes to the log only.
 */
function refusal(
  result: Extract<TokenVerification, { ok: false }>,
): Extract<AuthorizerDecision, { ok: false }> {
  return {
    ok: false,
    failure: result.failure === 'expired' ? 'expired' : 'unauthorized',
    reason: result.message,
  };
}

function fingerprint(pool: GatewayUserPool): string {
  return `${pool.issuer}|${pool.jwks.keys.map((k) => `${String(k.kid)}:${String(k.n ?? k.x ?? '')}`).join('|')}`;
}

/**
 * API Gateway's `COGNITO_USER_POOLS` authorizer for one `AWS::ApiGateway::Authorizer`: takes the token from
 * the identity source (with or without `Bearer `), verifies signature, expiry and issuer against the pools in
 * `ProviderARNs`, then per method the token use (ID token without scopes, access token carrying one of the
 * method's scopes with them). Verified claims are cached per token for `AuthorizerResultTtlInSeconds`.
 */
export class CognitoAuthorizer {
  /** Keyed by the `ProviderARNs` of the template, so bounded by it. */
  readonly #verifiers = new Map<string, PoolVerifier>();
  /** Verified payloads by token; an entry lives for the TTL, and never past the token's `exp`. */
  readonly #cache: LruCache<string, { claims: JwtPayload; verifier: TokenVerifier }>;
  readonly #identityHeader: string | undefined;

  constructor(
    readonly model: AuthorizerModel,
    private readonly userPool: (arn: string) => GatewayUserPool | undefined,
    private readonly now: () => number,
  ) {
    const first = model.identitySource.split(',')[0]?.trim() ?? '';
    this.#identityHeader = /^method\.request\.header\.(.+)$/i.exec(first)?.[1]?.toLowerCase();
    this.#cache = new LruCache({ maxEntries: MAX_CACHED_TOKENS, now });
  }

  /** Verified tokens currently cached (for tests of the bound). */
  get cachedTokens(): number {
    return this.#cache.size;
  }

  /** The header named by the identity source (`method.request.header.X`; the first one if several are listed). */
  get identityHeader(): string | undefined {
    return this.#identityHeader;
  }

  /**
   * Decides whether a request may call a method.
   * @param headerValue the identity source header's value, undefined when absent
   * @param scopes the method's `AuthorizationScopes` (empty: an ID token is required)
   */
  authorize(headerValue: string | undefined, scopes: string[]): AuthorizerDecision {
    if (this.identityHeader === undefined) {
      return {
        ok: false,
        failure: 'configuration',
        reason: `unsupported identity source ${this.model.identitySource}`,
      };
    }
    if (headerValue === undefined || headerValue.trim() === '') {
      return { ok: false, failure: 'unauthorized', reason: `no ${this.identityHeader} header` };
    }
    // AWS accepts the bare token and `Bearer <token>` alike.
    const token = headerValue.trim().replace(/^Bearer\s+/i, '');
    const verified = this.#verified(token);
    if (!verified.ok) return verified;
    // Per method: an ID token where no scopes are set, an access token carrying one of them where they are.
    const checked = verified.verifier.check(verified.claims, {
      tokenUse: scopes.length > 0 ? 'access' : 'id',
      clientId: null,
      scopes,
    });
    if (!checked.ok) return refusal(checked);
    const claims = checked.payload;
    const expression = this.model.identityValidationExpression;
    // The expression is matched against the ID token's `aud`; access tokens have none, so they never pass it.
    if (expression !== undefined && expression !== '') {
      const aud = typeof claims.aud === 'string' ? claims.aud : undefined;
      let pattern: RegExp;
      try {
        pattern = new RegExp(`^(?:${expression})$`);
      } catch {
        return {
          ok: false,
          failure: 'configuration',
          reason: `IdentityValidationExpression is not a valid pattern`,
        };
      }
      if (aud === undefined || !pattern.test(aud)) {
        return {
          ok: false,
          failure: 'unauthorized',
          reason: 'aud does not match IdentityValidationExpression',
        };
      }
    }
    return { ok: true, claims };
  }

  /** Signature, expiry and issuer, cached per token. */
  #verified(
    token: string,
  ): { ok: true; claims: JwtPayload; verifier: TokenVerifier } | Extract<AuthorizerDecision, { ok: false }> {
    const now = this.now();
    const cached = this.#cache.get(token);
    if (cached !== undefined) return { ok: true, ...cached };

    const iss = unverifiedIssuer(token);
    let verifier: TokenVerifier | undefined;
    for (const arn of this.model.providerArns) {
      const pool = this.userPool(arn);
      if (!pool) {
        return { ok: false, failure: 'configuration', reason: `user pool ${arn} is not part of this stack` };
      }
      if (pool.issuer === iss) {
        try {
          verifier = this.#verifierFor(arn, pool);
        } catch (err) {
          return { ok: false, failure: 'configuration', reason: `keys of ${arn}: ${(err as Error).message}` };
        }
        break;
      }
    }
    if (!verifier) {
      return {
        ok: false,
        failure: 'unauthorized',
        reason: "token issuer is not one of the authorizer's user pools",
      };
    }
    // Signature, issuer and expiry only: the token use and scopes depend on the method and are checked there.
    const result = verifier.verify(token, { tokenUse: null, clientId: null, scopes: [] });
    if (!result.ok) return refusal(result);
    const claims = result.payload;
    const ttlMs = this.model.ttlSeconds * 1000;
    if (ttlMs > 0) {
      // A cached result never outlives the token itself, so an expired token is refused even inside the TTL.
      const untilExp = typeof claims.exp === 'number' ? claims.exp * 1000 - now : ttlMs;
      this.#cache.set(token, { claims, verifier }, Math.min(ttlMs, untilExp));
    }
    return { ok: true, claims, verifier };
  }

  #verifierFor(arn: string, pool: GatewayUserPool): TokenVerifier {
    const existing = this.#verifiers.get(arn);
    const keysFingerprint = fingerprint(pool);
    if (existing && existing.keysFingerprint === keysFingerprint) return existing.verifier;
    const verifier = new TokenVerifier({ issuer: pool.issuer, jwks: pool.jwks, now: this.now });
    this.#verifiers.set(arn, { keysFingerprint, verifier });
    return verifier;
  }
}
