import { checkDistrict, checkPrefix, checkShape, COMMUNITY_CODE, GRID_CODE } from './codes.ts';
import { checkPolygonal } from './import-geometry.ts';
import {
  aliasIndex,
  duplicateProblems,
  invalidField,
  readFields,
  readFlag,
  SYNTHETIC_FIELD,
  type FieldSpec,
} from './import-fields.ts';
import type { ImportProblem } from './import-problem.ts';
import type { SourceRecord } from './import-source.ts';
import type { Result } from '../shared/index.ts';
import type { GridRow, LineStringGeometry, MultiPolygonGeometry, PointGeometry } from './types.ts';

/** Import columns/properties of a unit grid (单元网格). */
export const GRID_FIELDS: readonly FieldSpec[] = [
  {
    name: 'code',
    aliases: ['grid_code', 'DYWGBSM', 'WGBM', '网格编码', '单元网格标识码'],
    required: true,
  },
  { name: 'name_zh', aliases: ['name', 'WGMC', '网格名称', '名称'], required: true, max: 100 },
  { name: 'community_code', aliases: ['SZSQDM', '社区编码', '所在社区代码'] },
  { name: 'area_class', aliases: ['区域类别'] },
  SYNTHETIC_FIELD,
];
const ALIASES = aliasIndex(GRID_FIELDS);

/** A record that passed the structural checks, with its feature index. */
export type Draft<R> = { readonly index: number; readonly row: R };

/** A structurally sound geometry of a record refused for its attributes. */
export type LooseGeometry = { readonly index: number; readonly geom: Geometry };
type Geometry = MultiPolygonGeometry | PointGeometry | LineStringGeometry;

/**
 * The drafts that passed, every problem found, and the sound geometries of refused records so
 * that their geometric problems (self-intersection, outside the city) are listed too.
 */
export type Validated<R> = {
  readonly drafts: Draft<R>[];
  readonly problems: ImportProblem[];
  readonly loose: LooseGeometry[];
};

/** One record as read: its row when it passed, its key (code or id) and its problems. */
export type ReadRecord<R> = {
  readonly row: R | null;
  readonly key: string | null;
  readonly problems: ImportProblem[];
};

/**
 * Reads every record and then lists the keys repeated in the file (under `keyField`). `repeated`
 * holds those duplicate problems again, for callers with a second unique key.
 */
export function readRecords<R>(
  records: readonly SourceRecord[],
  read: (r: SourceRecord) => ReadRecord<R>,
  keyField: string,
): { drafts: Draft<R>[]; problems: ImportProblem[]; repeated: ImportProblem[] } {
  const drafts: Draft<R>[] = [];
  const problems: ImportProblem[] = [];
  const keys: { index: number; value: string }[] = [];
  for (const r of records) {
    const g = read(r);
    problems.push(...g.problems);
    if (g.key !== null) keys.push({ index: r.index, value: g.key });
    if (g.row) drafts.push({ index: r.index, row: g.row });
  }
  const repeated = duplicateProblems(keys, keyField);
  problems.push(...repeated);
  return { drafts, problems, repeated };
}

/** The geometries of records without a draft and without a geometry problem. */
export function looseGeometries(
  records: readonly SourceRecord[],
  drafts: readonly Draft<unknown>[],
  problems: readonly ImportProblem[],
  check: (index: number, g: unknown) => Result<Geometry, ImportProblem[]>,
): LooseGeometry[] {
  const drafted = new Set(drafts.map((d) => d.index));
  const badGeometry = new Set(
    problems.filter((p) => p.code.startsWith('geometry.')).map((p) => p.index),
  );
  const out: LooseGeometry[] = [];
  for (const r of records) {
    if (drafted.has(r.index) || badGeometry.has(r.index)) continue;
    const g = check(r.index, r.geometry);
    if (g.ok) out.push({ index: r.index, geom: g.value });
  }
  return out;
}

function readGrid(
  r: SourceRecord,
  district: string | undefined,
): { row: GridRow | null; code: string | null; problems: ImportProblem[] } {
  const { values, problems } = readFields(r.index, r.props, GRID_FIELDS, ALIASES);
  const code = values.code ?? null;
  if (code !== null) {
    problems.push(...checkShape(r.index, 'code', code, GRID_CODE, 15));
    problems.push(...checkDistrict(r.index, 'code', code, district));
  }
  const community = values.community_code ?? null;
  if (community !== null) {
    problems.push(...checkShape(r.index, 'community_code', community, COMMUNITY_CODE, 12));
    if (code !== null) {
      problems.push(...checkPrefix(r.index, 'code', code, 'community_code', community));
    }
  }
  const areaClass = values.area_class ?? '1';
  if (areaClass !== '1' && areaClass !== '2') {
    problems.push(invalidField(r.index, 'area_class', areaClass, '1 或 2', '1 or 2'));
  }
  const synthetic = readFlag(r.index, 'synthetic', values.synthetic ?? null, problems);
  const geom = checkPolygonal(r.index, r.geometry);
  if (!geom.ok) problems.push(...geom.error);
  if (problems.length > 0 || code === null || !geom.ok) return { row: null, code, problems };
  return {
    code,
    problems,
    row: {
      code,
      districtCode: code.slice(0, 6),
      streetCode: code.slice(0, 9),
      communityCode: code.slice(0, 12),
      nameZh: values.name_zh ?? '',
      areaClass: areaClass === '2' ? 2 : 1,
      synthetic,
      geom: geom.value,
    },
  };
}

/**
 * Structural checks of unit grids: required attributes, 15-digit codes whose first 12 digits are
 * the community's, district of the import, polygon shape and ring closure, codes unique in the file.
 */
export function validateGridRecords(
  records: readonly SourceRecord[],
  opts: { readonly district?: string | undefined } = {},
): Validated<GridRow> {
  const read = (r: SourceRecord) => {
    const g = readGrid(r, opts.district);
    return { ...g, key: g.code };
  };
  const { drafts, problems } = readRecords(records, read, 'code');
  return { drafts, problems, loose: looseGeometries(records, drafts, problems, checkPolygonal) };
}
