import { CognitoJwtVerifier, JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import { JwtExpiredError } from 'aws-jwt-verify/error';
import { assertIsJwks } from 'aws-jwt-verify/jwk';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';
import type { GatewayUserPool } from './gateway-types.js';
import type { AuthorizerModel } from './rest-api-model.js';

/** The outcome of checking a request's token against a method's `COGNITO_USER_POOLS` authorizer. */
export type AuthorizerDecision =
  | { ok: true; claims: JwtPayload }
  /** `reason` is for the log only; it never reaches the caller. `configuration` marks our side's fault (500). */
  | { ok: false; failure: 'unauthorized' | 'expired' | 'configuration'; reason: string };

interface PoolVerifier {
  issuer: string;
  keysFingerprint: string;
  verify(token: string): JwtPayload;
}

interface CacheEntry {
  claims: JwtPayload;
  /** ms; the earlier of the TTL's end and the token's `exp`. */
  validUntil: number;
}

/** Tokens cached per authorizer before the oldest are dropped (keeps a long dev session's memory flat). */
const MAX_CACHED_TOKENS = 10_000;

const AWS_ISSUER = /^https:\/\/(?:issuer-)?cognito-idp\.[a-z0-9-]+\.amazonaws\.com\/[^/]+$/;

function unverifiedIssuer(token: string): string | undefined {
  const part = token.split('.')[1];
  if (part === undefined) return undefined;
  try {
    const payload: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (
      typeof payload === 'object' &&
      payload !== null &&
      'iss' in payload &&
      typeof payload.iss === 'string'
    ) {
      return payload.iss;
    }
  } catch {
    // Not a JWT: the verifier below reports it.
  }
  return undefined;
}

function fingerprint(jwks: GatewayUserPool['jwks']): string {
  return jwks.keys.map((k) => `${String(k.kid)}:${String(k.n ?? k.x ?? '')}`).join('|');
}

/**
 * A verifier for one pool. Tokens with an AWS-format issuer go through `CognitoJwtVerifier`, exactly as
 * production code verifies them; a local issuer (`http://127.0.0.1:<port>/<poolId>`) cannot be configured
 * there, so it goes through the generic `JwtVerifier` and the Cognito field checks run afterwards. Both are
 * given the pool's JWKS directly, so nothing is fetched.
 */
function createPoolVerifier(pool: GatewayUserPool): PoolVerifier {
  const base = { issuer: pool.issuer, keysFingerprint: fingerprint(pool.jwks) };
  const jwks = pool.jwks as unknown as Parameters<typeof assertIsJwks>[0];
  // Throws JwksValidationError for a malformed set, which the caller reports as a configuration error.
  assertIsJwks(jwks);
  if (AWS_ISSUER.test(pool.issuer)) {
    const verifier = CognitoJwtVerifier.create({
      userPoolId: pool.userPoolId,
      tokenUse: null,
      clientId: null,
    });
    verifier.cacheJwks(jwks);
    return { ...base, verify: (token) => verifier.verifySync(token) };
  }
  const verifier = JwtVerifier.create({
    issuer: pool.issuer,
    audience: null,
    jwksUri: `${pool.issuer}/.well-known/jwks.json`,
  });
  verifier.cacheJwks(jwks);
  return { ...base, verify: (token) => verifier.verifySync(token) };
}

/**
 * API Gateway's `COGNITO_USER_POOLS` authorizer for one `AWS::ApiGateway::Authorizer`: takes the token from
 * the identity source (with or without `Bearer `), verifies signature, expiry and issuer against the pools in
 * `ProviderARNs`, then per method the token use (ID token without scopes, access token carrying one of the
 * method's scopes with them). Verified claims are cached per token for `AuthorizerResultTtlInSeconds`.
 */
export class CognitoAuthorizer {
  readonly #verifiers = new Map<string, PoolVerifier>();
  readonly #cache = new Map<string, CacheEntry>();
  readonly #identityHeader: string | undefined;

  constructor(
    readonly model: AuthorizerModel,
    private readonly userPool: (arn: string) => GatewayUserPool | undefined,
    private readonly now: () => number,
  ) {
    const first = model.identitySource.split(',')[0]?.trim() ?? '';
    this.#identityHeader = /^method\.request\.header\.(.+)$/i.exec(first)?.[1]?.toLowerCase();
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
    const claims = verified.claims;
    try {
      validateCognitoJwtFields(claims, { tokenUse: scopes.length > 0 ? 'access' : 'id', clientId: null });
    } catch (err) {
      return { ok: false, failure: 'unauthorized', reason: (err as Error).message };
    }
    if (scopes.length > 0) {
      const granted = typeof claims.scope === 'string' ? claims.scope.split(' ') : [];
      if (!scopes.some((s) => granted.includes(s))) {
        return {
          ok: false,
          failure: 'unauthorized',
          reason: `token has none of the scopes ${scopes.join(', ')}`,
        };
      }
    }
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
  #verified(token: string): AuthorizerDecision {
    const now = this.now();
    const cached = this.#cache.get(token);
    if (cached && cached.validUntil > now) return { ok: true, claims: cached.claims };
    if (cached) this.#cache.delete(token);

    const iss = unverifiedIssuer(token);
    let verifier: PoolVerifier | undefined;
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
    let claims: JwtPayload;
    try {
      claims = verifier.verify(token);
    } catch (err) {
      if (err instanceof JwtExpiredError) return { ok: false, failure: 'expired', reason: 'token expired' };
      return {
        ok: false,
        failure: 'unauthorized',
        reason: `${(err as Error).name}: ${(err as Error).message}`,
      };
    }
    const ttlMs = this.model.ttlSeconds * 1000;
    if (ttlMs > 0) {
      // A cached result never outlives the token itself, so an expired token is refused even inside the TTL.
      const exp = typeof claims.exp === 'number' ? claims.exp * 1000 : Number.POSITIVE_INFINITY;
      if (this.#cache.size >= MAX_CACHED_TOKENS) {
        const oldest = this.#cache.keys().next().value;
        if (oldest !== undefined) this.#cache.delete(oldest);
      }
      this.#cache.set(token, { claims, validUntil: Math.min(now + ttlMs, exp) });
    }
    return { ok: true, claims };
  }

  #verifierFor(arn: string, pool: GatewayUserPool): PoolVerifier {
    const existing = this.#verifiers.get(arn);
    if (existing && existing.issuer === pool.issuer && existing.keysFingerprint === fingerprint(pool.jwks)) {
      return existing;
    }
    const created = createPoolVerifier(pool);
    this.#verifiers.set(arn, created);
    return created;
  }
}
