import type { Db } from './db.ts';
import { openPglite } from './pglite.ts';
import { isFreshDataDir, readSeed } from './pglite-seed.ts';
import { openPostgres, type DbTimeouts } from './postgres.ts';

/**
 * DATABASE_URL → PostgreSQL; otherwise the embedded PGlite in dataDir. A data directory not made
 * yet starts from the install-time seed (pglite-seed.ts) when there is one.
 */
export async function openDb(opts: {
  databaseUrl?: string | undefined;
  dataDir: string;
  dbTimeouts?: DbTimeouts | undefined;
}): Promise<Db> {
  if (opts.databaseUrl) return openPostgres(opts.databaseUrl, { timeouts: opts.dbTimeouts });
  const dataDir = `${opts.dataDir}/pg`;
  const seed = (await isFreshDataDir(dataDir)) ? await readSeed() : null;
  return openPglite({
    dataDir,
    extensionCacheDir: `${opts.dataDir}/cache`,
    ...(seed !== null ? { loadDataDir: seed } : {}),
  });
}
