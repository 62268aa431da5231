import type Database from 'better-sqlite3';

/**
 * Prepared statements of one SQLite database, each prepared once and kept by its SQL text, with readers for
 * tables that keep each record as JSON in a `data` column. Every table module of the Cognito store reads and
 * writes through one of these over the store's shared connection.
 */
export class SqliteStatements {
  readonly #db: Database.Database;
  readonly #stmts = new Map<string, Database.Statement>();

  constructor(db: Database.Database) {
    this.#db = db;
  }

  /** The prepared statement for `sql` (the SQL texts are the modules' own constants, so the map stays small). */
  stmt(sql: string): Database.Statement {
    let s = this.#stmts.get(sql);
    if (s === undefined) {
      s = this.#db.prepare(sql);
      this.#stmts.set(sql, s);
    }
    return s;
  }

  /** The record in the `data` column of the first row `sql` selects. */
  one<T>(sql: string, ...params: unknown[]): T | undefined {
    const row = this.stmt(sql).get(...params) as { data: string } | undefined;
    return row === undefined ? undefined : (JSON.parse(row.data) as T);
  }

  /** The records in the `data` column of every row `sql` selects. */
  all<T>(sql: string, ...params: unknown[]): T[] {
    return (this.stmt(sql).all(...params) as { data: string }[]).map((r) => JSON.parse(r.data) as T);
  }

  /** Runs `fn` in one SQLite transaction (all or nothing). */
  transaction<T>(fn: () => T): T {
    return this.#db.transaction(fn)();
  }
}
