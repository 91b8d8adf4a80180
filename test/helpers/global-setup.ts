import { writeFile } from 'node:fs/promises';
import pg from 'pg';
import { migrate } from '../../src/store/migrate.ts';
import { openPglite } from '../../src/store/pglite.ts';
import { openPostgres } from '../../src/store/postgres.ts';
import { PGLITE_TEMPLATE, PG_TEMPLATE_DB, withDatabase } from './template.ts';

/**
 * Migrates one template database per test run; every test file then starts from a copy of it
 * (a PGlite data-dir dump, or CREATE DATABASE ... TEMPLATE on PostgreSQL).
 */
export default async function setup(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE_DB} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${PG_TEMPLATE_DB}`);
    await admin.end();
    const db = openPostgres(withDatabase(url, PG_TEMPLATE_DB), 1);
    await migrate(db);
    await db.close();
    return;
  }
  const db = (await openPglite()) as Awaited<ReturnType<typeof openPglite>> & {
    dumpDataDir(): Promise<Blob>;
  };
  await migrate(db);
  const blob = await db.dumpDataDir();
  await writeFile(PGLITE_TEMPLATE, Buffer.from(await blob.arrayBuffer()));
  await db.close();
}
