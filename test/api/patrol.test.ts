import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromWgs84 } from '../../src/domain/geo/index.ts';
import type { Db } from '../../src/store/db.ts';
import { bearer, loginAs, testApp } from '../helpers/app.ts';
import { freshDb } from '../helpers/db.ts';
import { demoDeps, loadSmallDemo } from '../helpers/demo.ts';

// The demo clock (helpers/demo.ts) is 2026-03-02T01:00:00Z.
const MARCH_2 = { from: '2026-03-02T00:00:00Z', to: '2026-03-03T00:00:00Z' };
type Feature = {
  geometry: { coordinates: number[][][][] };
  properties: { code: string; districtCode: string };
};
type Point = { lng: number; lat: number; grid: string };

describe('patrol tracks (巡查轨迹) and coverage', () => {
  let db: Db;
  let app: FastifyInstance;
  const tokens = new Map<string, string>();
  let inside: Point[] = [];
  let chenggongGrids = 0;
  let supervisorId = '';

  const as = async (username: string) => {
    let t = tokens.get(username);
    if (!t) tokens.set(username, (t = await loginAs(app, username)));
    return bearer(t);
  };
  const upload = async (username: string, points: object[]) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/patrol-tracks',
      headers: await as(username),
      payload: { points },
    });
  const coverage = async (username: string, q: Record<string, string>) =>
    app.inject({
      method: 'GET',
      url: `/api/v1/patrol-coverage?${new URLSearchParams(q).toString()}`,
      headers: await as(username),
    });

  beforeAll(async () => {
    db = await freshDb();
    await loadSmallDemo(db, { components: 0 });
    app = await testApp(demoDeps(db));
    const grids = (await app.inject({ method: 'GET', url: '/api/v1/grids?district=530114' })).json<{
      features: Feature[];
    }>().features;
    chenggongGrids = grids.length;
    // The mean of each grid's outer ring, kept where the locate service agrees it is inside.
    for (const f of grids.slice(0, 12)) {
      const ring = f.geometry.coordinates[0]![0]!;
      const lng = ring.reduce((s, p) => s + p[0]!, 0) / ring.length;
      const lat = ring.reduce((s, p) => s + p[1]!, 0) / ring.length;
      const at = await app.inject({ method: 'GET', url: `/api/v1/locate?lng=${lng}&lat=${lat}` });
      if (at.json<{ grid: { code: string } }>().grid.code === f.properties.code)
        inside.push({ lng, lat, grid: f.properties.code });
    }
    inside = inside.slice(0, 4);
    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: await as('supervisor'),
    });
    supervisorId = me.json<{ user: { userId: string } }>().user.userId;
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('stores a batch once: the same batch again stores nothing and says it had them', async () => {
    expect(inside).toHaveLength(4);
    const batch = inside.slice(0, 2).map((p, i) => ({
      recordedAt: `2026-03-02T00:0${i}:00Z`,
      lng: p.lng,
      lat: p.lat,
      accuracyM: 12,
    }));
    const first = await upload('supervisor', batch);
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ received: 2, stored: 2, duplicates: 0, outsideGrids: 0 });
    const again = await upload('supervisor', batch);
    expect(again.json()).toEqual({ received: 2, stored: 0, duplicates: 2, outsideGrids: 0 });
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM patrol_points WHERE user_id = $1',
      [supervisorId],
    );
    expect(rows[0]!.n).toBe(2);
  });

  it('places a GCJ-02 point (as Chinese map apps give it) in the grid of its WGS84 position', async () => {
    const p = inside[2]!;
    const gcj = fromWgs84(p.lng, p.lat, 'gcj02');
    const r = await upload('supervisor', [
      { recordedAt: '2026-03-02T00:10:00Z', lng: gcj.lng, lat: gcj.lat, crs: 'gcj02' },
    ]);
    expect(r.json()).toMatchObject({ stored: 1, outsideGrids: 0 });
    const { rows } = await db.query<{ grid_code: string }>(
      `SELECT grid_code FROM patrol_points WHERE user_id = $1 AND recorded_at = '2026-03-02T00:10:00Z'`,
      [supervisorId],
    );
    expect(rows[0]!.grid_code).toBe(p.grid);
  });

  it('reads the coverage of the supervisor’s district grids in a period, counting imprecise points for nothing', async () => {
    // A point 500 m imprecise in a fourth grid is stored but proves no visit; one outside the city
    // is stored for no grid.
    const r0 = await upload('supervisor', [
      { recordedAt: '2026-03-02T00:20:00Z', lng: inside[0]!.lng, lat: inside[0]!.lat },
      {
        recordedAt: '2026-03-02T00:21:00Z',
        lng: inside[3]!.lng,
        lat: inside[3]!.lat,
        accuracyM: 500,
      },
      { recordedAt: '2026-03-02T00:22:00Z', lng: 100.0, lat: 24.0 },
    ]);
    expect(r0.json()).toEqual({ received: 3, stored: 3, duplicates: 0, outsideGrids: 1 });
    const r = await coverage('supervisor', MARCH_2);
    expect(r.statusCode).toBe(200);
    const c = r.json<{
      gridsTotal: number;
      gridsVisited: number;
      share: number;
      visited: string[];
    }>();
    expect(c.gridsTotal).toBe(chenggongGrids);
    expect(c.visited).toEqual(
      inside
        .slice(0, 3)
        .map((p) => p.grid)
        .sort(),
    );
    expect(c.share).toBeCloseTo(3 / chenggongGrids, 10);
    const before = await coverage('supervisor', {
      from: '2026-03-01T00:00:00Z',
      to: '2026-03-02T00:00:00Z',
    });
    expect(before.json()).toMatchObject({ gridsVisited: 0, points: 0 });
  });

  it('refuses a point from the future with the reason in Chinese and English', async () => {
    const r = await upload('supervisor', [
      { recordedAt: '2026-03-02T02:00:00Z', lng: inside[0]!.lng, lat: inside[0]!.lat },
    ]);
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({
      code: 'patrol.invalid_points',
      message: { zh: expect.stringContaining('轨迹点') as string },
      details: { index: 0, reason: 'future' },
    });
  });

  it('refuses a period that ends before it starts', async () => {
    const r = await coverage('supervisor', { from: MARCH_2.to, to: MARCH_2.from });
    expect(r.statusCode).toBe(422);
    expect(r.json()).toMatchObject({ code: 'patrol.invalid_period' });
  });

  it('lets only field staff upload, and the centre read a supervisor of its own district', async () => {
    expect(
      (await upload('dispatcher', [{ recordedAt: MARCH_2.from, lng: 1, lat: 1 }])).statusCode,
    ).toBe(403);
    const own = await coverage('dispatcher', { ...MARCH_2, userId: supervisorId });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ userId: supervisorId, gridsVisited: 3 });
    const other = await coverage('wuhua.dispatcher', { ...MARCH_2, userId: supervisorId });
    expect(other.statusCode).toBe(404);
    const peer = await coverage('wuhua.supervisor', { ...MARCH_2, userId: supervisorId });
    expect(peer.statusCode).toBe(403);
  });
});
