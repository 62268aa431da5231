import type Database from 'better-sqlite3';

/** The schema this version writes; a store written by a newer version is refused rather than misread. */
export const SCHEMA_VERSION = 3;

/** Creates the tables of an empty store, or checks that an existing one is of a version this code reads. */
export function migrateCognitoStore(db: Database.Database): void {
  db.exec('CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as
    | { value: string }
    | undefined;
  const version = row === undefined ? 0 : Number(row.value);
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `The Cognito store was written by a newer version (schema ${version}, this version reads up to ${SCHEMA_VERSION}).`,
    );
  }
  if (version === SCHEMA_VERSION) return;
  db.transaction(() => {
    if (version < 1) createSchemaOne(db);
    if (version < 2) addResourceServers(db);
    if (version < 3) createDomainTables(db);
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)").run(
      String(SCHEMA_VERSION),
    );
  })();
}

/** Step 1: pools, their keys, clients, groups, users, memberships and refresh-token hashes. */
function createSchemaOne(db: Database.Database): void {
  db.exec(`
      CREATE TABLE pools (id TEXT PRIMARY KEY, data TEXT NOT NULL);
      CREATE TABLE pool_keys (pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE, use TEXT NOT NULL,
        kid TEXT NOT NULL, private_pem TEXT NOT NULL, public_jwk TEXT NOT NULL, PRIMARY KEY (pool_id, use));
      CREATE TABLE clients (id TEXT PRIMARY KEY, pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
        data TEXT NOT NULL);
      CREATE INDEX clients_pool ON clients(pool_id);
      CREATE TABLE groups (pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE, name TEXT NOT NULL,
        data TEXT NOT NULL, PRIMARY KEY (pool_id, name));
      CREATE TABLE users (pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE, username_key TEXT NOT NULL,
        sub TEXT NOT NULL, email_key TEXT, phone_key TEXT, preferred_key TEXT, data TEXT NOT NULL,
        PRIMARY KEY (pool_id, username_key));
      CREATE UNIQUE INDEX users_sub ON users(pool_id, sub);
      CREATE INDEX users_email ON users(pool_id, email_key);
      CREATE INDEX users_phone ON users(pool_id, phone_key);
      CREATE INDEX users_preferred ON users(pool_id, preferred_key);
      CREATE TABLE user_groups (pool_id TEXT NOT NULL, username_key TEXT NOT NULL, group_name TEXT NOT NULL,
        PRIMARY KEY (pool_id, username_key, group_name),
        FOREIGN KEY (pool_id, username_key) REFERENCES users(pool_id, username_key) ON DELETE CASCADE,
        FOREIGN KEY (pool_id, group_name) REFERENCES groups(pool_id, name) ON DELETE CASCADE);
      CREATE INDEX user_groups_group ON user_groups(pool_id, group_name);
      CREATE TABLE refresh_tokens (hash TEXT PRIMARY KEY, pool_id TEXT NOT NULL, client_id TEXT NOT NULL,
        username TEXT NOT NULL, origin_jti TEXT NOT NULL, auth_time INTEGER NOT NULL, created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL, revoked_at INTEGER, rotated_at INTEGER);
      CREATE INDEX refresh_origin ON refresh_tokens(origin_jti);
      CREATE INDEX refresh_user ON refresh_tokens(pool_id, username);
      CREATE INDEX refresh_expiry ON refresh_tokens(expires_at);
    `);
}

/** The client members that schema 1 kept in a client's `Passthrough` and schema 2 keeps as settings of their own. */
const CLIENT_OAUTH_MEMBERS = [
  'AllowedOAuthFlows',
  'AllowedOAuthFlowsUserPoolClient',
  'AllowedOAuthScopes',
  'CallbackURLs',
  'LogoutURLs',
  'DefaultRedirectURI',
  'SupportedIdentityProviders',
] as const;

/**
 * Step 2: the pools' OAuth 2.0 resource servers (one row per identifier, gone with their pool), and the
 * clients' OAuth settings moved out of `Passthrough`, where schema 1 kept them as given, to the client's own
 * members that the OAuth endpoints read.
 */
function addResourceServers(db: Database.Database): void {
  db.exec(`
    CREATE TABLE resource_servers (pool_id TEXT NOT NULL REFERENCES pools(id) ON DELETE CASCADE,
      identifier TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (pool_id, identifier));
  `);
  const rows = db.prepare('SELECT id, data FROM clients').all() as { id: string; data: string }[];
  const update = db.prepare('UPDATE clients SET data = ? WHERE id = ?');
  for (const row of rows) {
    const client = JSON.parse(row.data) as Record<string, unknown> & {
      Passthrough?: Record<string, unknown>;
    };
    const passthrough = client.Passthrough ?? {};
    for (const member of CLIENT_OAUTH_MEMBERS) {
      if (passthrough[member] !== undefined) client[member] = passthrough[member];
      delete passthrough[member];
    }
    update.run(JSON.stringify(client), row.id);
  }
}

/**
 * Step 3 (user pool domains and OAuth 2.0 grants): each pool's domain (one per pool, a name unique across pools), and
 * the scopes an OAuth grant gave a session, by the session's `origin_jti`, so that refreshing it keeps them.
 */
function createDomainTables(db: Database.Database): void {
  db.exec(`
    CREATE TABLE user_pool_domains (domain TEXT PRIMARY KEY,
      pool_id TEXT NOT NULL UNIQUE REFERENCES pools(id) ON DELETE CASCADE, data TEXT NOT NULL);
    CREATE TABLE oauth_grants (origin_jti TEXT PRIMARY KEY, pool_id TEXT NOT NULL, scopes TEXT NOT NULL,
      expires_at INTEGER NOT NULL);
    CREATE INDEX oauth_grants_expiry ON oauth_grants(expires_at);
  `);
}
