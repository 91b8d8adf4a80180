import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromWgs84 } from '../../domain/geo/index.ts';
import { bumpSpatialRevision, insertGrids, insertRegions } from '../../store/base-data.store.ts';
import type { Db } from '../../store/db.ts';
import { testDeps } from '../../../test/helpers/deps.ts';
import { freshDb } from '../../../test/helpers/db.ts';
import { gridRow, region } from '../../../test/helpers/grid-rows.ts';
import type { Deps } from '../deps.ts';
import { createRuntime } from '../runtime.ts';
import {
  invalidateGridIndex,
  locatePoint,
  REVISION_CHECK_INTERVAL_MS,
  warmGridIndex,
} from './locate.ts';

describe('locating a point in the unit grids', () => {
  let db: Db;
  let deps: Deps;
  let now = new Date('2026-11-24T04:00:00Z');
  const later = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };

  beforeAll(async () => {
    db = await freshDb();
    deps = testDeps(db, () => now);
    await insertRegions(db, [
      region('530100', 'city', null, '昆明市'),
      region('530102', 'district', '530100', '五华区'),
      region('530102001', 'street', '530102', '华山街道'),
      region('530102001001', 'community', '530102001', '翠湖社区'),
      region('530102001002', 'community', '530102001', '文林社区'),
    ]);
    await insertGrids(db, [
      gridRow('530102001001001', '翠湖1号网格', 102.7, 25.0),
      gridRow('530102001001002', '翠湖2号网格', 102.71, 25.0),
      gridRow('530102001002001', '文林1号网格', 102.72, 25.0),
    ]);
    await bumpSpatialRevision(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('returns the grid, community, street and district with their names for a WGS84 point', async () => {
    expect(await warmGridIndex(deps)).toMatchObject({ grids: 3 });
    const r = await locatePoint(deps, { lng: 102.715, lat: 25.005 });
    expect(r).toEqual({
      ok: true,
      value: {
        grid: { code: '530102001001002', name: '翠湖2号网格' },
        community: { code: '530102001001', name: '翠湖社区' },
        street: { code: '530102001', name: '华山街道' },
        district: { code: '530102', name: '五华区' },
        point: { lng: 102.715, lat: 25.005 },
      },
    });
  });

  it.each(['gcj02', 'bd09'] as const)(
    'converts a %s point to WGS84 before locating it',
    async (crs) => {
      const shown = fromWgs84(102.725, 25.005, crs);
      const r = await locatePoint(deps, { lng: shown.lng, lat: shown.lat, crs });
      expect(r).toMatchObject({ ok: true, value: { grid: { code: '530102001002001' } } });
      if (!r.ok) return;
      expect(r.value.point.lng).toBeCloseTo(102.725, 7);
      expect(r.value.point.lat).toBeCloseTo(25.005, 7);
    },
  );

  it('reports a point beyond the last grid as outside all grids, naming the nearest grid', async () => {
    const r = await locatePoint(deps, { lng: 102.731, lat: 25.005 });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'geo.outside_all_grids', details: { nearestGridCode: '530102001002001' } },
    });
    if (r.ok || r.error.code !== 'geo.outside_all_grids') return;
    expect(r.error.details.distanceM).toBeCloseTo(100.8, 0);
  });

  it.each([
    [{ lng: Number.NaN, lat: 25 }, 'geo.invalid_coordinates'],
    [{ lng: 102.7, lat: 91 }, 'geo.invalid_coordinates'],
    [{ lng: 102.7, lat: 25, crs: 'mars' as never }, 'geo.invalid_crs'],
  ])('refuses %j with %s', async (input, code) => {
    expect(await locatePoint(deps, input)).toMatchObject({ ok: false, error: { code } });
  });

  it('sees a grid added by another service copy once the revision check interval has passed', async () => {
    await insertGrids(db, [gridRow('530102001002002', '文林2号网格', 102.73, 25.0)]);
    await bumpSpatialRevision(db);
    const point = { lng: 102.735, lat: 25.005 };
    expect(await locatePoint(deps, point)).toMatchObject({ ok: false });
    later(REVISION_CHECK_INTERVAL_MS);
    expect(await locatePoint(deps, point)).toMatchObject({
      ok: true,
      value: { grid: { code: '530102001002002' } },
    });
  });

  it('keeps locating from its last index while the database cannot be reached', async () => {
    let down = false;
    const flaky: Db = {
      ...db,
      query: (sql, params) =>
        down ? Promise.reject(new Error('connection refused')) : db.query(sql, params),
    };
    // A Db of its own needs a runtime of its own (one runtime serves one database).
    const flakyDeps = { ...deps, db: flaky, runtime: createRuntime() };
    const point = { lng: 102.705, lat: 25.005 };
    expect(await locatePoint(flakyDeps, point)).toMatchObject({ ok: true });
    down = true;
    later(REVISION_CHECK_INTERVAL_MS);
    expect(await locatePoint(flakyDeps, point)).toMatchObject({
      ok: true,
      value: { grid: { code: '530102001001001' } },
    });
  });

  it('sees a change made in this process at once after invalidateGridIndex()', async () => {
    await insertGrids(db, [gridRow('530102001002003', '文林3号网格', 102.74, 25.0)]);
    const point = { lng: 102.745, lat: 25.005 };
    expect(await locatePoint(deps, point)).toMatchObject({ ok: false });
    invalidateGridIndex(deps);
    expect(await locatePoint(deps, point)).toMatchObject({
      ok: true,
      value: { grid: { code: '530102001002003' } },
    });
  });
});
