import { describe, expect, it } from 'vitest';
import {
  buildGridIndex,
  findGridAt,
  haversineM,
  locateInIndex,
  nearestGrid,
  type GridShape,
  type MultiPolygonCoords,
} from './index.ts';

const X = (i: number) => 102.7 + i * 0.01;
const Y = (j: number) => 25.0 + j * 0.01;
const rect = (x0: number, y0: number, x1: number, y1: number) => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];
const grid = (code: string, polygons: MultiPolygonCoords): GridShape => ({ code, polygons });

/**
 * A 3×1 row of squares A | B | C, an L-shaped grid D over A and B, a grid E over C with a hole,
 * and an island grid F filling E's hole:
 *
 *   y2 +------D------+--E---+
 *      |   (L-shape) | [F]  |
 *   y1 +------+      +------+
 *      |  A   |  B   |  C   |
 *   y0 +------+------+------+
 *      x0     x1     x2     x3
 * (D covers x0..x2 between y1 and y2, plus nothing of B: B is x1..x2, y0..y1.)
 */
const A = grid('530102001001001', [[rect(X(0), Y(0), X(1), Y(1))]]);
const B = grid('530102001001002', [[rect(X(1), Y(0), X(2), Y(1))]]);
const C = grid('530102001001003', [[rect(X(2), Y(0), X(3), Y(1))]]);
const D = grid('530102001002001', [
  [
    [
      [X(0), Y(1)],
      [X(1), Y(1)],
      [X(2), Y(1)],
      [X(2), Y(2)],
      [X(0), Y(2)],
      [X(0), Y(1)],
    ],
  ],
]);
const holeX0 = X(2) + 0.003;
const holeX1 = X(2) + 0.007;
const holeY0 = Y(1) + 0.003;
const holeY1 = Y(1) + 0.007;
const E = grid('530102001002002', [
  [rect(X(2), Y(1), X(3), Y(2)), rect(holeX0, holeY0, holeX1, holeY1).reverse()],
]);
const F = grid('530102001002003', [[rect(holeX0, holeY0, holeX1, holeY1)]]);
const tiling = [E, C, A, F, D, B];
const index = buildGridIndex(tiling);
const codeAt = (lng: number, lat: number) => findGridAt(index, lng, lat)?.code;

describe('grid locate index', () => {
  it.each([
    ['inside A', X(0) + 0.005, Y(0) + 0.005, A],
    ['inside B', X(1) + 0.005, Y(0) + 0.005, B],
    ['inside the L-shaped D above A', X(0) + 0.002, Y(1) + 0.008, D],
    ['inside the L-shaped D above B', X(1) + 0.009, Y(1) + 0.001, D],
    ['inside E next to its hole', X(2) + 0.001, Y(1) + 0.005, E],
    ['inside the hole of E, on the island F', X(2) + 0.005, Y(1) + 0.005, F],
  ])('finds the grid of a point %s', (_where, lng, lat, expected) => {
    expect(codeAt(lng, lat)).toBe(expected.code);
  });

  it.each([
    ['the vertical edge A|B', X(1), Y(0) + 0.005, B],
    ['the vertical edge B|C', X(2), Y(0) + 0.005, C],
    ['the horizontal edge A/D', X(0) + 0.005, Y(1), D],
    ['the horizontal edge C/E', X(2) + 0.005, Y(1), E],
    ['the vertex shared by A, B and D', X(1), Y(1), D],
    ['the vertex shared by B, C, D and E', X(2), Y(1), E],
    ['the west edge of the hole (E|F)', holeX0, Y(1) + 0.005, F],
    ['the east edge of the hole (F|E)', holeX1, Y(1) + 0.005, E],
    ['the south edge of the hole (E/F)', X(2) + 0.005, holeY0, F],
    ['the north edge of the hole (F/E)', X(2) + 0.005, holeY1, E],
    ['the south-west corner of the hole', holeX0, holeY0, F],
  ])(
    'resolves a point exactly on %s to the grid east (or north) of it',
    (_where, lng, lat, expected) => {
      expect(codeAt(lng, lat)).toBe(expected.code);
    },
  );

  it.each([
    ['west edge of A', X(0), Y(0) + 0.005, A],
    ['east edge of C', X(3), Y(0) + 0.005, C],
    ['north edge of D', X(0) + 0.005, Y(2), D],
    ['south-west corner of A', X(0), Y(0), A],
    ['north-east corner of E', X(3), Y(2), E],
  ])(
    'gives a point on the outer boundary (%s) to the grid it touches',
    (_where, lng, lat, expected) => {
      expect(locateInIndex(index, lng, lat)).toEqual({ ok: true, value: expected });
    },
  );

  it('reports a point east of the tiling as outside all grids, with the nearest grid and its distance', () => {
    const lng = X(3) + 0.001;
    const lat = Y(0) + 0.005;
    const r = locateInIndex(index, lng, lat);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('geo.outside_all_grids');
    expect(r.error.details.nearestGridCode).toBe(C.code);
    // 0.001° of longitude at 25.005°N on the mean-radius sphere.
    expect(r.error.details.distanceM).toBeCloseTo(haversineM(X(3), lat, lng, lat), 1);
    expect(r.error.details.distanceM).toBeCloseTo(100.77, 0);
  });

  it('measures the distance to the nearest corner for a point diagonally outside', () => {
    const near = nearestGrid(index, X(0) - 0.003, Y(0) - 0.004);
    expect(near?.grid.code).toBe(A.code);
    expect(near?.nearest.lng).toBeCloseTo(X(0), 12);
    expect(near?.nearest.lat).toBeCloseTo(Y(0), 12);
    expect(near?.nearest.distanceM).toBeCloseTo(
      haversineM(X(0) - 0.003, Y(0) - 0.004, X(0), Y(0)),
      6,
    );
  });

  it('finds the nearest grid for a point far from the city', () => {
    const r = locateInIndex(index, 0, 0);
    expect(r).toMatchObject({ ok: false, error: { details: { nearestGridCode: A.code } } });
  });

  it.each([
    [Number.NaN, 25],
    [102.7, Number.NaN],
  ])('finds no grid for a non-number coordinate (%s, %s)', (lng, lat) => {
    expect(findGridAt(index, lng, lat)).toBeUndefined();
  });

  it('answers outside with no nearest grid when the index is empty', () => {
    expect(locateInIndex(buildGridIndex([]), 102.7, 25)).toEqual({
      ok: false,
      error: {
        code: 'geo.outside_all_grids',
        details: { nearestGridCode: null, distanceM: null, point: { lng: 102.7, lat: 25 } },
      },
    });
  });

  it('gives overlapping grids (invalid data) to the lowest code, whatever the input order', () => {
    const low = grid('530102001001001', [[rect(0, 0, 2, 2)]]);
    const high = grid('530102001001002', [[rect(1, 1, 3, 3)]]);
    expect(findGridAt(buildGridIndex([high, low]), 1.5, 1.5)?.code).toBe(low.code);
  });
});

