import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import {
  clipRing,
  encodeTile,
  isTileAddress,
  thinPoints,
  TILE_EXTENT,
  tileBox,
  tileProjector,
  type TileAddress,
} from './mvt.ts';

// Decoded with the reader MapLibre itself uses (@mapbox/vector-tile), so the bytes are what the
// browser will draw.
const decode = (b: Uint8Array) => new VectorTile(new PbfReader(b));

const T: TileAddress = { z: 12, x: 3218, y: 1735 }; // over Kunming (102.8, 25.0)

describe('vector tile encoding', () => {
  const [w, s, e, n] = tileBox(T, 0);
  const mid: [number, number] = [(w + e) / 2, (s + n) / 2];

  it('puts a point in the middle of its tile at the middle of the extent', () => {
    const t = decode(
      encodeTile(T, [
        {
          name: 'cases',
          features: [
            { id: 7, kind: 'point', at: mid, props: { status: 'handling', urgent: true, n: 3 } },
            { kind: 'point', at: [w - 1, s], props: { status: 'far away' } },
          ],
        },
      ]),
    );
    const layer = t.layers.cases;
    expect(layer?.length).toBe(1);
    expect(layer?.extent).toBe(TILE_EXTENT);
    const f = layer!.feature(0);
    expect(f.id).toBe(7);
    expect(f.type).toBe(1);
    expect(f.properties).toEqual({ status: 'handling', urgent: true, n: 3 });
    const [[p]] = f.loadGeometry() as unknown as [[{ x: number; y: number }]];
    expect(Math.abs(p.x - TILE_EXTENT / 2)).toBeLessThanOrEqual(1);
    // Mercator: the middle latitude of the box is not the middle of the tile, but close at z12.
    expect(Math.abs(p.y - TILE_EXTENT / 2)).toBeLessThan(8);
  });

  it('writes polygons clockwise on screen with their holes, clipped to the buffered tile', () => {
    const dx = (e - w) / 4;
    const dy = (n - s) / 4;
    const outer = [
      [w - 10 * dx, s - 10 * dy],
      [e + 10 * dx, s - 10 * dy],
      [e + 10 * dx, n + 10 * dy],
      [w - 10 * dx, n + 10 * dy],
      [w - 10 * dx, s - 10 * dy],
    ] as const;
    const hole = [
      [mid[0] - dx, mid[1] - dy],
      [mid[0] - dx, mid[1] + dy],
      [mid[0] + dx, mid[1] + dy],
      [mid[0] + dx, mid[1] - dy],
      [mid[0] - dx, mid[1] - dy],
    ] as const;
    const t = decode(
      encodeTile(T, [
        {
          name: 'districts',
          features: [{ kind: 'polygon', polygons: [[outer, hole]], props: { code: '530102' } }],
        },
      ]),
    );
    const f = t.layers.districts!.feature(0);
    expect(f.type).toBe(3);
    const rings = f.loadGeometry() as unknown as { x: number; y: number }[][];
    expect(rings).toHaveLength(2);
    const xs = rings[0]!.map((p) => p.x);
    // Clipped: the outer ring ends at the buffer, not 10 tiles away.
    expect(Math.min(...xs)).toBe(-64);
    expect(Math.max(...xs)).toBe(TILE_EXTENT + 64);
    const area = (r: { x: number; y: number }[]) =>
      r.reduce((a, p, i) => {
        const q = r[(i + 1) % r.length]!;
        return a + p.x * q.y - q.x * p.y;
      }, 0);
    expect(area(rings[0]!)).toBeGreaterThan(0);
    expect(area(rings[1]!)).toBeLessThan(0);
  });

  it('leaves out a layer with nothing in the tile', () => {
    const t = decode(
      encodeTile(T, [
        { name: 'empty', features: [{ kind: 'point', at: [0, 0], props: {} }] },
        { name: 'one', features: [{ kind: 'point', at: mid, props: {} }] },
      ]),
    );
    expect(Object.keys(t.layers)).toEqual(['one']);
  });

  it('clips a ring to a square', () => {
    expect(
      clipRing(
        [
          [-10, -10],
          [10, -10],
          [10, 10],
          [-10, 10],
        ],
        0,
        5,
      ),
    ).toEqual(
      expect.arrayContaining([
        [0, 0],
        [5, 0],
        [5, 5],
        [0, 5],
      ]),
    );
  });

  it('thins points that fall in one cell and share a key', () => {
    const p = tileProjector(T);
    expect(p(mid)).toEqual([2048, expect.any(Number)]);
    const pts = [
      { at: mid, c: 'red' },
      { at: [mid[0] + 1e-7, mid[1]] as const, c: 'red' },
      { at: [mid[0] + 1e-7, mid[1]] as const, c: 'green' },
    ];
    expect(thinPoints(T, pts, 4, (f) => f.c).map((f) => f.c)).toEqual(['red', 'green']);
    expect(thinPoints(T, pts, 1, (f) => f.c)).toHaveLength(3);
  });

  it('knows which tiles exist', () => {
    expect(isTileAddress({ z: 0, x: 0, y: 0 })).toBe(true);
    expect(isTileAddress({ z: 2, x: 4, y: 0 })).toBe(false);
    expect(isTileAddress({ z: 23, x: 0, y: 0 })).toBe(false);
    expect(isTileAddress({ z: 1.5, x: 0, y: 0 })).toBe(false);
  });
});
