import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromWgs84 } from '../../src/domain/geo/index.ts';
import {
  bumpSpatialRevision,
  insertGrids,
  insertRegions,
} from '../../src/store/base-data.store.ts';
import type { Db } from '../../src/store/db.ts';
import { testApp } from '../helpers/app.ts';
import { testDeps } from '../helpers/deps.ts';
import { freshDb } from '../helpers/db.ts';
import { gridRow, region } from '../helpers/grid-rows.ts';

describe('geo API: grids, regions and locate', () => {
  let db: Db;
  let app: FastifyInstance;
  const get = (url: string) => app.inject({ method: 'GET', url });

  beforeAll(async () => {
    db = await freshDb();
    await insertRegions(db, [
      region('530100', 'city', null, '昆明市'),
      region('530102', 'district', '530100', '五华区'),
      region('530103', 'district', '530100', '盘龙区'),
      region('530102001', 'street', '530102', '华山街道'),
      region('530103001', 'street', '530103', '拓东街道'),
      region('530102001001', 'community', '530102001', '翠湖社区'),
      region('530103001001', 'community', '530103001', '金碧社区'),
    ]);
    await insertGrids(db, [
      gridRow('530102001001001', '翠湖1号网格', 102.7, 25.0),
      gridRow('530102001001002', '翠湖2号网格', 102.71, 25.0),
      gridRow('530103001001001', '金碧1号网格', 102.72, 25.0),
    ]);
    await bumpSpatialRevision(db);
    app = await testApp(testDeps(db, new Date('2026-11-24T04:00:00Z')));
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('locates a WGS84 point to its grid, community, street and district', async () => {
    const res = await get('/api/v1/locate?lng=102.725&lat=25.005');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      grid: { code: '530103001001001', name: '金碧1号网格' },
      community: { code: '530103001001', name: '金碧社区' },
      street: { code: '530103001', name: '拓东街道' },
      district: { code: '530103', name: '盘龙区' },
      point: { lng: 102.725, lat: 25.005 },
    });
  });

  it('locates a GCJ-02 point as reported by a Chinese map app', async () => {
    const p = fromWgs84(102.705, 25.005, 'gcj02');
    const res = await get(`/api/v1/locate?lng=${p.lng}&lat=${p.lat}&crs=gcj02`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ grid: { code: '530102001001001' } });
  });

  it('resolves a point on the edge shared by two grids to the grid east of it', async () => {
    const res = await get('/api/v1/locate?lng=102.71&lat=25.005');
    expect(res.json()).toMatchObject({ grid: { code: '530102001001002' } });
  });

  it('answers 404 geo.outside_all_grids with the nearest grid and its distance', async () => {
    const res = await get('/api/v1/locate?lng=102.705&lat=25.011');
    expect(res.statusCode).toBe(404);
    const body = res.json();
    expect(body).toMatchObject({
      code: 'geo.outside_all_grids',
      message: { zh: expect.any(String), en: expect.any(String) },
      details: { nearestGridCode: '530102001001001' },
    });
    expect(body.details.distanceM).toBeCloseTo(111.2, 0);
  });

  it.each([
    ['lng=NaN&lat=25', 'geo.invalid_coordinates', 'lng'],
    ['lng=abc&lat=25', 'geo.invalid_coordinates', 'lng'],
    ['lng=1e400&lat=25', 'geo.invalid_coordinates', 'lng'],
    ['lng=102.7&lat=91', 'geo.invalid_coordinates', 'lat'],
    ['lng=-181&lat=25', 'geo.invalid_coordinates', 'lng'],
    ['lat=25', 'geo.invalid_coordinates', 'lng'],
    ['lng=102.7', 'geo.invalid_coordinates', 'lat'],
    ['', 'geo.invalid_coordinates', 'lng'],
    ['lng=102.7&lng=102.8&lat=25', 'geo.invalid_coordinates', 'lng'],
    ['lng=102.7&lat=25&crs=mars', 'geo.invalid_crs', undefined],
    ['lng=102.7&lat=25&crs=WGS84', 'geo.invalid_crs', undefined],
  ])('refuses locate?%s with 400 %s', async (query, code, field) => {
    const res = await get(`/api/v1/locate?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code, ...(field ? { details: { field } } : {}) });
  });

  it('keeps serving after bad input', async () => {
    await get('/api/v1/locate?lng=%00&lat=%ZZ');
    expect((await get('/api/v1/locate?lng=102.705&lat=25.005')).statusCode).toBe(200);
  });

  it('returns the grids as an RFC 7946 FeatureCollection', async () => {
    const res = await get('/api/v1/grids');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/geo+json');
    const fc = res.json<{ type: string; features: { id: string }[] }>();
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.features.map((f) => f.id)).toEqual([
      '530102001001001',
      '530102001001002',
      '530103001001001',
    ]);
    expect(fc.features[0]).toEqual({
      type: 'Feature',
      id: '530102001001001',
      // ST_AsGeoJSON writes 9 decimals: 102.7 + 0.01 comes back as 102.71.
      geometry: {
        type: 'MultiPolygon',
        coordinates: [
          [
            [
              [102.7, 25],
              [102.71, 25],
              [102.71, 25.01],
              [102.7, 25.01],
              [102.7, 25],
            ],
          ],
        ],
      },
      properties: {
        code: '530102001001001',
        name: '翠湖1号网格',
        communityCode: '530102001001',
        streetCode: '530102001',
        districtCode: '530102',
        areaClass: 1,
        synthetic: false,
      },
    });
  });

  it.each([
    ['district=530103', ['530103001001001']],
    ['community=530102001001', ['530102001001001', '530102001001002']],
    ['street=530102001', ['530102001001001', '530102001001002']],
    ['bbox=102.712,25.001,102.713,25.002', ['530102001001002']],
    ['district=530102&bbox=102.715,25.0,102.725,25.01', ['530102001001002']],
  ])('filters grids by %s', async (query, codes) => {
    const res = await get(`/api/v1/grids?${query}`);
    expect(res.statusCode).toBe(200);
    expect(res.json<{ features: { id: string }[] }>().features.map((f) => f.id)).toEqual(codes);
  });

  it.each([
    ['district=5301', 'geo.invalid_code'],
    ['district=530102001', 'geo.invalid_code'],
    ['community=abc', 'geo.invalid_code'],
    ['bbox=1,2,3', 'geo.invalid_bbox'],
    ['bbox=102.8,25,102.7,25.1', 'geo.invalid_bbox'],
  ])('refuses grids?%s with 400 %s', async (query, code) => {
    const res = await get(`/api/v1/grids?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code });
  });

  it('lists the regions of one level under one parent, with names', async () => {
    const res = await get('/api/v1/regions?level=district&parent=530100');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      items: [
        {
          code: '530102',
          level: 'district',
          parentCode: '530100',
          districtCode: '530102',
          name: '五华区',
          nameEn: null,
          synthetic: false,
        },
        {
          code: '530103',
          level: 'district',
          parentCode: '530100',
          districtCode: '530103',
          name: '盘龙区',
          nameEn: null,
          synthetic: false,
        },
      ],
    });
  });

  it('lists every region of one district', async () => {
    const res = await get('/api/v1/regions?district=530102');
    expect(res.json<{ items: { code: string }[] }>().items.map((r) => r.code)).toEqual([
      '530102',
      '530102001',
      '530102001001',
    ]);
  });

  it.each([
    ['level=planet', 'request.invalid'],
    ['parent=12', 'geo.invalid_code'],
  ])('refuses regions?%s with 400 %s', async (query, code) => {
    const res = await get(`/api/v1/regions?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code });
  });
});
