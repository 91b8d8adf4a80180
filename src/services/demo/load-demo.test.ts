import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../store/db.ts';
import { freshDb } from '../../../test/helpers/db.ts';
import { demoDeps, loadSmallDemo } from '../../../test/helpers/demo.ts';
import type { DemoLoadReport, DemoProgress } from './load-demo.ts';
import {
  findUnfinishedDemoLoad,
  hasCity,
  isDemoLoaded,
  loadDemoBase,
  loadDemoCity,
  loadDemoComponents,
} from './load-demo.ts';

describe('loading the demo city', () => {
  let db: Db;
  let report: DemoLoadReport;
  beforeAll(async () => {
    db = await freshDb();
    expect(await hasCity(demoDeps(db))).toBe(false);
    report = await loadSmallDemo(db);
  });
  afterAll(async () => {
    await db.close();
  });

  const one = async <T>(sql: string): Promise<T> => (await db.query(sql)).rows[0] as T;

  it('writes exactly the default 1,272 grids, the requested components and every demo login', async () => {
    expect(report.counts).toMatchObject({ grids: 1272, components: 2000 });
    expect(
      await one(`SELECT (SELECT count(*)::int FROM grids) AS grids, (SELECT count(*)::int FROM components) AS components,
                        (SELECT count(*)::int FROM regions WHERE level = 'community') AS communities,
                        (SELECT count(*)::int FROM users) AS users`),
    ).toEqual({ grids: 1272, components: 2000, communities: 330, users: report.users.length });
    // the short logins, 6 city and 5 × 5 district centre logins, a handler per unit
    expect(report.users).toHaveLength(8 + 6 + 25 + report.counts.units);
    expect(await hasCity(demoDeps(db))).toBe(true);
  });

  it('keeps every region and grid geometry valid in PostGIS', async () => {
    expect(
      await one(`SELECT (SELECT count(*)::int FROM regions WHERE NOT ST_IsValid(geom)) AS regions,
                        (SELECT count(*)::int FROM grids WHERE NOT ST_IsValid(geom)) AS grids`),
    ).toEqual({ regions: 0, grids: 0 });
  });

  it('tiles every community with its grids and every region with its children, with no overlaps', async () => {
    const worst = await one<{ rel: number }>(`
      WITH parts AS (
        SELECT community_code AS parent, ST_Area(geom) AS a FROM grids
        UNION ALL SELECT parent_code, ST_Area(geom) FROM regions WHERE parent_code IS NOT NULL)
      SELECT max(abs(s.total - ST_Area(r.geom)) / ST_Area(r.geom)) AS rel
        FROM (SELECT parent, sum(a) AS total FROM parts GROUP BY parent) s JOIN regions r ON r.code = s.parent`);
    expect(worst.rel).toBeLessThan(1e-9);
    const overlaps = await one<{ n: number }>(`
      SELECT count(*)::int AS n FROM grids a JOIN grids b ON a.code < b.code AND a.geom && b.geom
       WHERE ST_Relate(a.geom, b.geom, '2********')`);
    expect(overlaps.n).toBe(0);
    const outside = await one<{ n: number }>(`
      SELECT count(*)::int AS n FROM grids g JOIN regions c ON c.code = g.community_code
       WHERE NOT ST_CoveredBy(g.geom, c.geom)`);
    expect(outside.n).toBe(0);
  });

  it('puts every component inside the one grid it names', async () => {
    const r = await one<{ wrong: number }>(`
      SELECT count(*)::int AS wrong FROM components c
       WHERE NOT EXISTS (SELECT 1 FROM grids g WHERE g.code = c.grid_code AND ST_Contains(g.geom, c.geom))
          OR (SELECT count(*) FROM grids g WHERE ST_Intersects(g.geom, c.geom)) <> 1`);
    expect(r.wrong).toBe(0);
  });

  it('gives the 1+5+X staff, storefronts and units to the city', async () => {
    expect(
      await one(`SELECT (SELECT count(DISTINCT grid_code)::int FROM grid_staff_assignments WHERE tier = '1') AS headed,
                        (SELECT count(*)::int FROM storefronts) AS storefronts,
                        (SELECT count(*)::int FROM units WHERE kind = 'community_station') AS stations`),
    ).toEqual({ headed: 1272, storefronts: 2544, stations: 330 });
  });

  it('refuses to load a second city into a database that has one', async () => {
    const again = await loadDemoCity(demoDeps(db), { components: 10 });
    expect(again).toMatchObject({
      ok: false,
      error: { code: 'demo.city_exists', details: { grids: 1272 } },
    });
    const replace = await loadDemoCity(demoDeps(db), { replace: true });
    expect(replace).toMatchObject({ ok: false, error: { code: 'demo.replace_unsupported' } });
  });
});

describe('an interrupted demo load', () => {
  let db: Db;
  beforeAll(async () => {
    db = await freshDb();
  });
  afterAll(async () => {
    await db.close();
  });

  it('resumes with its own parameters exactly where the last committed batch stopped', async () => {
    const deps = demoDeps(db);
    const base = await loadDemoBase(deps, { seed: 3, grids: 40, components: 250, batchSize: 100 });
    if (!base.ok) throw new Error(base.error.code);
    const stop = (p: DemoProgress) => {
      if (p.phase === 'components' && p.done >= 100) throw new Error('power cut');
    };
    await expect(loadDemoComponents(deps, base.value, stop)).rejects.toThrow('power cut');
    expect(await isDemoLoaded(deps)).toBe(true);
    const pending = await findUnfinishedDemoLoad(deps);
    expect(pending?.report.counts.components).toBe(100);

    const resumed = await loadDemoCity(deps, { grids: 999 });
    expect(resumed).toMatchObject({
      ok: true,
      value: { resumed: true, params: { seed: 3, grids: 40 }, counts: { components: 250 } },
    });
    const n = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM components');
    expect(n.rows[0]?.n).toBe(250);
    expect(await findUnfinishedDemoLoad(deps)).toBeNull();
  });
});
