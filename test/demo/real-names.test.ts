import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITY, DISTRICTS, generateCity } from '../../src/domain/demo-city/index.ts';
import { parseCsvRecords } from '../../src/domain/shared/index.ts';
import type { Db } from '../../src/store/db.ts';
import { testApp } from '../helpers/app.ts';
import { freshDb } from '../helpers/db.ts';
import { demoDeps, loadSmallDemo } from '../helpers/demo.ts';

/** The shipped official codes (reference/regions/README.md gives the source). */
const REFERENCE = (() => {
  const text = readFileSync(
    new URL('../../reference/regions/kunming-2023.csv', import.meta.url),
    'utf8',
  );
  const r = parseCsvRecords(text);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.map((x) => x.values);
})();
const byCode = new Map(REFERENCE.map((r) => [r.code, r]));
const CATEGORIES = [{ code: '01001', nameZh: '供水井盖' }];

/** The third code segment of a community (12 digits): 001–599 are the official scheme's. */
const communitySegment = (code: string): number => Number(code.slice(9, 12));

describe('real names of the demo city against the official 2023 division codes', () => {
  it('ships a consistent reference file: codes are the 12-digit statistical codes cut to their level', () => {
    expect(REFERENCE.length).toBeGreaterThan(50);
    for (const r of REFERENCE) {
      expect(r.stats_code).toMatch(/^\d{12}$/);
      expect(r.stats_code).toBe((r.code ?? '').padEnd(12, '0'));
      if (r.level !== 'city') expect(byCode.get(r.parent_code ?? '')).toBeDefined();
    }
    expect(new Set(REFERENCE.map((r) => r.name_zh)).size).toBe(REFERENCE.length);
  });

  it('names the city and each district with its official code', () => {
    expect(byCode.get(CITY.code)?.name_zh).toBe(CITY.nameZh);
    for (const d of DISTRICTS) {
      expect(byCode.get(d.code)).toMatchObject({ level: 'district', name_zh: d.nameZh });
    }
  });

  it('uses exactly the official 街道 of each district, each under its own code', () => {
    const nameToCode = new Map(REFERENCE.map((r) => [r.name_zh, r.code]));
    for (const d of DISTRICTS) {
      const official = REFERENCE.filter(
        (r) => r.parent_code === d.code && r.kind === 'subdistrict',
      );
      expect(d.streets.map((s) => `${s.code} ${s.nameZh}`)).toEqual(
        official.map((r) => `${r.code} ${r.name_zh}`),
      );
      for (const s of d.streets) {
        expect(byCode.get(s.code)?.name_zh).toBe(s.nameZh);
        expect(nameToCode.get(s.nameZh)).toBe(s.code);
      }
    }
  });

  it.each([
    ['default', {}],
    ['few communities', { grids: 40, communities: 7 }],
    ['many communities', { grids: 6000, communities: 5000, components: 0 }],
  ])(
    'generates (%s) real regions only with their official names and flags every invented one',
    (_, over) => {
      const r = generateCity({ categories: CATEGORIES, components: 0, ...over });
      if (!r.ok) throw new Error(JSON.stringify(r.error));
      const city = r.value;
      for (const region of city.regions) {
        if (region.level === 'community') {
          expect(region.synthetic).toBe(true);
          expect(region.nameZh).toContain('演示');
          // Never a code the official scheme assigns, so never a real community's code.
          expect(communitySegment(region.code)).toBeGreaterThanOrEqual(901);
          expect(byCode.has(region.code)).toBe(false);
        } else {
          expect(region.synthetic).toBe(false);
          expect(byCode.get(region.code)?.name_zh).toBe(region.nameZh);
          expect(byCode.get(region.code)?.level).toBe(region.level);
        }
      }
      const communities = new Map(city.regions.map((x) => [x.code, x]));
      for (const g of city.grids) {
        expect(g.synthetic).toBe(true);
        expect(communities.get(g.communityCode)?.synthetic).toBe(true);
        expect(g.nameZh).toContain('演示');
      }
    },
  );
});

describe('the synthetic flag through the API and the exports', () => {
  let db: Db;
  let app: FastifyInstance;
  const get = (url: string) => app.inject({ method: 'GET', url });

  beforeAll(async () => {
    db = await freshDb();
    await loadSmallDemo(db, { components: 0 });
    app = await testApp(demoDeps(db));
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('lists real streets as real and invented communities and grids as synthetic', async () => {
    type Region = { code: string; name: string; synthetic: boolean };
    const streets = (await get('/api/v1/regions?level=street')).json<{ items: Region[] }>().items;
    expect(streets).toHaveLength(54);
    for (const s of streets) {
      expect(s.synthetic).toBe(false);
      expect(byCode.get(s.code)?.name_zh).toBe(s.name);
    }
    const communities = (await get('/api/v1/regions?level=community')).json<{ items: Region[] }>()
      .items;
    expect(communities).toHaveLength(330);
    expect(communities.every((c) => c.synthetic && communitySegment(c.code) >= 901)).toBe(true);
    const grids = (await get('/api/v1/grids?district=530114')).json<{
      features: { properties: { synthetic: boolean } }[];
    }>();
    expect(grids.features.length).toBeGreaterThan(0);
    expect(grids.features.every((f) => f.properties.synthetic)).toBe(true);
  });

  it('exports the flag as a CSV column and a GeoJSON property', async () => {
    const csv = await get('/api/v1/regions/export?district=530114&format=csv');
    const rows = parseCsvRecords(csv.body);
    if (!rows.ok) throw new Error(JSON.stringify(rows.error));
    expect(rows.value.length).toBeGreaterThan(10);
    for (const { values: r } of rows.value)
      expect(r.synthetic).toBe(r.level === 'community' ? 'true' : 'false');
    const geojson = (await get('/api/v1/grids/export?district=530114')).json<{
      features: { properties: { synthetic: boolean } }[];
    }>();
    expect(geojson.features.every((f) => f.properties.synthetic)).toBe(true);
  });
});
