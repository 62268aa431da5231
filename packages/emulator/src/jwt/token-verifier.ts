import { JwtVerifier } from 'aws-jwt-verify';
import { validateCognitoJwtFields } from 'aws-jwt-verify/cognito-verifier';
import {
  CognitoJwtInvalidClientIdError,
  CognitoJwtInvalidTokenUseError,
  JwtInvalidIssuerError,
  JwtInvalidSignatureAlgorithmError,
  JwtInvalidSignatureError,
  JwtParseError,
  JwtWithoutValidKidError,
  KidNotFoundInJwksError,
  ParameterValidationError,
} from 'aws-jwt-verify/error';
import { assertIsJwks, type Jwks } from 'aws-jwt-verify/jwk';
import { decomposeUnverifiedJwt } from 'aws-jwt-verify/jwt';
import type { JwtPayload } from 'aws-jwt-verify/jwt-model';

/**
 * Why a token was refused. Each caller turns these into its own AWS answer: Cognito into its
 * `NotAuthorizedException` messages, the gateway into a bare 401 (it never tells the caller why).
 */
export type TokenFailure =
  | 'malformed'
  | 'unknown-key'
  | 'algorithm'
  | 'signature'
  | 'issuer'
  | 'token-use'
  | 'client'
  | 'expired'
  | 'not-yet-valid'
  | 'scope';

/** The outcome of {@link TokenVerifier.verify}. `message` is for the log only; it never names the token. */
export type TokenVerification =
  | { ok: true; payload: JwtPayload }
  | { ok: false; failure: TokenFailure; message: string };

/** What a token must be, beyond a valid signature of this issuer's keys. */
export interface TokenChecks {
  /** `id` or `access`; null accepts either (both are always checked to be one of them). */
  tokenUse?: 'id' | 'access' | null;
  /** App client ids accepted (`aud` of ID tokens, `client_id` of access tokens); null skips the check. */
  clientId?: string | readonly string[] | null;
  /** At least one of these must be in the token's space-separated `scope`; empty or absent skips the check. */
  scopes?: readonly string[];
}

export interface TokenVerifierOptions extends TokenChecks {
  /** The exact `iss` of the pool's tokens (AWS format or a local URL). */
  issuer: string;
  /** The pool's public keys, `{ keys: [...] }`. Validated here: a malformed set throws `JwksValidationError`. */
  jwks: { keys: readonly Record<string, unknown>[] };
  /** Clock in ms for `exp` and `nbf`. Default `Date.now`. */
  now?: () => number;
}

/**
 * aws-jwt-verify compares `exp`/`nbf` with `Date.now()`, but the emulator runs on an injectable clock. The
 * library's own time check is therefore turned off with an unbounded grace, and this module checks `exp`
 * (required: Cognito always sets it) and `nbf` against the emulator's clock instead, right after the
 * signature, issuer and Cognito fields.
 */
const LIBRARY_TIME_CHECK_OFF = { graceSeconds: Number.MAX_SAFE_INTEGER } as const;

/**
 * Verifies Cognito JWTs of one issuer: the emulator's one JWT verifier, for the gateway's Cognito authorizer
 * and for Cognito's own token-taking operations alike. Built on aws-jwt-verify's generic `JwtVerifier`
 * (the Cognito verifier cannot be given a local issuer) with the pool's JWKS handed over with `cacheJwks`,
 * so nothing is fetched (its default fetcher only speaks https) and `verifySync` works.
 *
 * Checks, in this order: structure, issuer, key (`kid`), algorithm, signature, `token_use`, client,
 * `exp`/`nbf`, scope.
 */
export class TokenVerifier {
  readonly issuer: string;
  readonly #verifier: ReturnType<typeof createLibraryVerifier>;
  readonly #checks: Required<TokenChecks>;
  readonly #now: () => number;

