import pg from 'pg';
import type { Db, Queryable, Row, TransactionOptions } from './db.ts';
import { asStoreFault, faultOf } from './faults.ts';

// Keep timestamps and bigints as the same JS types PGlite returns.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/**
 * Every wait on PostgreSQL is bounded (milliseconds; README, "variables"):
 * - connectTimeoutMs: opening a connection, or waiting for a free one in the pool;
 * - statementTimeoutMs: one statement (SQLSTATE 57014 → `db.timeout`);
 * - lockTimeoutMs: one lock wait, rows, tables and advisory locks (55P03 → `db.lock_timeout`);
 * - bulkTimeoutMs: both of the last two inside a bulk transaction (migrations, demo load, imports).
 */
export type DbTimeouts = {
  readonly connectTimeoutMs: number;
  readonly statementTimeoutMs: number;
  readonly lockTimeoutMs: number;
  readonly bulkTimeoutMs: number;
};

export const DEFAULT_DB_TIMEOUTS: DbTimeouts = {
  connectTimeoutMs: 10_000,
  statementTimeoutMs: 30_000,
  lockTimeoutMs: 5_000,
  bulkTimeoutMs: 600_000,
};

export type PostgresOptions = {
  readonly poolSize?: number;
  readonly timeouts?: Partial<DbTimeouts> | undefined;
};

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/**
 * Opens a pool against PostgreSQL + PostGIS (DATABASE_URL). The pool survives the database
 * restarting, stopping or terminating its connections: a broken connection is dropped (never
 * handed out again) and the next request opens a new one; meanwhile callers get `StoreFault`s.
 */
export function openPostgres(url: string, opts: number | PostgresOptions = {}): Db {
  const o = typeof opts === 'number' ? { poolSize: opts } : opts;
  const t: DbTimeouts = { ...DEFAULT_DB_TIMEOUTS, ...o.timeouts };
  const pool = new pg.Pool({
    connectionString: url,
    max: o.poolSize ?? 10,
    connectionTimeoutMillis: t.connectTimeoutMs,
    // Sent at connect: each session starts with them (0 would mean no limit).
    statement_timeout: t.statementTimeoutMs,
    lock_timeout: t.lockTimeoutMs,
    // A peer that vanished without closing the socket is noticed by TCP keepalive.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  // An idle connection dropped by the server (restart, pg_terminate_backend, DROP DATABASE ...
  // FORCE) emits 'error' on the pool; the pool has already removed it and opens another on next
  // use. Without a listener the event would end the process.
  pool.on('error', () => undefined);
  const on = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R extends Row>(sql: string, params: readonly unknown[] = []) {
      try {
        const res = await c.query<R>(sql, params as unknown[]);
        return { rows: res.rows };
      } catch (e) {
        throw asStoreFault(e);
      }
    },
    async exec(sql: string) {
      try {
        await c.query(sql);
      } catch (e) {
        throw asStoreFault(e);
      }
    },
  });
  return {
    kind: 'postgres',
    ...on(pool),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>, topts: TransactionOptions = {}) {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (e) {
        throw asStoreFault(e);
      }
      // A checked-out client has no listener of the pool's: the server ending its session
      // (restart, pg_terminate_backend) while fn runs JS between statements would be an
      // unhandled 'error' event. The error is kept; the next statement fails with it.
      let broken: Error | null = null;
      const onError = (e: unknown) => {
        broken ??= asError(e);
      };
      client.on('error', onError);
      const tx = on(client);
      try {
        await tx.exec('BEGIN');
        if (topts.bulk) {
          const ms = Math.trunc(t.bulkTimeoutMs);
          await tx.exec(`SET LOCAL statement_timeout = ${ms}; SET LOCAL lock_timeout = ${ms}`);
        }
        const out = await fn(tx);
        await tx.exec('COMMIT');
        return out;
      } catch (e) {
        if (broken === null && faultOf(e) !== 'db.unavailable') {
          await client.query('ROLLBACK').catch((r: unknown) => {
            broken = asError(r);
          });
        } else {
          broken ??= asError(e);
        }
        throw asStoreFault(e);
      } finally {
        client.removeListener('error', onError);
        // Released with an error, the pool closes the connection instead of reusing it.
        client.release(broken ?? undefined);
      }
    },
    listen: (channel, onNotify) => listenOn(url, channel, onNotify),
    close: () => pool.end(),
  };
}

/** How long a lost listening connection waits before it connects again (doubling up to the max). */
const LISTEN_RETRY_MS = { first: 200, max: 5000 };

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * LISTEN on a connection of its own (a pooled one would be handed to others). The connection has
 * an 'error' listener, so a server restart or a terminated backend never crashes the process; it
 * is made again with back-off, and `onNotify` is called once it listens again because
 * notifications sent meanwhile are lost.
 */
async function listenOn(
  url: string,
  channel: string,
  onNotify: () => void,
): Promise<() => Promise<void>> {
  if (!CHANNEL.test(channel)) throw new Error(`invalid channel name ${channel}`);
  let stopped = false;
  let current: pg.Client | null = null;
  let retryMs = LISTEN_RETRY_MS.first;
  let timer: NodeJS.Timeout | null = null;

  const retry = () => {
    if (stopped || timer !== null) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, retryMs);
    timer.unref();
    retryMs = Math.min(retryMs * 2, LISTEN_RETRY_MS.max);
  };

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('error', () => undefined);
    c.on('end', () => {
      if (current !== c) return;
      current = null;
      retry();
    });
    c.on('notification', (m) => {
      if (m.channel === channel) onNotify();
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${channel}`);
    } catch {
      await c.end().catch(() => undefined);
      retry();
      return;
    }
    if (stopped) {
      await c.end().catch(() => undefined);
      return;
    }
    current = c;
    retryMs = LISTEN_RETRY_MS.first;
    onNotify();
  };

  await connect();
  return async () => {
    stopped = true;
    if (timer !== null) clearTimeout(timer);
    const c = current;
    current = null;
    if (c) await c.end().catch(() => undefined);
  };
}
