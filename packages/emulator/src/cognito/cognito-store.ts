import Database from 'better-sqlite3';
import { migrateCognitoStore } from './cognito-store-schema.js';
import type { ResourceServer, UserGroup, UserPool, UserPoolClient } from './cognito-types.js';
import { KeyedTable, type KeyedTableSpec } from './keyed-table.js';
import { OAuthStore } from './oauth-store.js';
import { RefreshTokenStore } from './refresh-token-store.js';
import type { StoredSigningKey } from './signing-keys.js';
import { SqliteStatements } from './sqlite-statements.js';
import { UserStore } from './user-store.js';

export type { UserKeys } from './user-store.js';

const POOLS: KeyedTableSpec<UserPool, [string]> = { name: 'pools', key: ['id'], keyOf: (p) => [p.Id] };
const CLIENTS: KeyedTableSpec<UserPoolClient, [string]> = {
  name: 'clients',
  key: ['id'],
  keyOf: (c) => [c.ClientId],
};
/** What goes with a pool beside what ON DELETE CASCADE removes. */
const POOL_DELETION = [
  'DELETE FROM refresh_tokens WHERE pool_id = ?',
  'DELETE FROM user_groups WHERE pool_id = ?',
  'DELETE FROM pools WHERE id = ?',
] as const;

const GROUPS: KeyedTableSpec<UserGroup, [string, string]> = {
  name: 'groups',
  key: ['pool_id', 'name'],
  keyOf: (g) => [g.UserPoolId, g.GroupName],
};

/** A pool's resource servers, removed with their pool by the foreign key. */
const RESOURCE_SERVERS: KeyedTableSpec<ResourceServer, [string, string]> = {
  name: 'resource_servers',
  key: ['pool_id', 'identifier'],
  keyOf: (r) => [r.UserPoolId, r.Identifier],
};

/**
 * The durable state of the Cognito service in SQLite: pools, clients, groups, resource servers and signing
 * keys here; users, refresh-token hashes and OAuth domains and grants in the table modules it exposes, which
 * share its connection (and so its transactions).
 *
 * WAL journal with `synchronous = NORMAL`: every committed transaction is in the WAL before the call returns,
 * so killing the process never loses an answered write; only an operating-system crash can drop the last
 * few commits (the FULL setting would fsync every sign-in and cost most of the throughput).
 * All methods are synchronous; a multi-row change runs inside `transaction`, and because Node runs one
 * statement at a time, a check followed by an insert in one transaction cannot interleave with another request.
 */
export class CognitoStore {
  private readonly db: Database.Database;
  private readonly sql: SqliteStatements;
  readonly #pools: KeyedTable<UserPool, [string]>;
  readonly #clients: KeyedTable<UserPoolClient, [string]>;
  /** A pool's groups (their members are in `users`). */
  readonly groups: KeyedTable<UserGroup, [poolId: string, name: string]>;
  /** A pool's OAuth 2.0 resource servers. */
  readonly resourceServers: KeyedTable<ResourceServer, [poolId: string, identifier: string]>;
  /** Users (with their SRP verifiers) and group membership. */
  readonly users: UserStore;
  /** Refresh-token hashes and the revocation of their sessions. */
  readonly refreshTokens: RefreshTokenStore;
  /** User pool domains and the scopes of OAuth sessions (their own tables). */
  readonly oauth: OAuthStore;

  constructor(file: string) {
    this.db = new Database(file);
    if (file !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    // Another process (a second emulator, an inspection tool) may briefly hold the write lock.
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('foreign_keys = ON');
    migrateCognitoStore(this.db);
    this.sql = new SqliteStatements(this.db);
    this.#pools = new KeyedTable(this.sql, POOLS);
    this.#clients = new KeyedTable(this.sql, CLIENTS);
    this.groups = new KeyedTable(this.sql, GROUPS);
    this.resourceServers = new KeyedTable(this.sql, RESOURCE_SERVERS);
    this.users = new UserStore(this.sql);
    this.refreshTokens = new RefreshTokenStore(this.sql);
    this.oauth = new OAuthStore(this.sql);
  }

  /** Runs each statement with `params`, in order (rows that refer to others first), in one transaction. */
  private deleteAll(statements: readonly string[], ...params: unknown[]): void {
    this.transaction(() => {
      for (const sql of statements) this.sql.stmt(sql).run(...params);
    });
  }

  /** Runs `fn` in one SQLite transaction (all or nothing). */
  transaction<T>(fn: () => T): T {
    return this.sql.transaction(fn);
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // Pools

  insertPool(pool: UserPool, keys: StoredSigningKey[]): void {
    this.transaction(() => {
      this.sql.stmt('INSERT INTO pools (id, data) VALUES (?, ?)').run(pool.Id, JSON.stringify(pool));
      for (const k of keys) {
        this.sql
          .stmt('INSERT INTO pool_keys (pool_id, use, kid, private_pem, public_jwk) VALUES (?, ?, ?, ?, ?)')
          .run(pool.Id, k.use, k.kid, k.privatePem, JSON.stringify(k.publicJwk));
      }
    });
  }

  getPool(id: string): UserPool | undefined {
    return this.#pools.get(id);
  }

  listPools(): UserPool[] {
    return this.sql.all<UserPool>('SELECT data FROM pools ORDER BY id');
  }

  updatePool(pool: UserPool): void {
    this.#pools.update(pool);
  }

  deletePool(id: string): void {
    // Clients, groups, users and keys go by ON DELETE CASCADE; these tables have no key to cascade from.
    this.deleteAll(POOL_DELETION, id);
  }

  getKeys(poolId: string): StoredSigningKey[] {
    const rows = this.sql
      .stmt('SELECT use, kid, private_pem, public_jwk FROM pool_keys WHERE pool_id = ? ORDER BY use')
      .all(poolId) as { use: 'id' | 'access'; kid: string; private_pem: string; public_jwk: string }[];
    return rows.map((r) => ({
      use: r.use,
      kid: r.kid,
      privatePem: r.private_pem,
      publicJwk: JSON.parse(r.public_jwk) as Record<string, unknown>,
    }));
  }

  // Clients

  insertClient(client: UserPoolClient): void {
    this.sql
      .stmt('INSERT INTO clients (id, pool_id, data) VALUES (?, ?, ?)')
      .run(client.ClientId, client.UserPoolId, JSON.stringify(client));
  }

  getClient(id: string): UserPoolClient | undefined {
    return this.#clients.get(id);
  }

  listClients(poolId: string): UserPoolClient[] {
    return this.#clients.listInPool(poolId);
  }

  updateClient(client: UserPoolClient): void {
    this.#clients.update(client);
  }

  deleteClient(id: string): void {
    this.deleteAll(
      ['DELETE FROM refresh_tokens WHERE client_id = ?', 'DELETE FROM clients WHERE id = ?'],
      id,
    );
  }

  /** Drops refresh tokens (and the OAuth grants of their sessions) that expired before `now`. */
  pruneRefreshTokens(now: number): number {
    this.oauth.pruneGrants(now);
    return this.refreshTokens.prune(now);
  }
}
