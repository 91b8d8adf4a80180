import { PGlite } from '@electric-sql/pglite';
import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Db, Queryable, Row } from './db.ts';
import { asStoreFault } from './faults.ts';
import { slimPostgis } from './pglite-postgis.ts';

type PgliteTx = { query: PGlite['query']; exec: PGlite['exec'] };

function wrap(q: PgliteTx): Queryable {
  return {
    // The same faults as on PostgreSQL (disk full, closed database) become StoreFaults.
    async query<R extends Row>(sql: string, params: readonly unknown[] = []) {
      try {
        const res = await q.query<R>(sql, params as unknown[]);
        return { rows: res.rows };
      } catch (e) {
        throw asStoreFault(e);
      }
    },
    async exec(sql: string) {
      try {
        await q.exec(sql);
      } catch (e) {
        throw asStoreFault(e);
      }
    },
  };
}

/**
 * Opens (or creates) an embedded PostgreSQL with PostGIS.
 * dataDir undefined → in memory; `loadDataDir` restores a dumped template (tests).
 * PostGIS loads from a slim bundle kept in `extensionCacheDir` (pglite-postgis.ts).
 */
export async function openPglite(
  opts: { dataDir?: string; loadDataDir?: Blob; extensionCacheDir?: string } = {},
): Promise<Db> {
  const pg = await PGlite.create({
    ...(opts.dataDir !== undefined ? { dataDir: opts.dataDir } : {}),
    ...(opts.loadDataDir !== undefined ? { loadDataDir: opts.loadDataDir } : {}),
    // pg_trgm: the case list's text filter (migration 0100); btree_gin: its two-character
    // search by district (migration 0251).
    extensions: { postgis: slimPostgis(opts.extensionCacheDir), pg_trgm, btree_gin },
  });
  // PGlite is single-connection: transactions are serialised by its own mutex.
  const base = wrap(pg);
  return {
    kind: 'pglite',
    ...base,
    // Single connection, no lock waits and no timeouts: a bulk transaction is like any other.
    transaction: (fn) =>
      pg
        .transaction((tx) => fn(wrap(tx)))
        .catch((e: unknown) => {
          throw asStoreFault(e);
        }),
    // In-process: NOTIFY of this database reaches its listeners here, nothing can be missed.
    listen: async (channel, onNotify) => {
      const stop = await pg.listen(channel, () => onNotify());
      return async () => {
        if (!pg.closed) await stop();
      };
    },
    close: () => pg.close(),
    // Exposed for tests that clone a migrated template.
    dumpDataDir: () => pg.dumpDataDir('none'),
  } as Db & { dumpDataDir: () => Promise<Blob | File> };
}
