import Database from 'better-sqlite3';
import { migrateCognitoStore } from './cognito-store-schema.js';
import type {
  RefreshTokenRecord,
  ResourceServer,
  UserGroup,
  UserPool,
  UserPoolClient,
  UserRecord,
} from './cognito-types.js';
import { OAuthStore } from './oauth-store.js';
import type { StoredSigningKey } from './signing-keys.js';

/** Lookup columns kept beside a user's JSON so sign-in by alias and ListUsers filters use an index. */
export interface UserKeys {
  usernameKey: string;
  emailKey: string | null;
  phoneKey: string | null;
  preferredKey: string | null;
}

interface UserRow {
  data: string;
}

/** A table that keeps each record as JSON in its `data` column, found by the columns `where` names. */
interface RecordTable<T> {
  name: string;
  where: string;
  keyOf(record: T): unknown[];
}

const POOLS: RecordTable<UserPool> = { name: 'pools', where: 'id = ?', keyOf: (p) => [p.Id] };
const CLIENTS: RecordTable<UserPoolClient> = { name: 'clients', where: 'id = ?', keyOf: (c) => [c.ClientId] };
/** What goes with a pool beside what ON DELETE CASCADE removes. */
const POOL_DELETION = [
  'DELETE FROM refresh_tokens WHERE pool_id = ?',
  'DELETE FROM user_groups WHERE pool_id = ?',
  'DELETE FROM pools WHERE id = ?',
] as const;

const GROUPS: RecordTable<UserGroup> = {
  name: 'groups',
  where: 'pool_id = ? AND name = ?',
  keyOf: (g) => [g.UserPoolId, g.GroupName],
};

/** A pool's resource servers, removed with their pool by the foreign key. */
const RESOURCE_SERVERS: RecordTable<ResourceServer> = {
  name: 'resource_servers',
  where: 'pool_id = ? AND identifier = ?',
  keyOf: (r) => [r.UserPoolId, r.Identifier],
};

/**
 * The durable state of the Cognito service in SQLite: pools, clients, groups, users (with their SRP verifier,
 * never a password), signing keys and refresh-token hashes.
 *
 * WAL journal with `synchronous = NORMAL`: every committed transaction is in the WAL before the call returns,
 * so killing the process never loses an answered write; only an operating-system crash can drop the last
 * few commits (the FULL setting would fsync every sign-in and cost most of the throughput).
 * All methods are synchronous; a multi-row change runs inside `transaction`, and because Node runs one
 * statement at a time, a check followed by an insert in one transaction cannot interleave with another request.
 */
