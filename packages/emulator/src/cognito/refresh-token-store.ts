import type { RefreshTokenRecord } from './cognito-types.js';
import type { SqliteStatements } from './sqlite-statements.js';

/**
 * The refresh-token table of the Cognito store, stored as SHA-256 hashes only. Each token carries the
 * `origin_jti` of its session, so revoking a session (RevokeToken, sign-out) marks every token of it.
 */
export class RefreshTokenStore {
  readonly #sql: SqliteStatements;

  constructor(sql: SqliteStatements) {
    this.#sql = sql;
  }

  insert(t: RefreshTokenRecord): void {
    this.#sql
      .stmt(
        'INSERT INTO refresh_tokens (hash, pool_id, client_id, username, origin_jti, auth_time, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(t.hash, t.poolId, t.clientId, t.username, t.originJti, t.authTime, t.createdAt, t.expiresAt);
  }

  get(hash: string): RefreshTokenRecord | undefined {
    const r = this.#sql.stmt('SELECT * FROM refresh_tokens WHERE hash = ?').get(hash) as
      | RefreshRow
      | undefined;
    return r === undefined ? undefined : fromRefreshRow(r);
  }

  /** Whether the session that `originJti` names has been revoked (RevokeToken or sign-out). */
  isOriginRevoked(originJti: string): boolean {
    const r = this.#sql
      .stmt('SELECT 1 FROM refresh_tokens WHERE origin_jti = ? AND revoked_at IS NOT NULL LIMIT 1')
      .get(originJti);
    return r !== undefined;
  }

  revokeOrigin(originJti: string, at: number): void {
    this.#sql
      .stmt('UPDATE refresh_tokens SET revoked_at = ? WHERE origin_jti = ? AND revoked_at IS NULL')
      .run(at, originJti);
  }

  revokeUserTokens(poolId: string, username: string, at: number): void {
    this.#sql
      .stmt(
        'UPDATE refresh_tokens SET revoked_at = ? WHERE pool_id = ? AND username = ? AND revoked_at IS NULL',
      )
      .run(at, poolId, username);
  }

  markRotated(hash: string, at: number): void {
    this.#sql
      .stmt('UPDATE refresh_tokens SET rotated_at = ? WHERE hash = ? AND rotated_at IS NULL')
      .run(at, hash);
  }

  /** Drops the refresh tokens that expired before `now`; the count dropped. */
  prune(now: number): number {
    return this.#sql.stmt('DELETE FROM refresh_tokens WHERE expires_at < ?').run(now).changes;
  }
}

interface RefreshRow {
  hash: string;
  pool_id: string;
  client_id: string;
  username: string;
  origin_jti: string;
  auth_time: number;
  created_at: number;
  expires_at: number;
  revoked_at: number | null;
  rotated_at: number | null;
}

function fromRefreshRow(r: RefreshRow): RefreshTokenRecord {
  return {
    hash: r.hash,
    poolId: r.pool_id,
    clientId: r.client_id,
    username: r.username,
    originJti: r.origin_jti,
    authTime: r.auth_time,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    ...(r.revoked_at === null ? {} : { revokedAt: r.revoked_at }),
    ...(r.rotated_at === null ? {} : { rotatedAt: r.rotated_at }),
  };
}
