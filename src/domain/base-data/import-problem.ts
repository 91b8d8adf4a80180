/**
 * Problems found while validating an import file. An import is refused as a whole when any problem
 * is found (issue #2 "Bad input"); every problem names the feature (0-based index in the
 * FeatureCollection, or the 0-based data row of a CSV file) and a reason in Chinese and English.
 */

type Params = Readonly<Record<string, string | number>>;
type Message = (p: Params) => { readonly zh: string; readonly en: string };

const s = (p: Params, k: string): string => String(p[k] ?? '');

/** Every problem code with its zh/en reason. A code without a message fails to compile. */
const MESSAGES = {
  'file.not_json': (p) => ({
    zh: `文件不是合法的 JSON：${s(p, 'reason')}`,
    en: `The file is not valid JSON: ${s(p, 'reason')}`,
  }),
  'file.not_feature_collection': () => ({
    zh: '文件不是 GeoJSON FeatureCollection（RFC 7946）',
    en: 'The file is not a GeoJSON FeatureCollection (RFC 7946)',
  }),
  'file.crs_unsupported': (p) => ({
    zh: `坐标参考系 ${s(p, 'crs')} 不受支持，只接受 WGS84 经纬度（CRS84 / EPSG:4326）`,
    en: `Coordinate reference system ${s(p, 'crs')} is not supported; only WGS84 longitude/latitude (CRS84 / EPSG:4326)`,
  }),
  'file.empty': () => ({ zh: '文件中没有要素或数据行', en: 'The file holds no features or rows' }),
  'file.csv_malformed': (p) => ({
    zh: `CSV 格式错误：${s(p, 'reason')}`,
    en: `Malformed CSV: ${s(p, 'reason')}`,
  }),
  'file.csv_missing_column': (p) => ({
    zh: `CSV 缺少列：${s(p, 'column')}`,
    en: `The CSV lacks the column: ${s(p, 'column')}`,
  }),
  'file.csv_column_count': (p) => ({
    zh: `该行有 ${s(p, 'found')} 列，表头有 ${s(p, 'expected')} 列`,
    en: `The row has ${s(p, 'found')} columns, the header ${s(p, 'expected')}`,
  }),
  'feature.not_feature': () => ({
    zh: '不是 GeoJSON Feature 对象',
    en: 'Not a GeoJSON Feature object',
  }),
  'geometry.missing': () => ({ zh: '缺少几何图形', en: 'The geometry is missing' }),
  'geometry.wrong_type': (p) => ({
    zh: `几何类型为 ${s(p, 'found')}，应为 ${s(p, 'expected')}`,
    en: `Geometry type is ${s(p, 'found')}; expected ${s(p, 'expected')}`,
  }),
  'geometry.malformed': (p) => ({
    zh: `坐标结构错误：${s(p, 'reason')}`,
    en: `Malformed coordinates: ${s(p, 'reason')}`,
  }),
  'geometry.not_a_number': () => ({
    zh: '坐标含有非数值（NaN、Infinity 或文本）',
    en: 'A coordinate is not a finite number (NaN, Infinity or text)',
  }),
  'geometry.projected_coordinates': (p) => ({
    zh: `坐标 (${s(p, 'x')}, ${s(p, 'y')}) 超出经纬度范围，疑似投影坐标；请转换为 WGS84 经纬度`,
    en: `Coordinate (${s(p, 'x')}, ${s(p, 'y')}) is outside longitude/latitude range and looks projected; convert to WGS84 longitude/latitude`,
  }),
  'geometry.ring_unclosed': (p) => ({
    zh: `第 ${s(p, 'ring')} 个环未闭合（首末点不同）`,
    en: `Ring ${s(p, 'ring')} is not closed (first and last positions differ)`,
  }),
  'geometry.ring_too_short': (p) => ({
    zh: `第 ${s(p, 'ring')} 个环少于 4 个点`,
    en: `Ring ${s(p, 'ring')} has fewer than 4 positions`,
  }),
  'geometry.wkt_invalid': (p) => ({
    zh: `WKT 无法解析：${s(p, 'reason')}`,
    en: `The WKT cannot be parsed: ${s(p, 'reason')}`,
  }),
  'geometry.invalid': (p) => ({
    zh: `几何图形无效（如自相交）：${s(p, 'reason')}`,
    en: `The geometry is invalid (e.g. self-intersection): ${s(p, 'reason')}`,
  }),
  'geometry.outside_city': () => ({
    zh: '坐标位于本市范围之外',
    en: 'The coordinates lie outside the city',
  }),
  'field.missing': (p) => ({
    zh: `缺少必填属性 ${s(p, 'field')}`,
    en: `The required attribute ${s(p, 'field')} is missing`,
  }),
  'field.too_long': (p) => ({
    zh: `属性 ${s(p, 'field')} 超过 ${s(p, 'max')} 个字符`,
    en: `The attribute ${s(p, 'field')} is longer than ${s(p, 'max')} characters`,
  }),
  'field.invalid': (p) => ({
    zh: `属性 ${s(p, 'field')} 的值“${s(p, 'value')}”无效，应为 ${s(p, 'expectedZh')}`,
    en: `The attribute ${s(p, 'field')} has the invalid value "${s(p, 'value')}"; expected ${s(p, 'expectedEn')}`,
  }),
  'code.wrong_shape': (p) => ({
    zh: `编码“${s(p, 'value')}”格式错误，应为 ${s(p, 'expectedZh')}`,
    en: `The code "${s(p, 'value')}" has the wrong shape; expected ${s(p, 'expectedEn')}`,
  }),
  'code.prefix_mismatch': (p) => ({
    zh: `编码“${s(p, 'value')}”与 ${s(p, 'other')}“${s(p, 'otherValue')}”不一致`,
    en: `The code "${s(p, 'value')}" does not match ${s(p, 'other')} "${s(p, 'otherValue')}"`,
  }),
  'code.district_mismatch': (p) => ({
    zh: `编码“${s(p, 'value')}”不属于区县 ${s(p, 'district')}`,
    en: `The code "${s(p, 'value')}" is not in district ${s(p, 'district')}`,
  }),
  'code.duplicate_in_file': (p) => ({
    zh: `编码“${s(p, 'value')}”与第 ${s(p, 'firstIndex')} 条重复`,
    en: `The code "${s(p, 'value')}" repeats feature ${s(p, 'firstIndex')}`,
  }),
  'code.exists': (p) => ({
    zh: `编码“${s(p, 'value')}”已存在`,
    en: `The code "${s(p, 'value')}" already exists`,
  }),
  'component.legacy_code_unmapped': (p) => ({
    zh: `旧版 16 位标识码“${s(p, 'value')}”的小类 ${s(p, 'legacyCategory')} 没有对应的新版类别，无法转换为 17 位`,
    en: `Legacy 16-digit identifier "${s(p, 'value')}": small class ${s(p, 'legacyCategory')} has no mapping to the current catalogue, so it cannot become 17 digits`,
  }),
  'component.unknown_category': (p) => ({
    zh: `部件类别 ${s(p, 'category')} 不在部件目录中`,
    en: `Component category ${s(p, 'category')} is not in the catalogue`,
  }),
  'grid.community_unknown': (p) => ({
    zh: `社区 ${s(p, 'community')} 不存在`,
    en: `Community ${s(p, 'community')} does not exist`,
  }),
  'grid.outside_community': (p) => ({
    zh: `网格超出所属社区 ${s(p, 'community')} 的范围`,
    en: `The grid extends beyond its community ${s(p, 'community')}`,
  }),
  'grid.overlap': (p) => ({
    zh: `网格与网格 ${s(p, 'other')} 重叠`,
    en: `The grid overlaps grid ${s(p, 'other')}`,
  }),
  'grid.community_gap': (p) => ({
    zh: `社区 ${s(p, 'community')} 的网格未铺满社区，留有空隙（约 ${s(p, 'areaM2')} 平方米）`,
    en: `The grids of community ${s(p, 'community')} leave a gap (about ${s(p, 'areaM2')} m²)`,
  }),
  'region.parent_unknown': (p) => ({
    zh: `上级区划 ${s(p, 'parent')} 不存在（应为${s(p, 'levelZh')}）`,
    en: `The parent region ${s(p, 'parent')} does not exist (expected a ${s(p, 'levelEn')})`,
  }),
  'region.outside_parent': (p) => ({
    zh: `区划超出上级区划 ${s(p, 'parent')} 的范围`,
    en: `The region extends beyond its parent ${s(p, 'parent')}`,
  }),
  'region.overlap': (p) => ({
    zh: `区划与同级区划 ${s(p, 'other')} 重叠`,
    en: `The region overlaps its sibling ${s(p, 'other')}`,
  }),
  'location.grid_unknown': (p) => ({
    zh: `网格 ${s(p, 'grid')} 不存在`,
    en: `Grid ${s(p, 'grid')} does not exist`,
  }),
  'location.not_in_grid': (p) => ({
    zh: `位置不在所填网格 ${s(p, 'grid')} 内`,
    en: `The location is not inside the stated grid ${s(p, 'grid')}`,
  }),
  'location.outside_all_grids': () => ({
    zh: '位置不在任何网格内',
    en: 'The location is outside every grid',
  }),
  'db.refused': (p) => ({
    zh: `数据库拒绝写入：${s(p, 'reason')}`,
    en: `The database refused the rows: ${s(p, 'reason')}`,
  }),
} satisfies Record<string, Message>;

