import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { findGridsContainingPoints } from '../../src/store/grids.store.ts';
import { testApp } from '../helpers/app.ts';
import { freshDb } from '../helpers/db.ts';
import { demoDeps, loadSmallDemo } from '../helpers/demo.ts';

type Feature = {
  id: string;
  geometry: { coordinates: number[][][][] };
  properties: { districtCode: string; communityCode: string };
};
type Location = {
  grid: { code: string; name: string };
  community: { code: string; name: string };
  street: { code: string; name: string };
  district: { code: string; name: string };
};

describe('geo API on the demo city (1,272 grids)', () => {
  let db: Db;
  let app: FastifyInstance;
  let features: Feature[];
  const get = (url: string) => app.inject({ method: 'GET', url });

  beforeAll(async () => {
    db = await freshDb();
    await loadSmallDemo(db, { components: 0 });
    app = await testApp(demoDeps(db));
    features = (await get('/api/v1/grids')).json<{ features: Feature[] }>().features;
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('returns every demo grid, and only one district’s grids when asked', async () => {
    expect(features).toHaveLength(1272);
    const district = features[0]!.properties.districtCode;
    const res = await get(`/api/v1/grids?district=${district}`);
    const inDistrict = res.json<{ features: Feature[] }>().features;
    expect(inDistrict.length).toBe(
      features.filter((f) => f.properties.districtCode === district).length,
    );
    expect(inDistrict.every((f) => f.properties.districtCode === district)).toBe(true);
  });

  it('locates seeded random points to the same grid as PostGIS, with the regions above it', async () => {
    const xs = features.flatMap((f) => f.geometry.coordinates.flat(2).map((p) => p[0]!));
    const ys = features.flatMap((f) => f.geometry.coordinates.flat(2).map((p) => p[1]!));
    const [minX, maxX, minY, maxY] = [
      Math.min(...xs),
      Math.max(...xs),
      Math.min(...ys),
      Math.max(...ys),
    ];
    let seed = 12345;
    const rnd = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const lngs: number[] = [];
    const lats: number[] = [];
    for (let i = 0; i < 300; i++) {
      lngs.push(minX + rnd() * (maxX - minX));
      lats.push(minY + rnd() * (maxY - minY));
    }
    const truth = new Map(
      (await findGridsContainingPoints(db, lngs, lats)).map((r) => [r.index, r.code]),
    );
    expect(truth.size).toBeGreaterThan(250);
    for (let i = 0; i < lngs.length; i++) {
      const res = await get(`/api/v1/locate?lng=${lngs[i]}&lat=${lats[i]}`);
      const code = truth.get(i);
      if (code === undefined) {
        expect(res.statusCode).toBe(404);
        expect(res.json()).toMatchObject({
          code: 'geo.outside_all_grids',
          details: { nearestGridCode: expect.any(String) },
        });
        continue;
      }
      expect(res.statusCode).toBe(200);
      const l = res.json<Location>();
      expect(l.grid.code).toBe(code);
      expect([l.community.code, l.street.code, l.district.code]).toEqual([
        code.slice(0, 12),
        code.slice(0, 9),
        code.slice(0, 6),
      ]);
      expect([l.grid.name, l.community.name, l.street.name, l.district.name].every(Boolean)).toBe(
        true,
      );
    }
  });

  it('puts each vertex shared by several demo grids in one of the grids that meet there', async () => {
    const owners = new Map<string, Set<string>>();
    for (const f of features) {
      for (const [x, y] of f.geometry.coordinates.flat(2)) {
        const key = `${x},${y}`;
        owners.set(key, (owners.get(key) ?? new Set()).add(f.id));
      }
    }
    const shared = [...owners].filter(([, s]) => s.size >= 3).slice(0, 200);
    expect(shared.length).toBe(200);
    for (const [key, grids] of shared) {
      const [lng, lat] = key.split(',');
      const res = await get(`/api/v1/locate?lng=${lng}&lat=${lat}`);
      expect(res.statusCode).toBe(200);
      expect(grids.has(res.json<Location>().grid.code)).toBe(true);
    }
  });
});
