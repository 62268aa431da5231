import type { SqliteStatements } from './sqlite-statements.js';

/** A table that keeps each record as JSON in its `data` column, found by its `key` columns. */
export interface KeyedTableSpec<T, K extends unknown[]> {
  name: string;
  /** The columns that name a row, in the order `keyOf` gives their values; the last orders a pool's list. */
  key: readonly [string, ...string[]];
  keyOf(record: T): K;
}

/**
 * The reads and writes every keyed record table of the Cognito store shares (pools, clients, groups, resource
 * servers). Table and column names are the store's own constants, never input.
 */
export class KeyedTable<T, K extends unknown[]> {
  readonly #sql: SqliteStatements;
  readonly #spec: KeyedTableSpec<T, K>;
  readonly #where: string;

  constructor(sql: SqliteStatements, spec: KeyedTableSpec<T, K>) {
    this.#sql = sql;
    this.#spec = spec;
    this.#where = spec.key.map((column) => `${column} = ?`).join(' AND ');
  }

  /** Inserts `record`; false when a row of its key is there already. */
  insert(record: T): boolean {
    const columns = [...this.#spec.key, 'data'];
    const sql = `INSERT OR IGNORE INTO ${this.#spec.name} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
    return this.#sql.stmt(sql).run(...this.#spec.keyOf(record), JSON.stringify(record)).changes === 1;
  }

  get(...key: K): T | undefined {
    return this.#sql.one<T>(`SELECT data FROM ${this.#spec.name} WHERE ${this.#where}`, ...key);
  }

  /** The records of a pool, ordered by the last key column. */
  listInPool(poolId: string): T[] {
    const { name, key } = this.#spec;
    return this.#sql.all<T>(`SELECT data FROM ${name} WHERE pool_id = ? ORDER BY ${key.at(-1)}`, poolId);
  }

  /** Writes `record` over the row that holds it. */
  update(record: T): void {
    const sql = `UPDATE ${this.#spec.name} SET data = ? WHERE ${this.#where}`;
    this.#sql.stmt(sql).run(JSON.stringify(record), ...this.#spec.keyOf(record));
  }

  delete(...key: K): void {
    this.#sql.stmt(`DELETE FROM ${this.#spec.name} WHERE ${this.#where}`).run(...key);
  }
}
