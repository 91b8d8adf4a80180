import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { migrate } from '../../src/store/migrate.ts';
import { freshDb } from '../helpers/db.ts';

describe('migrations', () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('records every applied migration and applies nothing twice', async () => {
    const before = await db.query<{ version: string }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    expect(before.rows[0]?.version).toBe('0001');
    const again = await migrate(db);
    expect(again.applied).toEqual([]);
    expect(again.alreadyApplied).toBe(before.rows.length);
  });

  it('gives the database a working PostGIS', async () => {
    const r = await db.query<{ inside: boolean }>(
      "SELECT ST_Contains(ST_GeomFromText('POLYGON((0 0,1 0,1 1,0 1,0 0))',4326), ST_SetSRID(ST_MakePoint(0.5,0.5),4326)) AS inside",
    );
    expect(r.rows[0]?.inside).toBe(true);
  });
});
