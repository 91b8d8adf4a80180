import type { Db } from './db.ts';
import { openPglite } from './pglite.ts';
import { openPostgres, type DbTimeouts } from './postgres.ts';

/** DATABASE_URL → PostgreSQL; otherwise the embedded PGlite in dataDir. */
export async function openDb(opts: {
  databaseUrl?: string | undefined;
  dataDir: string;
  dbTimeouts?: DbTimeouts | undefined;
}): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, { timeouts: opts.dbTimeouts });
  return openPglite({ dataDir: `${opts.dataDir}/pg`, extensionCacheDir: `${opts.dataDir}/cache` });
}