  constructor(options: TokenVerifierOptions) {
    const jwks = options.jwks as unknown as Jwks;
    assertIsJwks(jwks);
    this.issuer = options.issuer;
    this.#now = options.now ?? Date.now;
    this.#checks = {
      tokenUse: options.tokenUse ?? null,
      clientId: options.clientId ?? null,
      scopes: options.scopes ?? [],
    };
    this.#verifier = createLibraryVerifier(options.issuer);
    this.#verifier.cacheJwks(jwks);
  }

  /** Verifies `token`; `checks` override the verifier's own for this call. */
  verify(token: string, checks: TokenChecks = {}): TokenVerification {
    let unverifiedIssuer: unknown;
    try {
      unverifiedIssuer = decomposeUnverifiedJwt(token).payload.iss;
    } catch (err) {
      return refused('malformed', err);
    }
    // Checked before the library sees the token: with one configured issuer, aws-jwt-verify caches the
    // public key object under the token's own (unverified) `iss`, so forged tokens naming ever new issuers
    // would grow that cache without bound.
    if (unverifiedIssuer !== this.issuer) {
      return { ok: false, failure: 'issuer', message: 'token issuer is not this pool' };
    }
    let payload: JwtPayload;
    try {
      payload = this.#verifier.verifySync(token, LIBRARY_TIME_CHECK_OFF);
    } catch (err) {
      return refused(failureOf(err), err);
    }
    return this.check(payload, checks);
  }

  /**
   * The checks after the signature, for a payload this verifier has verified before (a cached authorizer
   * result): `token_use`, client, `exp`/`nbf` by this verifier's clock, scope. `checks` override the
   * verifier's own.
   */
  check(payload: JwtPayload, checks: TokenChecks = {}): TokenVerification {
    const tokenUse = checks.tokenUse === undefined ? this.#checks.tokenUse : checks.tokenUse;
    const clientId = checks.clientId === undefined ? this.#checks.clientId : checks.clientId;
    const scopes = checks.scopes ?? this.#checks.scopes;
    try {
      validateCognitoJwtFields(payload, {
        tokenUse,
        clientId: clientId === null ? null : [...(typeof clientId === 'string' ? [clientId] : clientId)],
      });
    } catch (err) {
      return refused(failureOf(err), err);
    }
    const nowSeconds = this.#now() / 1000;
    if (typeof payload.exp !== 'number') {
      return { ok: false, failure: 'malformed', message: 'token has no exp' };
    }
    if (payload.exp <= nowSeconds) {
      return {
        ok: false,
        failure: 'expired',
        message: `token expired at ${new Date(payload.exp * 1000).toISOString()}`,
      };
    }
    if (typeof payload.nbf === 'number' && payload.nbf > nowSeconds) {
      return { ok: false, failure: 'not-yet-valid', message: 'token is not valid yet' };
    }
    if (scopes.length > 0) {
      const granted = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
      if (!scopes.some((s) => granted.includes(s))) {
        return { ok: false, failure: 'scope', message: `token has none of the scopes ${scopes.join(', ')}` };
      }
    }
    return { ok: true, payload };
  }
}

/**
 * The `iss` a token claims, read without verifying anything: only to pick the pool whose keys will verify it.
 * Undefined when the token is not a JWT or names no string issuer.
 */
export function unverifiedIssuer(token: string): string | undefined {
  try {
    const iss = decomposeUnverifiedJwt(token).payload.iss;
    return typeof iss === 'string' ? iss : undefined;
  } catch {
    return undefined;
  }
}

function createLibraryVerifier(issuer: string) {
  return JwtVerifier.create({
    issuer,
    audience: null,
    // Never fetched (the keys are handed over with cacheJwks); named after the issuer as AWS names it.
    jwksUri: `${issuer.replace(/\/$/, '')}/.well-known/jwks.json`,
  });
}

function failureOf(err: unknown): TokenFailure {
  if (err instanceof JwtParseError || err instanceof JwtWithoutValidKidError) return 'malformed';
  if (err instanceof KidNotFoundInJwksError) return 'unknown-key';
  if (err instanceof JwtInvalidSignatureAlgorithmError) return 'algorithm';
  if (err instanceof JwtInvalidSignatureError) return 'signature';
  if (err instanceof JwtInvalidIssuerError || err instanceof ParameterValidationError) return 'issuer';
  if (err instanceof CognitoJwtInvalidTokenUseError) return 'token-use';
  if (err instanceof CognitoJwtInvalidClientIdError) return 'client';
  // Anything else the library refuses (a key it cannot use, a claim of the wrong type) is a bad token.
  return 'malformed';
}

function refused(failure: TokenFailure, err: unknown): TokenVerification {
  const e = err instanceof Error ? err : new Error(String(err));
  // The library's messages may quote header fields (a `kid`) of the token: one line, bounded, for the log.
  const message = `${e.name}: ${e.message}`.replace(/\p{Cc}/gu, ' ').slice(0, 300);
  return { ok: false, failure, message };
}
