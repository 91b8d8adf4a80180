import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import type { Db } from '../../src/store/db.ts';
import { openPglite } from '../../src/store/pglite.ts';
import { openPostgres } from '../../src/store/postgres.ts';
import { templateNames, withDatabase } from './template.ts';

/**
 * A fresh, migrated database of its own for one test file: PGlite by default,
 * PostgreSQL when TEST_DATABASE_URL is set. Close it in afterAll.
 */
export async function freshDb(): Promise<Db> {
  const url = process.env.TEST_DATABASE_URL;
  const names = templateNames();
  if (url) {
    const name = `gridloop_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${names.pgDatabase}`);
    await admin.end();
    const db = openPostgres(withDatabase(url, name), 4);
    return {
      ...db,
      async close() {
        await db.close();
        const a = new pg.Client({ connectionString: url });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await a.end();
      },
    };
  }
  const tar = await readFile(names.pgliteFile);
  return openPglite({ loadDataDir: new Blob([tar]) });
}

export const onPostgres = (): boolean => Boolean(process.env.TEST_DATABASE_URL);
