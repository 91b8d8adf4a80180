import { err, ok, type Result } from '../shared/index.ts';
import type { LineStringGeometry, MultiPolygonGeometry, PointGeometry, Position } from './types.ts';

/**
 * Well-known text for the geometries the base data uses (POINT, LINESTRING, POLYGON, MULTIPOLYGON),
 * read into GeoJSON geometry objects and written back. An EWKT `SRID=4326;` prefix is accepted;
 * any other SRID is refused. Z/M ordinates are dropped. Numbers are kept as read (NaN included)
 * so that the geometry checks can name the problem.
 */

type Nested = number[] | Nested[];

const TYPES = ['POINT', 'LINESTRING', 'POLYGON', 'MULTIPOLYGON'] as const;
type WktType = (typeof TYPES)[number];
const DEPTH: Readonly<Record<WktType, number>> = {
  POINT: 1,
  LINESTRING: 1,
  POLYGON: 2,
  MULTIPOLYGON: 3,
};

/** Parses one WKT/EWKT geometry into a GeoJSON geometry object (coordinates unchecked). */
export function parseWkt(text: string): Result<unknown, string> {
  let body = text.trim();
  const srid = /^SRID=(\d+);/i.exec(body);
  if (srid) {
    if (srid[1] !== '4326') return err(`SRID ${srid[1]} is not WGS84 (4326)`);
    body = body.slice(srid[0].length);
  }
  const head = /^([A-Za-z]+)\s*(?:Z|M|ZM)?\s*(?=\()/i.exec(body);
  const type = head?.[1]?.toUpperCase();
  if (!head || !TYPES.includes(type as WktType)) {
    return err('expected POINT, LINESTRING, POLYGON or MULTIPOLYGON (…)');
  }
  const tokens = body.slice(head[0].length).match(/\(|\)|,|[^\s(),]+/g) ?? [];
  let pos = 0;
  const group = (): Nested => {
    if (tokens[pos] !== '(') throw new Error(`expected "(" at token ${pos + 1}`);
    pos++;
    const items: Nested[] = [];
    for (;;) {
      if (tokens[pos] === '(') items.push(group());
      else {
        const nums: number[] = [];
        while (pos < tokens.length && !['(', ')', ','].includes(tokens[pos] ?? '')) {
          nums.push(Number(tokens[pos]));
          pos++;
        }
        if (nums.length < 2) throw new Error(`expected a coordinate pair at token ${pos + 1}`);
        items.push(nums.slice(0, 2));
      }
      const t = tokens[pos++];
      if (t === ')') return items;
      if (t !== ',') throw new Error(`expected "," or ")" at token ${pos}`);
    }
  };
  try {
    const g = group();
    if (pos !== tokens.length) return err('unexpected text after the geometry');
    const wktType = type as WktType;
    const depth = depthOf(g);
    if (depth !== DEPTH[wktType] || (wktType === 'POINT' && g.length !== 1)) {
      return err(`${wktType} has the wrong nesting of parentheses`);
    }
    return ok(toGeoJson(wktType, g));
  } catch (e) {
    return err((e as Error).message);
  }
}

function depthOf(n: Nested): number {
  const first = n[0];
  if (first === undefined || typeof first === 'number') return 0;
  return 1 + depthOf(first);
}

function toGeoJson(type: WktType, g: Nested): unknown {
  switch (type) {
    case 'POINT':
      return { type: 'Point', coordinates: g[0] };
    case 'LINESTRING':
      return { type: 'LineString', coordinates: g };
    case 'POLYGON':
      return { type: 'Polygon', coordinates: g };
    case 'MULTIPOLYGON':
      return { type: 'MultiPolygon', coordinates: g };
  }
}

const pos = (p: Position): string => `${p[0]} ${p[1]}`;
const list = (ps: readonly Position[]): string => `(${ps.map(pos).join(', ')})`;

/** Writes a geometry as WKT with full number precision. */
export function toWkt(g: PointGeometry | LineStringGeometry | MultiPolygonGeometry): string {
  switch (g.type) {
    case 'Point':
      return `POINT (${pos(g.coordinates)})`;
    case 'LineString':
      return `LINESTRING ${list(g.coordinates)}`;
    case 'MultiPolygon':
      return `MULTIPOLYGON (${g.coordinates.map((p) => `(${p.map(list).join(', ')})`).join(', ')})`;
  }
}