export type ImportProblemCode = keyof typeof MESSAGES;

/**
 * One reason an import is refused. `index` is the 0-based feature or CSV data row; null for the
 * file as a whole. `line` is the 1-based CSV line where the row starts (header = line 1).
 */
export type ImportProblem = {
  readonly index: number | null;
  readonly line?: number;
  readonly field?: string;
  readonly code: ImportProblemCode;
  readonly reasonZh: string;
  readonly reasonEn: string;
};

/** Builds a problem with its zh/en reason. */
export function importProblem(
  index: number | null,
  code: ImportProblemCode,
  params: Params = {},
  field?: string,
): ImportProblem {
  const m = MESSAGES[code](params);
  return {
    index,
    code,
    reasonZh: m.zh,
    reasonEn: m.en,
    ...(field !== undefined ? { field } : {}),
  };
}

/** How many problems an answer lists at most; the total count is always given. */
export const MAX_LISTED_PROBLEMS = 1000;

export type ImportRefusal = {
  readonly code: 'import.invalid';
  readonly details: {
    readonly count: number;
    readonly listed: number;
    readonly problems: readonly ImportProblem[];
  };
};

/** The refusal of a whole import: problems ordered by index (file-level first), capped. */
export function refuseImport(problems: readonly ImportProblem[]): ImportRefusal {
  const sorted = [...problems].sort((a, b) => (a.index ?? -1) - (b.index ?? -1));
  const listed = sorted.slice(0, MAX_LISTED_PROBLEMS);
  return {
    code: 'import.invalid',
    details: { count: problems.length, listed: listed.length, problems: listed },
  };
}
