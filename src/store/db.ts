/**
 * The one database interface. Two implementations run the same SQL: PGlite with PostGIS
 * (embedded default) and PostgreSQL with PostGIS (system of record, via DATABASE_URL).
 * Faults of the database (connection lost, timeouts, disk full) reach callers as `StoreFault`
 * (faults.ts); errors in the SQL or the data keep the driver's error and its SQLSTATE `code`.
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  /** One parameterised statement ($1, $2 ...). */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<{ rows: R[] }>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export type TransactionOptions = {
  /**
   * A bulk job (migration, demo load, import): its statements and lock waits are bounded by the
   * bulk timeout instead of the request's statement and lock timeouts (PostgreSQL).
   */
  readonly bulk?: boolean;
};

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction; rolls back when fn throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>, opts?: TransactionOptions): Promise<T>;
  /**
   * Calls `onNotify` for every NOTIFY on the channel (a name of lowercase letters, digits and
   * _), and also whenever notifications may have been missed (after the listening connection was
   * lost and made again), so a listener reads what it follows afresh. Resolves with the function
   * that stops listening. PostgreSQL: one dedicated connection that reconnects by itself.
   */
  listen(channel: string, onNotify: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