export class CognitoStore {
  private readonly db: Database.Database;
  private readonly stmts = new Map<string, Database.Statement>();
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
    this.oauth = new OAuthStore(this.db);
  }

  private stmt(sql: string): Database.Statement {
    let s = this.stmts.get(sql);
    if (s === undefined) {
      s = this.db.prepare(sql);
      this.stmts.set(sql, s);
    }
    return s;
  }

  /** The record in the `data` column of the first row `sql` selects. */
  private one<T>(sql: string, ...params: unknown[]): T | undefined {
    const row = this.stmt(sql).get(...params) as UserRow | undefined;
    return row === undefined ? undefined : (JSON.parse(row.data) as T);
  }

  /** The records in the `data` column of every row `sql` selects. */
  private all<T>(sql: string, ...params: unknown[]): T[] {
    return (this.stmt(sql).all(...params) as UserRow[]).map((r) => JSON.parse(r.data) as T);
  }

  /** The record of `table` under `key`. */
  private getRecord<T>(table: RecordTable<T>, ...key: unknown[]): T | undefined {
    return this.one<T>(`SELECT data FROM ${table.name} WHERE ${table.where}`, ...key);
  }

  /** Writes `record` over the row of `table` that holds it. */
  private updateRecord<T>(table: RecordTable<T>, record: T): void {
    this.stmt(`UPDATE ${table.name} SET data = ? WHERE ${table.where}`).run(
      JSON.stringify(record),
      ...table.keyOf(record),
    );
  }

  /** Runs each statement with `params`, in order (rows that refer to others first), in one transaction. */
  private deleteAll(statements: readonly string[], ...params: unknown[]): void {
    this.transaction(() => {
      for (const sql of statements) this.stmt(sql).run(...params);
    });
  }

  /** Runs `fn` in one SQLite transaction (all or nothing). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  // Pools

  insertPool(pool: UserPool, keys: StoredSigningKey[]): void {
    this.transaction(() => {
      this.stmt('INSERT INTO pools (id, data) VALUES (?, ?)').run(pool.Id, JSON.stringify(pool));
      for (const k of keys) {
        this.stmt(
          'INSERT INTO pool_keys (pool_id, use, kid, private_pem, public_jwk) VALUES (?, ?, ?, ?, ?)',
        ).run(pool.Id, k.use, k.kid, k.privatePem, JSON.stringify(k.publicJwk));
      }
    });
  }

  getPool(id: string): UserPool | undefined {
    return this.getRecord(POOLS, id);
  }

  listPools(): UserPool[] {
    return this.all<UserPool>('SELECT data FROM pools ORDER BY id');
  }

  updatePool(pool: UserPool): void {
    this.updateRecord(POOLS, pool);
  }

  deletePool(id: string): void {
    // Clients, groups, users and keys go by ON DELETE CASCADE; these tables have no key to cascade from.
    this.deleteAll(POOL_DELETION, id);
  }

  countUsers(poolId: string): number {
    return (this.stmt('SELECT COUNT(*) AS n FROM users WHERE pool_id = ?').get(poolId) as { n: number }).n;
  }

  getKeys(poolId: string): StoredSigningKey[] {
    const rows = this.stmt(
      'SELECT use, kid, private_pem, public_jwk FROM pool_keys WHERE pool_id = ? ORDER BY use',
    ).all(poolId) as { use: 'id' | 'access'; kid: string; private_pem: string; public_jwk: string }[];
    return rows.map((r) => ({
      use: r.use,
      kid: r.kid,
      privatePem: r.private_pem,
      publicJwk: JSON.parse(r.public_jwk) as Record<string, unknown>,
    }));
  }

  // Clients

  insertClient(client: UserPoolClient): void {
    this.stmt('INSERT INTO clients (id, pool_id, data) VALUES (?, ?, ?)').run(
      client.ClientId,
      client.UserPoolId,
      JSON.stringify(client),
    );
  }

  getClient(id: string): UserPoolClient | undefined {
    return this.getRecord(CLIENTS, id);
  }

  listClients(poolId: string): UserPoolClient[] {
    return this.all<UserPoolClient>('SELECT data FROM clients WHERE pool_id = ? ORDER BY id', poolId);
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

  insertGroup(group: UserGroup): boolean {
    const r = this.stmt('INSERT OR IGNORE INTO groups (pool_id, name, data) VALUES (?, ?, ?)').run(
      group.UserPoolId,
      group.GroupName,
      JSON.stringify(group),
    );
    return r.changes === 1;
  }

  getGroup(poolId: string, name: string): UserGroup | undefined {
    return this.getRecord(GROUPS, poolId, name);
  }

  listGroups(poolId: string): UserGroup[] {
    return this.all<UserGroup>('SELECT data FROM groups WHERE pool_id = ? ORDER BY name', poolId);
  }

  updateGroup(group: UserGroup): void {
    this.updateRecord(GROUPS, group);
  }

  deleteGroup(poolId: string, name: string): void {
    this.stmt('DELETE FROM groups WHERE pool_id = ? AND name = ?').run(poolId, name);
  }

  // Resource servers

  /** False when the pool already has a resource server of that identifier. */
  insertResourceServer(server: ResourceServer): boolean {
    const r = this.stmt(
      'INSERT OR IGNORE INTO resource_servers (pool_id, identifier, data) VALUES (?, ?, ?)',
    ).run(server.UserPoolId, server.Identifier, JSON.stringify(server));
    return r.changes === 1;
  }

  getResourceServer(poolId: string, identifier: string): ResourceServer | undefined {
    return this.getRecord(RESOURCE_SERVERS, poolId, identifier);
  }

  listResourceServers(poolId: string): ResourceServer[] {
    return this.all<ResourceServer>(
      'SELECT data FROM resource_servers WHERE pool_id = ? ORDER BY identifier',
      poolId,
    );
  }

  updateResourceServer(server: ResourceServer): void {
    this.updateRecord(RESOURCE_SERVERS, server);
  }

  deleteResourceServer(poolId: string, identifier: string): void {
    this.stmt('DELETE FROM resource_servers WHERE pool_id = ? AND identifier = ?').run(poolId, identifier);
  }

  // Users

  /** Inserts a user; false when the username (or sub) is taken. */
  insertUser(user: UserRecord, keys: UserKeys): boolean {
    const r = this.stmt(
      'INSERT OR IGNORE INTO users (pool_id, username_key, sub, email_key, phone_key, preferred_key, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(
      user.poolId,
      keys.usernameKey,
      user.sub,
      keys.emailKey,
      keys.phoneKey,
      keys.preferredKey,
      JSON.stringify(user),
    );
    return r.changes === 1;
  }

  getUser(poolId: string, usernameKey: string): UserRecord | undefined {
    return this.one<UserRecord>(
      'SELECT data FROM users WHERE pool_id = ? AND username_key = ?',
      poolId,
      usernameKey,
    );
  }

  getUserBySub(poolId: string, sub: string): UserRecord | undefined {
    return this.one<UserRecord>('SELECT data FROM users WHERE pool_id = ? AND sub = ?', poolId, sub);
  }

  /** Users whose email / phone / preferred_username lookup key equals `value`. */
  findUsersBy(poolId: string, column: 'email' | 'phone' | 'preferred', value: string): UserRecord[] {
    return this.all<UserRecord>(
      `SELECT data FROM users WHERE pool_id = ? AND ${column}_key = ? ORDER BY username_key`,
      poolId,
      value,
    );
  }

  updateUser(user: UserRecord, keys: UserKeys): void {
    this.stmt(
      'UPDATE users SET email_key = ?, phone_key = ?, preferred_key = ?, data = ? WHERE pool_id = ? AND username_key = ?',
    ).run(
      keys.emailKey,
      keys.phoneKey,
      keys.preferredKey,
      JSON.stringify(user),
      user.poolId,
      keys.usernameKey,
    );
  }

  deleteUser(poolId: string, usernameKey: string, username: string): void {
    this.transaction(() => {
      this.stmt('DELETE FROM refresh_tokens WHERE pool_id = ? AND username = ?').run(poolId, username);
      this.stmt('DELETE FROM user_groups WHERE pool_id = ? AND username_key = ?').run(poolId, usernameKey);
      this.stmt('DELETE FROM users WHERE pool_id = ? AND username_key = ?').run(poolId, usernameKey);
    });
  }

  listUsers(poolId: string): UserRecord[] {
    return this.all<UserRecord>('SELECT data FROM users WHERE pool_id = ? ORDER BY username_key', poolId);
  }

  // Group membership

  addUserToGroup(poolId: string, usernameKey: string, group: string): void {
    this.stmt('INSERT OR IGNORE INTO user_groups (pool_id, username_key, group_name) VALUES (?, ?, ?)').run(
      poolId,
      usernameKey,
      group,
    );
  }

  removeUserFromGroup(poolId: string, usernameKey: string, group: string): void {
    this.stmt('DELETE FROM user_groups WHERE pool_id = ? AND username_key = ? AND group_name = ?').run(
      poolId,
      usernameKey,
      group,
    );
  }

  /** The user's groups, in the order Cognito lists them in `cognito:groups` (by precedence, then name). */
  groupsOfUser(poolId: string, usernameKey: string): UserGroup[] {
    const rows = this.stmt(
      'SELECT g.data FROM user_groups ug JOIN groups g ON g.pool_id = ug.pool_id AND g.name = ug.group_name WHERE ug.pool_id = ? AND ug.username_key = ?',
    ).all(poolId, usernameKey) as UserRow[];
    return rows
      .map((r) => JSON.parse(r.data) as UserGroup)
      .sort(
        (a, b) =>
          (a.Precedence ?? Number.MAX_SAFE_INTEGER) - (b.Precedence ?? Number.MAX_SAFE_INTEGER) ||
          a.GroupName.localeCompare(b.GroupName),
      );
  }

  usersInGroup(poolId: string, group: string): UserRecord[] {
    return this.all<UserRecord>(
      'SELECT u.data FROM user_groups ug JOIN users u ON u.pool_id = ug.pool_id AND u.username_key = ug.username_key WHERE ug.pool_id = ? AND ug.group_name = ? ORDER BY ug.username_key',
      poolId,
      group,
    );
  }

  // Refresh tokens (stored as SHA-256 hashes only)

  insertRefreshToken(t: RefreshTokenRecord): void {
    this.stmt(
      'INSERT INTO refresh_tokens (hash, pool_id, client_id, username, origin_jti, auth_time, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(t.hash, t.poolId, t.clientId, t.username, t.originJti, t.authTime, t.createdAt, t.expiresAt);
  }

  getRefreshToken(hash: string): RefreshTokenRecord | undefined {
    const r = this.stmt('SELECT * FROM refresh_tokens WHERE hash = ?').get(hash) as RefreshRow | undefined;
    return r === undefined ? undefined : fromRefreshRow(r);
  }

  /** Whether the session that `originJti` names has been revoked (RevokeToken or sign-out). */
  isOriginRevoked(originJti: string): boolean {
    const r = this.stmt(
      'SELECT 1 FROM refresh_tokens WHERE origin_jti = ? AND revoked_at IS NOT NULL LIMIT 1',
    ).get(originJti);
    return r !== undefined;
  }

  /** Whether any refresh token carries `originJti` (tokens of deleted users or clients have none). */
  originExists(originJti: string): boolean {
    return (
      this.stmt('SELECT 1 FROM refresh_tokens WHERE origin_jti = ? LIMIT 1').get(originJti) !== undefined
    );
  }

  revokeOrigin(originJti: string, at: number): void {
    this.stmt('UPDATE refresh_tokens SET revoked_at = ? WHERE origin_jti = ? AND revoked_at IS NULL').run(
      at,
      originJti,
    );
  }

  revokeUserTokens(poolId: string, username: string, at: number): void {
    this.stmt(
      'UPDATE refresh_tokens SET revoked_at = ? WHERE pool_id = ? AND username = ? AND revoked_at IS NULL',
    ).run(at, poolId, username);
  }

  markRotated(hash: string, at: number): void {
    this.stmt('UPDATE refresh_tokens SET rotated_at = ? WHERE hash = ? AND rotated_at IS NULL').run(at, hash);
  }

  /** Drops refresh tokens (and the OAuth grants of their sessions) that expired before `now`. */
  pruneRefreshTokens(now: number): number {
    this.oauth.pruneGrants(now);
    return this.stmt('DELETE FROM refresh_tokens WHERE expires_at < ?').run(now).changes;
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
