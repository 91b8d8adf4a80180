import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/domain/cases/index.ts';
import { closeCaseWorld, openCaseWorld } from '../helpers/app.ts';
import { OTHER, caseIn, openTestCase, type CaseWorld } from '../factories.ts';

/**
 * The map's vector tiles (issue #11): base layers for everyone, open cases in the caller's
 * scope coloured by timer, decoded with the reader MapLibre uses.
 */
let w: CaseWorld;
let own: Case;
let other: Case;

/** The tile of zoom z that holds the point. */
function tileOf(lng: number, lat: number, z: number) {
  const n = 2 ** z;
  const s = Math.sin((lat * Math.PI) / 180);
  const x = Math.floor((lng / 360 + 0.5) * n);
  const y = Math.floor((0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)) * n);
  return `${z}/${x}/${y}`;
}

async function tile(url: string, username?: string) {
  const res = await w.app.inject({ url, headers: username ? await w.auth(username) : {} });
  return res;
}
const decode = (body: Buffer) => new VectorTile(new PbfReader(new Uint8Array(body)));

beforeAll(async () => {
  w = await openCaseWorld();
  own = await caseIn(w, 'dispatched');
  other = await openTestCase(w, 'wh.supervisor', { districtCode: OTHER });
}, 120_000);
afterAll(async () => {
  await closeCaseWorld(w);
});

describe('map vector tiles', () => {
  it('serves the grid, region and component layers of a tile, public and cacheable', async () => {
    const at = tileOf(own.location.point.lng, own.location.point.lat, 14);
    for (const layer of ['districts', 'streets', 'communities', 'grids'] as const) {
      const res = await tile(`/api/v1/tiles/${layer}/${at}.mvt`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
      expect(res.headers['cache-control']).toBe('public, max-age=300');
      const l = decode(res.rawPayload).layers[layer];
      expect(l?.length, layer).toBeGreaterThan(0);
      const codes = Array.from({ length: l!.length }, (_, i) =>
        String(l!.feature(i).properties.code),
      );
      expect(codes.every((c) => /^[0-9]{6,15}$/.test(c))).toBe(true);
      if (layer === 'grids') expect(codes).toContain(own.gridCode);
    }
    // The whole city at zoom 8: every demo component is in one of its tiles.
    const comp = await tile(`/api/v1/tiles/components/${tileOf(102.8, 25.0, 8)}.mvt`);
    expect(comp.statusCode).toBe(200);
    const c = decode(comp.rawPayload).layers.components!;
    expect(c.length).toBeGreaterThan(100);
    expect(c.feature(0).properties).toMatchObject({ code: expect.stringMatching(/^[0-9]{17}$/) });
  });

  it('answers 304 to the same ETag', async () => {
    const url = `/api/v1/tiles/grids/${tileOf(own.location.point.lng, own.location.point.lat, 13)}.mvt`;
    const first = await tile(url);
    const again = await w.app.inject({
      url,
      headers: { 'if-none-match': String(first.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('shows the open cases one may see, coloured by timer, and none of another district', async () => {
    const url = `/api/v1/case-tiles/${tileOf(own.location.point.lng, own.location.point.lat, 15)}.mvt`;
    const res = await tile(url, 'cg.commander');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('private, max-age=15');
    const l = decode(res.rawPayload).layers.cases!;
    const props = Array.from({ length: l.length }, (_, i) => l.feature(i).properties);
    expect(props).toContainEqual(
      expect.objectContaining({ id: own.id, status: 'dispatched', timer: 'on_time' }),
    );
    const theirs = `/api/v1/case-tiles/${tileOf(other.location.point.lng, other.location.point.lat, 15)}.mvt`;
    const mine = decode((await tile(theirs, 'cg.commander')).rawPayload).layers.cases;
    const ids = mine
      ? Array.from({ length: mine.length }, (_, i) => mine.feature(i).properties.id)
      : [];
    expect(ids).not.toContain(other.id);
    const seen = decode((await tile(theirs, 'wh.commander')).rawPayload).layers.cases!;
    expect(Array.from({ length: seen.length }, (_, i) => seen.feature(i).properties.id)).toContain(
      other.id,
    );
  });

  it('moves features to GCJ-02 when asked', async () => {
    const at = tileOf(own.location.point.lng, own.location.point.lat, 18);
    const wgs = decode((await tile(`/api/v1/case-tiles/${at}.mvt`, 'cg.commander')).rawPayload);
    const gcj = await tile(`/api/v1/case-tiles/${at}.mvt?crs=gcj02`, 'cg.commander');
    expect(gcj.statusCode).toBe(200);
    const p = (t: VectorTile) => {
      const l = t.layers.cases;
      if (!l) return null;
      for (let i = 0; i < l.length; i++)
        if (l.feature(i).properties.id === own.id) return l.feature(i).loadGeometry()[0]![0]!;
      return null;
    };
    const a = p(wgs);
    const b = p(decode(gcj.rawPayload));
    expect(a).not.toBeNull();
    // The GCJ-02 offset near Kunming is a few hundred metres: off this z18 tile or far inside it.
    if (b !== null) expect(Math.hypot(b.x - a!.x, b.y - a!.y)).toBeGreaterThan(100);
  });

  it('tells the console where the tiles are, with no basemap by default', async () => {
    const res = await tile('/api/v1/map-settings');
    expect(res.json()).toEqual({
      styleUrl: null,
      crs: 'wgs84',
      bounds: [expect.any(Number), expect.any(Number), expect.any(Number), expect.any(Number)],
      tiles: {
        base: '/api/v1/tiles/{layer}/{z}/{x}/{y}.mvt?crs=wgs84',
        cases: '/api/v1/case-tiles/{z}/{x}/{y}.mvt?crs=wgs84',
      },
    });
  });

  it('refuses a tile that does not exist, an unknown layer, and cases without sign-in', async () => {
    const bad = await tile('/api/v1/tiles/grids/3/9/0.mvt');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'geo.invalid_tile' });
    expect((await tile('/api/v1/tiles/rivers/3/1/1.mvt')).statusCode).toBe(400);
    expect((await tile('/api/v1/case-tiles/3/1/1.mvt')).statusCode).toBe(401);
  });
});
