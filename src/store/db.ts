/**
 * The one database interface. Two implementations run the same SQL: PGlite with PostGIS
 * (embedded default) and PostgreSQL with PostGIS (system of record, via DATABASE_URL).
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  /** One parameterised statement ($1, $2 ...). */
  query<R extends Row = Row>(sql: string, params?: readonly unknown[]): Promise<{ rows: R[] }>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs fn in one transaction; rolls back when fn throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