/** A 10×10 mesh of quadrilaterals whose shared vertices are jittered, so edges run at odd angles. */
function jitteredMesh(n: number): GridShape[] {
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const vx: number[][] = [];
  const vy: number[][] = [];
  for (let i = 0; i <= n; i++) {
    vx.push([]);
    vy.push([]);
    for (let j = 0; j <= n; j++) {
      const inner = i > 0 && i < n && j > 0 && j < n;
      vx[i]!.push(102.6 + i * 0.003 + (inner ? (rnd() - 0.5) * 0.0015 : 0));
      vy[i]!.push(24.9 + j * 0.003 + (inner ? (rnd() - 0.5) * 0.0015 : 0));
    }
  }
  const grids: GridShape[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const corners = [
        [i, j],
        [i + 1, j],
        [i + 1, j + 1],
        [i, j + 1],
        [i, j],
      ].map(([a, b]) => [vx[a!]![b!]!, vy[a!]![b!]!]);
      grids.push(grid(`530102001001${String(i * n + j).padStart(3, '0')}`, [[corners]]));
    }
  }
  return grids;
}

describe('grid locate index on a mesh with sloped shared edges', () => {
  const n = 10;
  const mesh = jitteredMesh(n);
  const single = mesh.map((g) => buildGridIndex([g]));
  const whole = buildGridIndex(mesh);
  const vertices = mesh.flatMap((g) => g.polygons[0]![0]!.slice(0, 4));

  it('puts every shared vertex of the mesh in exactly one grid', () => {
    const interior = vertices.filter(
      ([x, y]) =>
        x! > 102.6 && x! < 102.6 + n * 0.003 - 1e-9 && y! > 24.9 && y! < 24.9 + n * 0.003 - 1e-9,
    );
    expect(interior.length).toBeGreaterThan(0);
    for (const [x, y] of interior) {
      const holders = single.filter((ix) => findGridAt(ix, x!, y!) !== undefined);
      expect(holders).toHaveLength(1);
      expect(findGridAt(whole, x!, y!)?.code).toBe(holders[0]!.grids[0]!.code);
    }
  });

  it('puts points along the shared edges in exactly one grid', () => {
    // Points on each edge at its vertex latitudes and at fractions of its extent.
    for (const g of mesh) {
      const ring = g.polygons[0]![0]!;
      for (let k = 0; k < 4; k++) {
        const [ax, ay] = ring[k]!;
        const [bx, by] = ring[k + 1]!;
        for (const t of [0.25, 0.5, 0.75]) {
          const x = ax! + t * (bx! - ax!);
          const y = ay! + t * (by! - ay!);
          const holders = single.filter((ix) => findGridAt(ix, x, y) !== undefined).length;
          const onOuterEdge =
            x <= 102.6 ||
            y <= 24.9 ||
            x >= 102.6 + n * 0.003 - 1e-12 ||
            y >= 24.9 + n * 0.003 - 1e-12;
          if (onOuterEdge) expect(holders).toBeLessThanOrEqual(1);
          else expect(holders).toBe(1);
        }
      }
    }
  });

  it('agrees with testing each grid alone for random points', () => {
    let seed = 7;
    for (let k = 0; k < 2000; k++) {
      seed = (seed * 48271) % 2147483647;
      const x = 102.6 + (seed / 2147483647) * n * 0.003;
      seed = (seed * 48271) % 2147483647;
      const y = 24.9 + (seed / 2147483647) * n * 0.003;
      const holders = single.filter((ix) => findGridAt(ix, x, y) !== undefined);
      expect(holders).toHaveLength(1);
      expect(findGridAt(whole, x, y)?.code).toBe(holders[0]!.grids[0]!.code);
    }
  });
});
