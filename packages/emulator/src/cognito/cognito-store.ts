import Database from 'better-sqlite3';
import { migrateCognitoStore } from './cognito-store-schema.js';
import type { ResourceServer, UserGroup, UserPool, UserPoolClient } from './cognito-types.js';
import { OAuthStore } from './oauth-store.js';
import { RefreshTokenStore } from './refresh-token-store.js';
import type { StoredSigningKey } from './signing-keys.js';
import { SqliteStatements } from './sqlite-statements.js';
import { UserStore } from './user-store.js';

export type { UserKeys } from './user-store.js';

/** A table that keeps each record as JSON in its `data` column, found by its `key` columns. */
interface RecordTable<T> {
  name: string;
  /** The columns that name a row, in the order `keyOf` gives their values; the last orders a pool's list. */
  key: readonly [string, ...string[]];
  keyOf(record: T): unknown[];
}

/** The SQL condition that picks a row of `table` by its key. */
function whereKey(table: RecordTable<unknown>): string {
  return table.key.map((column) => `${column} = ?`).join(' AND ');
}

const POOLS: RecordTable<UserPool> = { name: 'pools', key: ['id'], keyOf: (p) => [p.Id] };
const CLIENTS: RecordTable<UserPoolClient> = { name: 'clients', key: ['id'], keyOf: (c) => [c.ClientId] };
/** What goes with a pool beside what ON DELETE CASCADE removes. */
const POOL_DELETION = [
  'DELETE FROM refresh_tokens WHERE pool_id = ?',
  'DELETE FROM user_groups WHERE pool_id = ?',
  'DELETE FROM pools WHERE id = ?',
] as const;

const GROUPS: RecordTable<UserGroup> = {
  name: 'groups',
  key: ['pool_id', 'name'],
  keyOf: (g) => [g.UserPoolId, g.GroupName],
};

/** A pool's resource servers, removed with their pool by the foreign key. */
const RESOURCE_SERVERS: RecordTable<ResourceServer> = {
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
    this.users = new UserStore(this.sql);
    this.refreshTokens = new RefreshTokenStore(this.sql);
    this.oauth = new OAuthStore(this.sql);
  }

  /** The record of `table` under `key`. */
  private getRecord<T>(table: RecordTable<T>, ...key: unknown[]): T | undefined {
    return this.sql.one<T>(`SELECT data FROM ${table.name} WHERE ${whereKey(table)}`, ...key);
  }

  /** Writes `record` over the row of `table` that holds it. */
  private updateRecord<T>(table: RecordTable<T>, record: T): void {
    this.sql
      .stmt(`UPDATE ${table.name} SET data = ? WHERE ${whereKey(table)}`)
      .run(JSON.stringify(record), ...table.keyOf(record));
  }

  /** Inserts `record` into a table keyed within its pool; false when a row of that key is there already. */
  private insertNew<T>(table: RecordTable<T>, record: T): boolean {
    const columns = [...table.key, 'data'];
    const sql = `INSERT OR IGNORE INTO ${table.name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    return this.sql.stmt(sql).run(...table.keyOf(record), JSON.stringify(record)).changes === 1;
  }

  /** The records of `table` in a pool, ordered by the last key column. */
  private listInPool<T>(table: RecordTable<T>, poolId: string): T[] {
    return this.sql.all<T>(
      `SELECT data FROM ${table.name} WHERE pool_id = ? ORDER BY ${table.key.at(-1)}`,
      poolId,
    );
  }

  /** Deletes the row of `table` under `key`. */
  private deleteRecord<T>(table: RecordTable<T>, ...key: unknown[]): void {
    this.sql.stmt(`DELETE FROM ${table.name} WHERE ${whereKey(table)}`).run(...key);
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
    return this.getRecord(POOLS, id);
  }

  listPools(): UserPool[] {
    return this.sql.all<UserPool>('SELECT data FROM pools ORDER BY id');
  }

  updatePool(pool: UserPool): void {
    this.updateRecord(POOLS, pool);
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
    return this.getRecord(CLIENTS, id);
  }

  listClients(poolId: string): UserPoolClient[] {
    return this.listInPool(CLIENTS, poolId);
  }

  updateClient(client: UserPoolClient): void {
    this.updateRecord(CLIENTS, client);
  }

  deleteClient(id: string): void {
    this.deleteAll(
      ['DELETE FROM refresh_tokens WHERE client_id = ?', 'DELETE FROM clients WHERE id = ?'],
      id,
    );
  }

  // Groups

  /** False when the pool already has a group of that name. */
  insertGroup(group: UserGroup): boolean {
    return this.insertNew(GROUPS, group);
  }

  getGroup(poolId: string, name: string): UserGroup | undefined {
    return this.getRecord(GROUPS, poolId, name);
  }

  listGroups(poolId: string): UserGroup[] {
    return this.listInPool(GROUPS, poolId);
  }

  updateGroup(group: UserGroup): void {
    this.updateRecord(GROUPS, group);
  }

  deleteGroup(poolId: string, name: string): void {
    this.deleteRecord(GROUPS, poolId, name);
  }

  // Resource servers

  /** False when the pool already has a resource server of that identifier. */
  insertResourceServer(server: ResourceServer): boolean {
    return this.insertNew(RESOURCE_SERVERS, server);
  }

  getResourceServer(poolId: string, identifier: string): ResourceServer | undefined {
    return this.getRecord(RESOURCE_SERVERS, poolId, identifier);
  }

  listResourceServers(poolId: string): ResourceServer[] {
    return this.listInPool(RESOURCE_SERVERS, poolId);
  }

  updateResourceServer(server: ResourceServer): void {
    this.updateRecord(RESOURCE_SERVERS, server);
  }

  deleteResourceServer(poolId: string, identifier: string): void {
    this.deleteRecord(RESOURCE_SERVERS, poolId, identifier);
  }

  /** Drops refresh tokens (and the OAuth grants of their sessions) that expired before `now`. */
  pruneRefreshTokens(now: number): number {
    this.oauth.pruneGrants(now);
    return this.refreshTokens.prune(now);
  }
}
