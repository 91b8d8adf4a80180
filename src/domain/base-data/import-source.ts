import { ok, type Result } from '../shared/index.ts';
import { parseCsv } from '../shared/index.ts';
import { importProblem, type ImportProblem } from './import-problem.ts';
import { parseWkt } from './wkt.ts';

/**
 * An import file (GeoJSON FeatureCollection or CSV) read into uniform records: one per feature or
 * data row, with its properties and its geometry as a GeoJSON geometry object (still unchecked).
 */
export type SourceRecord = {
  /** 0-based feature index, or 0-based CSV data row */
  readonly index: number;
  /** 1-based CSV line where the row starts (header = line 1) */
  readonly line?: number;
  readonly props: Readonly<Record<string, unknown>>;
  readonly geometry: unknown;
};

export type ImportFormat = 'geojson' | 'csv';

/**
 * The records that could be read and the problems found so far. A file-level problem (not JSON,
 * not a FeatureCollection, unsupported CRS, malformed CSV) leaves no records.
 */
export type ReadFile = { readonly records: SourceRecord[]; readonly problems: ImportProblem[] };

const fileProblem = (p: ImportProblem): ReadFile => ({ records: [], problems: [p] });

/** CRS names that mean WGS84 longitude/latitude (the legacy GeoJSON 2008 `crs` member). */
const WGS84_NAMES = new Set([
  'urn:ogc:def:crs:ogc:1.3:crs84',
  'urn:ogc:def:crs:ogc::crs84',
  'crs84',
  'epsg:4326',
  'urn:ogc:def:crs:epsg::4326',
  'urn:ogc:def:crs:epsg:6.6:4326',
  'http://www.opengis.net/def/crs/ogc/1.3/crs84',
  'http://www.opengis.net/def/crs/epsg/0/4326',
]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The name a legacy `crs` member gives, or null when it names WGS84 (or is absent). */
function unsupportedCrs(crs: unknown): string | null {
  if (crs === undefined || crs === null) return null;
  const props = isObject(crs) && isObject(crs.properties) ? crs.properties : undefined;
  const name = props?.name ?? props?.href;
  if (typeof name === 'string' && WGS84_NAMES.has(name.trim().toLowerCase())) return null;
  return typeof name === 'string' ? name : JSON.stringify(crs).slice(0, 80);
}

/** Reads a GeoJSON FeatureCollection; a non-Feature member is a problem at its index. */
export function readGeoJson(input: unknown): ReadFile {
  let doc: unknown = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch (e) {
      return fileProblem(importProblem(null, 'file.not_json', { reason: (e as Error).message }));
    }
  }
  if (!isObject(doc) || doc.type !== 'FeatureCollection' || !Array.isArray(doc.features)) {
    return fileProblem(importProblem(null, 'file.not_feature_collection'));
  }
  const crs = unsupportedCrs(doc.crs);
  if (crs !== null) return fileProblem(importProblem(null, 'file.crs_unsupported', { crs }));
  if (doc.features.length === 0) return fileProblem(importProblem(null, 'file.empty'));
  const problems: ImportProblem[] = [];
  const records: SourceRecord[] = [];
  doc.features.forEach((f: unknown, index) => {
    if (!isObject(f) || f.type !== 'Feature') {
      problems.push(importProblem(index, 'feature.not_feature'));
      return;
    }
    const props = isObject(f.properties) ? f.properties : {};
    // RFC 7946 allows an id member; it stands in for a missing `id`/`code` property.
    const withId = f.id !== undefined && props.id === undefined ? { ...props, id: f.id } : props;
    records.push({ index, props: withId, geometry: f.geometry });
  });
  return { records, problems };
}

const WKT_COLUMNS = ['wkt', 'geometry', 'geom', 'the_geom', 'shape'];
const LNG_COLUMNS = ['lng', 'lon', 'long', 'longitude', 'x', '经度'];
const LAT_COLUMNS = ['lat', 'latitude', 'y', '纬度'];

const findColumn = (header: readonly string[], names: readonly string[]): number =>
  header.findIndex((h) => names.includes(h.trim().toLowerCase()));

/**
 * Reads a CSV file (RFC 4180, UTF-8, optional BOM). Geometry comes from a WKT column
 * (`wkt`/`geometry`/`geom`), or for points from `lng`/`lat` columns. Empty cells are absent values.
 */
export function readCsv(text: string): ReadFile {
  const parsed = parseCsv(text);
  if (!parsed.ok) {
    return fileProblem(importProblem(null, 'file.csv_malformed', { reason: parsed.error.reason }));
  }
  const [header, ...rows] = parsed.value;
  if (!header || rows.length === 0) return fileProblem(importProblem(null, 'file.empty'));
  const names = header.cells.map((h) => h.trim());
  const wkt = findColumn(names, WKT_COLUMNS);
  const lng = findColumn(names, LNG_COLUMNS);
  const lat = findColumn(names, LAT_COLUMNS);
  if (wkt < 0 && (lng < 0 || lat < 0)) {
    return fileProblem(importProblem(null, 'file.csv_missing_column', { column: 'wkt | lng+lat' }));
  }
  const geometryColumns = new Set(wkt >= 0 ? [wkt] : [lng, lat]);
  const problems: ImportProblem[] = [];
  const records: SourceRecord[] = [];
  rows.forEach((row, index) => {
    if (row.cells.length !== names.length) {
      problems.push({
        ...importProblem(index, 'file.csv_column_count', {
          found: row.cells.length,
          expected: names.length,
        }),
        line: row.line,
      });
      return;
    }
    const props: Record<string, unknown> = {};
    names.forEach((n, i) => {
      const v = row.cells[i]?.trim() ?? '';
      if (!geometryColumns.has(i) && v !== '') props[n] = v;
    });
    const geometry = csvGeometry(row.cells, wkt, lng, lat);
    if (!geometry.ok) {
      problems.push({
        ...importProblem(index, 'geometry.wkt_invalid', { reason: geometry.error }),
        line: row.line,
      });
      return;
    }
    records.push({ index, line: row.line, props, geometry: geometry.value });
  });
  return { records, problems };
}

function csvGeometry(
  cells: readonly string[],
  wkt: number,
  lng: number,
  lat: number,
): Result<unknown, string> {
  if (wkt >= 0) {
    const text = cells[wkt]?.trim() ?? '';
    return text === '' ? ok(null) : parseWkt(text);
  }
  const x = cells[lng]?.trim() ?? '';
  const y = cells[lat]?.trim() ?? '';
  if (x === '' && y === '') return ok(null);
  // Number('') is 0 and Number('abc') NaN: keep the raw text so the geometry check names it.
  const num = (v: string): unknown => (v === '' ? null : Number(v));
  return ok({ type: 'Point', coordinates: [num(x), num(y)] });
}

/**
 * The text of an uploaded file: UTF-8 (with or without BOM), or else GB18030, which covers the
 * GBK that Chinese Excel writes when saving "CSV (逗号分隔)".
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

/** Reads an import file of either format. */
export function readImportFile(format: ImportFormat, input: unknown): ReadFile {
  if (format === 'geojson') return readGeoJson(input);
  return typeof input === 'string'
    ? readCsv(input)
    : fileProblem(importProblem(null, 'file.csv_malformed', { reason: 'expected text' }));
}
