import type { UserGroup, UserRecord } from './cognito-types.js';
import type { SqliteStatements } from './sqlite-statements.js';

/** Lookup columns kept beside a user's JSON so sign-in by alias and ListUsers filters use an index. */
export interface UserKeys {
  usernameKey: string;
  emailKey: string | null;
  phoneKey: string | null;
  preferredKey: string | null;
}

/**
 * The user and group-membership tables of the Cognito store. A user row keeps the record (with its SRP
 * verifier, never a password) as JSON beside the lookup keys of `UserKeys`.
 */
export class UserStore {
  readonly #sql: SqliteStatements;

  constructor(sql: SqliteStatements) {
    this.#sql = sql;
  }

  /** Inserts a user; false when the username (or sub) is taken. */
  insert(user: UserRecord, keys: UserKeys): boolean {
    const r = this.#sql
      .stmt(
        'INSERT OR IGNORE INTO users (pool_id, username_key, sub, email_key, phone_key, preferred_key, data) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
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

  get(poolId: string, usernameKey: string): UserRecord | undefined {
    return this.#sql.one<UserRecord>(
      'SELECT data FROM users WHERE pool_id = ? AND username_key = ?',
      poolId,
      usernameKey,
    );
  }

  /** Users whose email / phone / preferred_username lookup key equals `value`. */
  findBy(poolId: string, column: 'email' | 'phone' | 'preferred', value: string): UserRecord[] {
    return this.#sql.all<UserRecord>(
      `SELECT data FROM users WHERE pool_id = ? AND ${column}_key = ? ORDER BY username_key`,
      poolId,
      value,
    );
  }

  update(user: UserRecord, keys: UserKeys): void {
    this.#sql
      .stmt(
        'UPDATE users SET email_key = ?, phone_key = ?, preferred_key = ?, data = ? WHERE pool_id = ? AND username_key = ?',
      )
      .run(
        keys.emailKey,
        keys.phoneKey,
        keys.preferredKey,
        JSON.stringify(user),
        user.poolId,
        keys.usernameKey,
      );
  }

  /** Deletes a user with its refresh tokens and group memberships, in one transaction. */
  delete(poolId: string, usernameKey: string, username: string): void {
    this.#sql.transaction(() => {
      this.#sql.stmt('DELETE FROM refresh_tokens WHERE pool_id = ? AND username = ?').run(poolId, username);
      this.#sql
        .stmt('DELETE FROM user_groups WHERE pool_id = ? AND username_key = ?')
        .run(poolId, usernameKey);
      this.#sql.stmt('DELETE FROM users WHERE pool_id = ? AND username_key = ?').run(poolId, usernameKey);
    });
  }

  list(poolId: string): UserRecord[] {
    return this.#sql.all<UserRecord>(
      'SELECT data FROM users WHERE pool_id = ? ORDER BY username_key',
      poolId,
    );
  }

  count(poolId: string): number {
    return (this.#sql.stmt('SELECT COUNT(*) AS n FROM users WHERE pool_id = ?').get(poolId) as { n: number })
      .n;
  }

  // Group membership

  addToGroup(poolId: string, usernameKey: string, group: string): void {
    this.#sql
      .stmt('INSERT OR IGNORE INTO user_groups (pool_id, username_key, group_name) VALUES (?, ?, ?)')
      .run(poolId, usernameKey, group);
  }

  removeFromGroup(poolId: string, usernameKey: string, group: string): void {
    this.#sql
      .stmt('DELETE FROM user_groups WHERE pool_id = ? AND username_key = ? AND group_name = ?')
      .run(poolId, usernameKey, group);
  }

  /** The user's groups, in the order Cognito lists them in `cognito:groups` (by precedence, then name). */
  groupsOf(poolId: string, usernameKey: string): UserGroup[] {
    return this.#sql
      .all<UserGroup>(
        'SELECT g.data FROM user_groups ug JOIN groups g ON g.pool_id = ug.pool_id AND g.name = ug.group_name WHERE ug.pool_id = ? AND ug.username_key = ?',
        poolId,
        usernameKey,
      )
      .sort(
        (a, b) =>
          (a.Precedence ?? Number.MAX_SAFE_INTEGER) - (b.Precedence ?? Number.MAX_SAFE_INTEGER) ||
          a.GroupName.localeCompare(b.GroupName),
      );
  }

  membersOf(poolId: string, group: string): UserRecord[] {
    return this.#sql.all<UserRecord>(
      'SELECT u.data FROM user_groups ug JOIN users u ON u.pool_id = ug.pool_id AND u.username_key = ug.username_key WHERE ug.pool_id = ? AND ug.group_name = ? ORDER BY ug.username_key',
      poolId,
      group,
    );
  }
}
