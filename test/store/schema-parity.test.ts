import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import { openPglite } from '../../src/store/pglite.ts';
import { freshDb, onPostgres } from '../helpers/db.ts';

// The same migrations must give the same schema on the embedded database and on PostgreSQL
// (STYLE.md §4.6). Only meaningful when the run has a PostgreSQL to compare with.
const SCHEMA_SQL = `
  SELECT table_name || '.' || column_name || ':' || udt_name || ':' || is_nullable AS item
    FROM information_schema.columns WHERE table_schema = 'public'
  UNION ALL
  SELECT 'index:' || indexname FROM pg_indexes WHERE schemaname = 'public'
  UNION ALL
  SELECT 'constraint:' || conrelid::regclass::text || ':' || conname || ':' || contype::text
    FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype <> 'n'
  ORDER BY 1`;

async function schemaOf(db: Db): Promise<string[]> {
  return (await db.query<{ item: string }>(SCHEMA_SQL)).rows
    .map((r) => r.item)
    .filter((i) => !/spatial_ref_sys/.test(i));
}

describe.runIf(onPostgres())('schema parity between PGlite and PostgreSQL', () => {
  let pg: Db;
  let lite: Db;
  beforeAll(async () => {
    pg = await freshDb();
    lite = await openPglite();
    await migrate(lite);
  });
  afterAll(async () => {
    await pg.close();
    await lite.close();
  });

  it('migrating an empty database gives the same tables, columns, indexes and constraints on both', async () => {
    const [a, b] = await Promise.all([schemaOf(pg), schemaOf(lite)]);
    expect(a.length).toBeGreaterThan(20);
    expect(b).toEqual(a);
  });
});
