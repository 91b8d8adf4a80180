import pg from 'pg';
import type { Db, Queryable, Row } from './db.ts';

// Keep timestamps and bigints as the same JS types PGlite returns.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number(v));

/** Opens a pool against PostgreSQL + PostGIS (DATABASE_URL). */
export function openPostgres(url: string, poolSize = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection dropped by the server (restart, DROP DATABASE ... FORCE) must not crash the
  // process; the pool replaces it on next use.
  pool.on('error', () => undefined);
  const on = (c: pg.Pool | pg.PoolClient): Queryable => ({
    async query<R extends Row>(sql: string, params: readonly unknown[] = []) {
      const res = await c.query<R>(sql, params as unknown[]);
      return { rows: res.rows };
    },
    async exec(sql: string) {
      await c.query(sql);
    },
  });
  return {
    kind: 'postgres',
    ...on(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(on(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
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
