import type Database from 'better-sqlite3';
import type { UserPoolDomainRecord } from './cognito-types.js';

/**
 * The tables of user pool domains and OAuth 2.0 grants in the Cognito store's database: each pool's domain (one
 * a pool, a name unique across pools), and the scopes an OAuth grant gave a session, by the session's
 * `origin_jti`, so that refreshing it keeps them. Created by the store's second migration step.
 */
export class OAuthStore {
  readonly #db: Database.Database;
  readonly #stmts = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    this.#db = db;
  }

  #stmt(sql: string): Database.Statement {
    let s = this.#stmts.get(sql);
    if (s === undefined) {
      s = this.#db.prepare(sql);
      this.#stmts.set(sql, s);
    }
    return s;
  }

  #one<T>(sql: string, ...params: unknown[]): T | undefined {
    const row = this.#stmt(sql).get(...params) as { data: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.data) as T);
  }

  /** Inserts a domain; false when the name is taken or the pool has one. */
  insertDomain(d: UserPoolDomainRecord): boolean {
    const sql = 'INSERT OR IGNORE INTO user_pool_domains (domain, pool_id, data) VALUES (?, ?, ?)';
    return this.#stmt(sql).run(d.Domain, d.UserPoolId, JSON.stringify(d)).changes === 1;
  }

  getDomain(domain: string): UserPoolDomainRecord | undefined {
    return this.#one('SELECT data FROM user_pool_domains WHERE domain = ?', domain);
  }

  domainOfPool(poolId: string): UserPoolDomainRecord | undefined {
    return this.#one('SELECT data FROM user_pool_domains WHERE pool_id = ?', poolId);
  }

  updateDomain(d: UserPoolDomainRecord): void {
    this.#stmt('UPDATE user_pool_domains SET data = ? WHERE domain = ?').run(JSON.stringify(d), d.Domain);
  }

  deleteDomain(domain: string): void {
    this.#stmt('DELETE FROM user_pool_domains WHERE domain = ?').run(domain);
  }

  insertGrant(originJti: string, poolId: string, scopes: readonly string[], expiresAt: number): void {
    const sql =
      'INSERT OR REPLACE INTO oauth_grants (origin_jti, pool_id, scopes, expires_at) VALUES (?, ?, ?, ?)';
    this.#stmt(sql).run(originJti, poolId, JSON.stringify(scopes), expiresAt);
  }

  grantScopes(originJti: string): string[] | undefined {
    return this.#one<string[]>('SELECT scopes AS data FROM oauth_grants WHERE origin_jti = ?', originJti);
  }

  /** Drops the grants of sessions that expired before `now`. */
  pruneGrants(now: number): void {
    this.#stmt('DELETE FROM oauth_grants WHERE expires_at < ?').run(now);
  }
}
