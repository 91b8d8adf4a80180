import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from './open.ts';
import { buildSeed, isFreshDataDir, seedName } from './pglite-seed.ts';

describe('the seed name', () => {
  const m = [
    { name: '0001_a.sql', sql: 'CREATE TABLE a ();' },
    { name: '0002_b.sql', sql: 'CREATE TABLE b ();' },
  ];
  it('changes when a migration, a new migration or a package version changes, not with their order', () => {
    const base = seedName(m, ['pglite@1']);
    expect(seedName([...m].reverse(), ['pglite@1'])).toBe(base);
    expect(seedName([m[0]!, { ...m[1]!, sql: 'CREATE TABLE b (x int);' }], ['pglite@1'])).not.toBe(
      base,
    );
    expect(seedName([...m, { name: '0003_c.sql', sql: '' }], ['pglite@1'])).not.toBe(base);
    expect(seedName(m, ['pglite@2'])).not.toBe(base);
  });
});

describe('a first start from the seed', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gridloop-seed-'));
    await buildSeed(); // made by `npm install`; made here if missing
  }, 600_000);
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('opens a fresh data directory migrated, with PostGIS, and never reloads the seed over it', async () => {
    const files = (await readdir(fileURLToPath(new URL('./migrations/', import.meta.url)))).filter(
      (f) => f.endsWith('.sql'),
    );
    expect(await isFreshDataDir(join(dir, 'pg'))).toBe(true);
    const db = await openDb({ dataDir: dir });
    const r = await db.query<{ n: number; p: string }>(
      `SELECT (SELECT count(*)::int FROM schema_migrations) AS n,
              ST_AsText(ST_Point(102.7, 25.0)) AS p`,
    );
    expect(r.rows[0]).toEqual({ n: files.length, p: 'POINT(102.7 25)' });
    await db.exec(
      `CREATE TABLE kept_after_restart (x int); INSERT INTO kept_after_restart VALUES (7)`,
    );
    await db.close();
    expect(await isFreshDataDir(join(dir, 'pg'))).toBe(false);

    const again = await openDb({ dataDir: dir });
    const kept = await again.query<{ x: number }>('SELECT x FROM kept_after_restart');
    expect(kept.rows).toEqual([{ x: 7 }]);
    await again.close();
  }, 600_000);

  it('is made once: a second build finds it', async () => {
    expect((await buildSeed()).built).toBe(false);
  }, 600_000);
});
