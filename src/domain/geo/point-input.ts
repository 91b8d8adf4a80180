import { err, ok, type Result } from '../shared/index.ts';
import { CRS_VALUES, type Crs } from './coords.ts';
import type { InvalidBbox, InvalidCoordinates, InvalidCrs } from './errors.ts';

/** A point as it arrives from outside (query strings, JSON bodies): values are not trusted yet. */
export type PointInput = { readonly lng?: unknown; readonly lat?: unknown; readonly crs?: unknown };
export type Point = { readonly lng: number; readonly lat: number; readonly crs: Crs };
/** [minLng, minLat, maxLng, maxLat] in WGS84. */
export type Bbox = readonly [number, number, number, number];

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Reads a number from a JSON number or a decimal string; NaN when it is neither. */
function readNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && DECIMAL.test(value.trim())) return Number(value.trim());
  return Number.NaN;
}

function readCoordinate(
  field: 'lng' | 'lat',
  value: unknown,
  limit: number,
): Result<number, InvalidCoordinates> {
  const fail = (reason: InvalidCoordinates['details']['reason']) =>
    err<InvalidCoordinates>({ code: 'geo.invalid_coordinates', details: { field, value, reason } });
  if (value === undefined || value === null || value === '') return fail('missing');
  const n = readNumber(value);
  if (Number.isNaN(n)) return fail('not_a_number');
  if (!Number.isFinite(n)) return fail('not_finite');
  if (n < -limit || n > limit) return fail('out_of_range');
  return ok(n);
}

/** Reads a `crs` value; absent means WGS84. */
export function parseCrs(value: unknown): Result<Crs, InvalidCrs> {
  if (value === undefined || value === null || value === '') return ok('wgs84');
  const found = CRS_VALUES.find((c) => c === value);
  return found !== undefined
    ? ok(found)
    : err({ code: 'geo.invalid_crs', details: { value, allowed: CRS_VALUES } });
}

/** Validates a point: finite numbers, lng in [-180, 180], lat in [-90, 90], a known crs. */
export function parsePoint(input: PointInput): Result<Point, InvalidCoordinates | InvalidCrs> {
  const lng = readCoordinate('lng', input.lng, 180);
  if (!lng.ok) return lng;
  const lat = readCoordinate('lat', input.lat, 90);
  if (!lat.ok) return lat;
  const crs = parseCrs(input.crs);
  if (!crs.ok) return crs;
  return ok({ lng: lng.value, lat: lat.value, crs: crs.value });
}

/** Parses `minLng,minLat,maxLng,maxLat` (WGS84) into a box with min ≤ max. */
export function parseBbox(value: unknown): Result<Bbox, InvalidBbox> {
  const fail = (reason: string) =>
    err<InvalidBbox>({ code: 'geo.invalid_bbox', details: { value, reason } });
  if (typeof value !== 'string') return fail('expected "minLng,minLat,maxLng,maxLat"');
  const parts = value.split(',').map(readNumber);
  const [minLng, minLat, maxLng, maxLat] = parts;
  if (
    parts.length !== 4 ||
    minLng === undefined ||
    minLat === undefined ||
    maxLng === undefined ||
    maxLat === undefined
  ) {
    return fail('expected four numbers');
  }
  if (!parts.every(Number.isFinite)) return fail('not finite numbers');
  if (
    Math.abs(minLng) > 180 ||
    Math.abs(maxLng) > 180 ||
    Math.abs(minLat) > 90 ||
    Math.abs(maxLat) > 90
  ) {
    return fail('out of range');
  }
  if (minLng > maxLng || minLat > maxLat) return fail('min greater than max');
  return ok([minLng, minLat, maxLng, maxLat]);
}
