import { err, ok, type Result } from '../shared/index.ts';
import { importProblem, type ImportProblem } from './import-problem.ts';
import type {
  LinearRing,
  LineStringGeometry,
  MultiPolygonGeometry,
  PointGeometry,
  Position,
} from './types.ts';

/**
 * Structural checks of GeoJSON geometries (RFC 7946) that need no geometry engine: shape of the
 * coordinate arrays, finite numbers, longitude/latitude ranges (projected metres are refused),
 * ring closure and length. Validity in the OGC sense (self-intersection) is checked in PostGIS.
 */

export type GeometryExpectation = 'polygonal' | 'point' | 'line';

type Checked<G> = Result<G, ImportProblem[]>;

const EXPECTED_TYPES: Readonly<Record<GeometryExpectation, string>> = {
  polygonal: 'Polygon/MultiPolygon',
  point: 'Point',
  line: 'LineString',
};

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Internal: carries the first structural problem out of the recursive readers. */
class ShapeError extends Error {
  constructor(readonly problem: ImportProblem) {
    super(problem.code);
  }
}

/** Reads one position; altitude and further members are dropped (RFC 7946 §3.1.1). */
function position(index: number, v: unknown): Position {
  if (!Array.isArray(v) || v.length < 2) {
    throw new ShapeError(
      importProblem(index, 'geometry.malformed', { reason: 'position needs [lng, lat]' }),
    );
  }
  const [x, y] = v as unknown[];
  if (
    typeof x !== 'number' ||
    typeof y !== 'number' ||
    !Number.isFinite(x) ||
    !Number.isFinite(y)
  ) {
    throw new ShapeError(importProblem(index, 'geometry.not_a_number'));
  }
  if (Math.abs(x) > 180 || Math.abs(y) > 90) {
    throw new ShapeError(importProblem(index, 'geometry.projected_coordinates', { x, y }));
  }
  return [x, y];
}

function positions(index: number, v: unknown, what: string): Position[] {
  if (!Array.isArray(v)) {
    throw new ShapeError(
      importProblem(index, 'geometry.malformed', { reason: `${what} is not an array` }),
    );
  }
  return v.map((p) => position(index, p));
}

function ring(index: number, v: unknown, ringNo: number): LinearRing {
  const r = positions(index, v, 'ring');
  if (r.length < 4)
    throw new ShapeError(importProblem(index, 'geometry.ring_too_short', { ring: ringNo }));
  const first = r[0];
  const last = r[r.length - 1];
  if (!first || !last || first[0] !== last[0] || first[1] !== last[1]) {
    throw new ShapeError(importProblem(index, 'geometry.ring_unclosed', { ring: ringNo }));
  }
  return r;
}

function polygon(index: number, v: unknown, firstRingNo: number): LinearRing[] {
  if (!Array.isArray(v) || v.length === 0) {
    throw new ShapeError(
      importProblem(index, 'geometry.malformed', { reason: 'polygon needs at least one ring' }),
    );
  }
  return v.map((r, i) => ring(index, r, firstRingNo + i));
}

function multiPolygon(index: number, type: string, coords: unknown): MultiPolygonGeometry {
  if (type === 'Polygon') return { type: 'MultiPolygon', coordinates: [polygon(index, coords, 1)] };
  if (!Array.isArray(coords) || coords.length === 0) {
    throw new ShapeError(
      importProblem(index, 'geometry.malformed', { reason: 'MultiPolygon needs polygons' }),
    );
  }
  let ringNo = 1;
  const polys = coords.map((p) => {
    const rings = polygon(index, p, ringNo);
    ringNo += rings.length;
    return rings;
  });
  return { type: 'MultiPolygon', coordinates: polys };
}

const ACCEPTED: Readonly<Record<GeometryExpectation, readonly string[]>> = {
  polygonal: ['Polygon', 'MultiPolygon'],
  point: ['Point'],
  line: ['LineString'],
};

function readGeometry(
  index: number,
  g: unknown,
  expect: GeometryExpectation,
): MultiPolygonGeometry | PointGeometry | LineStringGeometry {
  if (g === null || g === undefined) throw new ShapeError(importProblem(index, 'geometry.missing'));
  const type = isObject(g) ? g.type : undefined;
  if (typeof type !== 'string' || !ACCEPTED[expect].includes(type)) {
    throw new ShapeError(
      importProblem(index, 'geometry.wrong_type', {
        found: typeof type === 'string' ? type : typeof g,
        expected: EXPECTED_TYPES[expect],
      }),
    );
  }
  const coords = (g as Record<string, unknown>).coordinates;
  switch (expect) {
    case 'polygonal':
      return multiPolygon(index, type, coords);
    case 'point':
      return { type: 'Point', coordinates: position(index, coords) };
    case 'line': {
      const line = positions(index, coords, 'LineString');
      if (line.length < 2) {
        throw new ShapeError(
          importProblem(index, 'geometry.malformed', { reason: 'LineString needs 2 positions' }),
        );
      }
      return { type: 'LineString', coordinates: line };
    }
  }
}

function check<G>(index: number, g: unknown, expect: GeometryExpectation): Checked<G> {
  try {
    return ok(readGeometry(index, g, expect) as G);
  } catch (e) {
    if (e instanceof ShapeError) return err([e.problem]);
    throw e;
  }
}

/** A Polygon or MultiPolygon, returned as a MultiPolygon (the grids/regions column type). */
export const checkPolygonal = (index: number, g: unknown): Checked<MultiPolygonGeometry> =>
  check(index, g, 'polygonal');

export const checkPoint = (index: number, g: unknown): Checked<PointGeometry> =>
  check(index, g, 'point');

export const checkLineString = (index: number, g: unknown): Checked<LineStringGeometry> =>
  check(index, g, 'line');
