import { createHash } from 'node:crypto';
import { unverifiedIssuer } from '../../jwt/index.js';
import { notAuthorized, userNotFound } from '../cognito-error.js';
import type { CognitoStore } from '../cognito-store.js';
import type { RefreshTokenRecord, UserPool, UserPoolClient, UserRecord } from '../cognito-types.js';
import {
  ADMIN_SCOPE,
  type AuthenticationResult,
  type MintArgs,
  mintClientCredentials,
  mintTokens,
} from '../token-minter.js';
import type { PoolDirectory } from './pool-directory.js';
import type { ServiceConfig } from './service-config.js';
import type { TokenKeys } from './token-keys.js';
import type { UserDirectory } from './user-directory.js';

/** SHA-256 of a refresh token: the only form in which refresh tokens are stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A signed-in caller, as an access token names them. */
export interface Authenticated {
  pool: UserPool;
  user: UserRecord;
  claims: Record<string, unknown>;
}

/**
 * Tokens of a pool's users: minting (through the one JWT module's keys), verifying access tokens as the
 * Cognito operations that take one do, refresh-token records, and revocation.
 */
export class TokenService {
  readonly #store: CognitoStore;
  readonly #config: ServiceConfig;
  readonly #keys: TokenKeys;
  readonly #pools: Pick<PoolDirectory, 'findPool'>;
  readonly #users: Pick<UserDirectory, 'byUsername' | 'save' | 'groupsOf' | 'transaction'>;

  constructor(
    store: CognitoStore,
    config: ServiceConfig,
    keys: TokenKeys,
    pools: Pick<PoolDirectory, 'findPool'>,
    users: Pick<UserDirectory, 'byUsername' | 'save' | 'groupsOf' | 'transaction'>,
  ) {
    this.#store = store;
    this.#config = config;
    this.#keys = keys;
    this.#pools = pools;
    this.#users = users;
  }

  /**
   * ID and access tokens (and a refresh token when asked) for a user signing in or refreshing. A refresh of a
   * session an OAuth grant began keeps the grant's scopes, whichever endpoint refreshes it.
   */
  mint(args: MintArgs): Promise<AuthenticationResult> {
    const granted =
      args.oauth === undefined && args.session !== undefined
        ? this.#store.oauth.grantScopes(args.session.originJti)
        : undefined;
    return mintTokens(
      {
        now: this.#config.now,
        triggers: this.#config,
        groupsOf: (pool, user) => this.#users.groupsOf(pool, user),
        issuer: (poolId) => this.#keys.issuer(poolId),
        signingKey: (poolId, use) => this.#keys.signingKey(poolId, use),
        saveRefreshToken: (record) => this.#store.insertRefreshToken(record),
        hashToken,
        saveGrant: (originJti, poolId, scopes, expiresAt) =>
          this.#store.oauth.insertGrant(originJti, poolId, [...scopes], expiresAt),
      },
      granted === undefined ? args : { ...args, oauth: { scopes: granted } },
    );
  }

  /** The access token of the client credentials grant, for a confidential client. */
  mintForClient(pool: UserPool, client: UserPoolClient, scopes: readonly string[]) {
    return mintClientCredentials(
      {
        now: this.#config.now,
        triggers: this.#config,
        issuer: (poolId) => this.#keys.issuer(poolId),
        signingKey: (poolId, use) => this.#keys.signingKey(poolId, use),
      },
      { pool, client, scopes },
    );
  }

  /** The scopes an OAuth grant gave the session `originJti`, or undefined for a session of the API flows. */
  grantScopes(originJti: string): string[] | undefined {
    return this.#store.oauth.grantScopes(originJti);
  }

  /** The stored record of a refresh token, found by its hash. */
  findRefreshToken(token: string): RefreshTokenRecord | undefined {
    return this.#store.getRefreshToken(hashToken(token));
  }

  /** Retires a refresh token that rotation replaced (it still works within the grace period). */
  markRotated(record: RefreshTokenRecord): void {
    this.#store.markRotated(record.hash, this.#config.now());
  }

  /** Revokes a session: its refresh tokens and the access tokens issued from them. */
  revokeSession(originJti: string): void {
    this.#store.revokeOrigin(originJti, this.#config.now());
  }

  /** Forgets refresh tokens that can no longer be used; returns how many. */
  pruneRefreshTokens(): number {
    return this.#store.pruneRefreshTokens(this.#config.now());
  }

  /**
   * Revokes every session of a user (GlobalSignOut, AdminUserGlobalSignOut, AdminDisableUser): their refresh
   * tokens, the access tokens issued from them, and — for clients without token revocation, whose tokens
   * carry no `origin_jti` — every access token issued before this second. Saves the user.
   */
  signOutEverywhere(pool: UserPool, user: UserRecord): void {
    const now = this.#config.now();
    this.#users.transaction(() => {
      this.#store.revokeUserTokens(pool.Id, user.username, now);
      user.signedOutAt = now;
      this.#users.save(pool, user);
    });
  }

  /**
   * Verifies an access token as every Cognito operation that takes one does: signature with the pool's
   * access key, issuer, `token_use`, expiry, the `aws.cognito.signin.user.admin` scope, revocation, and
   * that the user still exists and is enabled. The userInfo endpoint asks for `openid` instead of the admin scope.
   */
  authenticate(accessToken: string, scope: string = ADMIN_SCOPE): Authenticated {
    const invalid = () => notAuthorized('Invalid Access Token');
    const iss = unverifiedIssuer(accessToken);
    if (iss === undefined) throw invalid();
    const poolId = iss.split('/').pop() ?? '';
    const pool = this.#pools.findPool(poolId);
    if (pool === undefined || this.#keys.issuer(poolId) !== iss) throw invalid();
    const verified = this.#keys.accessVerifier(poolId, scope).verify(accessToken);
    if (!verified.ok) {
      if (verified.failure === 'expired') throw notAuthorized('Access Token has expired');
      if (verified.failure === 'scope') throw notAuthorized('Access Token does not have required scopes');
      throw invalid();
    }
    const claims: Record<string, unknown> = verified.payload;
    if (typeof claims.origin_jti === 'string' && this.#store.isOriginRevoked(claims.origin_jti)) {
      throw notAuthorized('Access Token has been revoked');
    }
    const user = this.#users.byUsername(pool, String(claims.username ?? ''));
    if (user === undefined || user.sub !== claims.sub) throw userNotFound();
    if (!user.enabled) throw notAuthorized('User is disabled.');
    if (
      typeof claims.origin_jti !== 'string' &&
      user.signedOutAt !== undefined &&
      typeof claims.iat === 'number' &&
      claims.iat < Math.floor(user.signedOutAt / 1000)
    ) {
      throw notAuthorized('Access Token has been revoked');
    }
    return { pool, user, claims };
  }
}
