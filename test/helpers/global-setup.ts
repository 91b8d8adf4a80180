import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { syncReferenceData } from '../../src/services/reference/sync-reference-data.ts';
import { migrate } from '../../src/store/migrate.ts';
import type { Db } from '../../src/store/db.ts';
import { readSeed } from '../../src/store/pglite-seed.ts';
import { openPglite } from '../../src/store/pglite.ts';
import { openPostgres } from '../../src/store/postgres.ts';
import { templateNames, withDatabase } from './template.ts';
import { createRuntime } from '../../src/services/runtime.ts';

async function adminQuery(url: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** The shipped reference data (catalogue, ...) is part of every test database, as at start-up. */
async function loadReferenceData(db: Db): Promise<void> {
  const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
  await syncReferenceData({
    db,
    clock: { now: () => new Date() },
    newId: () => 'unused',
    log: silent,
    dataDir: tmpdir(),
    runtime: createRuntime(),
  });
}

/**
 * Migrates one template database per test run; every test file then starts from a copy of it
 * (a PGlite data-dir dump, or CREATE DATABASE ... TEMPLATE on PostgreSQL).
 */
export default async function setup(): Promise<() => Promise<void>> {
  process.env.GRIDLOOP_TEST_RUN = String(process.pid);
  const names = templateNames();
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    await adminQuery(url, `DROP DATABASE IF EXISTS ${names.pgDatabase} WITH (FORCE)`);
    await adminQuery(url, `CREATE DATABASE ${names.pgDatabase}`);
    const db = openPostgres(withDatabase(url, names.pgDatabase), 1);
    await migrate(db);
    await loadReferenceData(db);
    await db.close();
    return () => adminQuery(url, `DROP DATABASE IF EXISTS ${names.pgDatabase} WITH (FORCE)`);
  }
  // From the install-time seed when there is one (npm install made it): PostGIS and the
  // migrations are in it already.
  const seed = await readSeed();
  const db = (await openPglite(seed ? { loadDataDir: seed } : {})) as Awaited<
    ReturnType<typeof openPglite>
  > & {
    dumpDataDir(): Promise<Blob>;
  };
  await migrate(db);
  await loadReferenceData(db);
  const blob = await db.dumpDataDir();
  await writeFile(names.pgliteFile, Buffer.from(await blob.arrayBuffer()));
  await db.close();
  return () => rm(names.pgliteFile, { force: true });
}
