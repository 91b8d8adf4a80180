import {
  checkDistrict,
  checkPrefix,
  checkShape,
  COMMUNITY_CODE,
  GRID_CODE,
  readComponentCode,
  STREET_CODE,
  type ComponentCategoryLookup,
} from './codes.ts';
import { looseGeometries, readRecords, type Validated } from './grid-import.ts';
import { checkPoint } from './import-geometry.ts';
import {
  aliasIndex,
  duplicateProblems,
  invalidField,
  parseDate,
  readFields,
  type FieldSpec,
  type FieldValues,
} from './import-fields.ts';
import type { ImportProblem } from './import-problem.ts';
import type { SourceRecord } from './import-source.ts';
import type { AccuracyClass, ComponentRow, ComponentStatus } from './types.ts';

/**
 * The 18 component attributes of GB/T 47678.5-2026 Table 2 (abbreviation, Chinese name, length,
 * M/C/O) plus gridloop's own columns. The canonical name is the export column; the abbreviations
 * and Chinese names are accepted on import. SZDYWGBSM is mandatory in the standard but may be left
 * out on import: the grid is then resolved from the point.
 */
export const COMPONENT_FIELDS: readonly FieldSpec[] = [
  { name: 'code', aliases: ['GLBJBSM', '管理部件标识码'], required: true },
  { name: 'name_zh', aliases: ['GLBJMC', '管理部件名称', 'name'], required: true, max: 30 },
  { name: 'competent_dept_code', aliases: ['ZGBMDM', '主管部门代码'], required: true, max: 18 },
  { name: 'competent_dept_name', aliases: ['ZGBMMC', '主管部门名称'], required: true, max: 100 },
  { name: 'owner_code', aliases: ['QSDWDM', '权属单位代码'], max: 18 },
  { name: 'owner_name', aliases: ['QSDWMC', '权属单位名称'], max: 100 },
  { name: 'maintainer_code', aliases: ['YHDWDM', '养护单位代码'], max: 18 },
  { name: 'maintainer_name', aliases: ['YHDWMC', '养护单位名称'], max: 100 },
  { name: 'grid_code', aliases: ['SZDYWGBSM', '所在单元网格标识码'] },
  { name: 'status', aliases: ['GLBJZT', '管理部件状态'], required: true },
  { name: 'initial_date', aliases: ['CSRQ', '初始日期'], required: true },
  { name: 'change_date', aliases: ['BGRQ', '变更日期'] },
  { name: 'data_source', aliases: ['SJLY', '数据来源'], max: 30 },
  { name: 'remark', aliases: ['BZ', '备注'], max: 1000 },
  { name: 'street_code', aliases: ['SZJDDM', '所在街道代码', '所在街道（镇、乡）代码'] },
  { name: 'street_name', aliases: ['SZJDMC', '所在街道名称', '所在街道（镇、乡）名称'], max: 50 },
  { name: 'community_code', aliases: ['SZSQDM', '所在社区代码', '所在社区（村）代码'] },
  { name: 'community_name', aliases: ['SZSQMC', '所在社区名称', '所在社区（村）名称'], max: 50 },
  { name: 'legacy_code', aliases: ['旧版标识码'] },
  { name: 'category_code', aliases: ['category', '部件类别代码'] },
  { name: 'accuracy_class', aliases: ['精度等级'] },
];
const ALIASES = aliasIndex(COMPONENT_FIELDS);

/** 管理部件状态 (GLBJZT) in Chinese or English → stored value. */
const STATUS: Readonly<Record<string, ComponentStatus>> = {
  完好: 'intact',
  破损: 'damaged',
  丢失: 'missing',
  废弃: 'abandoned',
  移除: 'removed',
  占用: 'occupied',
  intact: 'intact',
  damaged: 'damaged',
  missing: 'missing',
  abandoned: 'abandoned',
  removed: 'removed',
  occupied: 'occupied',
};

/** A component whose grid may still be unknown (resolved from its point in the database). */
export type ComponentDraftRow = Omit<ComponentRow, 'gridCode'> & {
  readonly gridCode: string | null;
};

/** Grid, street and community codes agree with each other and with the identifier's district. */
function checkCodes(index: number, v: FieldValues, district: string): ImportProblem[] {
  const grid = v.grid_code ?? null;
  const street = v.street_code ?? null;
  const community = v.community_code ?? null;
  const out: ImportProblem[] =
    grid === null
      ? []
      : [
          ...checkShape(index, 'grid_code', grid, GRID_CODE, 15),
          ...checkPrefix(index, 'grid_code', grid, 'code', district),
        ];
  // Compare with the grid only when it is sound, so one wrong code is reported once.
  const [refField, ref] =
    grid !== null && out.length === 0 ? ['grid_code', grid] : ['code', district];
  if (street !== null) {
    out.push(...checkShape(index, 'street_code', street, STREET_CODE, 9));
    out.push(...checkPrefix(index, 'street_code', street, refField, ref));
  }
  if (community !== null) {
    out.push(...checkShape(index, 'community_code', community, COMMUNITY_CODE, 12));
    out.push(...checkPrefix(index, 'community_code', community, refField, ref));
  }
  return out;
}

function readEnums(index: number, v: FieldValues, problems: ImportProblem[]) {
  const status = v.status === null || v.status === undefined ? undefined : STATUS[v.status];
  if (v.status && !status) {
    problems.push(
      invalidField(
        index,
        'status',
        v.status,
        '完好/破损/丢失/废弃/移除/占用',
        'intact/damaged/missing/abandoned/removed/occupied',
      ),
    );
  }
  const initial = v.initial_date ? parseDate(v.initial_date) : null;
  if (v.initial_date && !initial) {
    problems.push(
      invalidField(index, 'initial_date', v.initial_date, '日期 YYYYMMDD', 'a date YYYYMMDD'),
    );
  }
  const change = v.change_date ? parseDate(v.change_date) : null;
  if (v.change_date && !change) {
    problems.push(
      invalidField(index, 'change_date', v.change_date, '日期 YYYYMMDD', 'a date YYYYMMDD'),
    );
  }
  const accuracy = v.accuracy_class ?? null;
  if (accuracy !== null && !['A', 'B', 'C'].includes(accuracy)) {
    problems.push(invalidField(index, 'accuracy_class', accuracy, 'A/B/C', 'A/B/C'));
  }
  return { status, initial, change, accuracy: accuracy as AccuracyClass | null };
}

function readComponent(
  r: SourceRecord,
  district: string | undefined,
  categories: ComponentCategoryLookup,
): { row: ComponentDraftRow | null; code: string | null; problems: ImportProblem[] } {
  const { values: v, problems } = readFields(r.index, r.props, COMPONENT_FIELDS, ALIASES);
  const id = v.code ? readComponentCode(r.index, v.code, categories) : null;
  if (id && !id.ok) problems.push(id.error);
  const identity = id?.ok ? id.value : null;
  if (identity) {
    problems.push(...checkDistrict(r.index, 'code', identity.code, district));
    problems.push(...checkCodes(r.index, v, identity.districtCode));
    if (v.category_code && v.category_code !== identity.categoryCode) {
      problems.push(
        ...checkPrefix(r.index, 'category_code', v.category_code, 'code', identity.categoryCode),
      );
    }
    if (v.legacy_code && identity.legacyCode === null) {
      problems.push(...checkShape(r.index, 'legacy_code', v.legacy_code, /^\d{16}$/, 16));
    }
  }
  const e = readEnums(r.index, v, problems);
  const geom = checkPoint(r.index, r.geometry);
  if (!geom.ok) problems.push(...geom.error);
  const code = identity?.code ?? v.code ?? null;
  if (problems.length > 0 || !identity || !geom.ok || !e.status || !e.initial) {
    return { row: null, code, problems };
  }
  const row: ComponentDraftRow = {
    code: identity.code,
    legacyCode: identity.legacyCode ?? v.legacy_code ?? null,
    districtCode: identity.districtCode,
    categoryCode: identity.categoryCode,
    nameZh: v.name_zh ?? '',
    competentDeptCode: v.competent_dept_code ?? '',
    competentDeptName: v.competent_dept_name ?? '',
    ownerCode: v.owner_code ?? null,
    ownerName: v.owner_name ?? null,
    maintainerCode: v.maintainer_code ?? null,
    maintainerName: v.maintainer_name ?? null,
    gridCode: v.grid_code ?? null,
    status: e.status,
    initialDate: e.initial,
    changeDate: e.change,
    dataSource: v.data_source ?? null,
    remark: v.remark ?? null,
    streetCode: v.street_code ?? null,
    streetName: v.street_name ?? null,
    communityCode: v.community_code ?? null,
    communityName: v.community_name ?? null,
    accuracyClass: e.accuracy,
    geom: geom.value,
  };
  return { row, code, problems };
}

/**
 * Structural checks of components (管理部件): the 18 attributes (required ones, lengths, status,
 * dates), 17-digit identifiers (legacy 16-digit ones converted), known categories, codes that agree
 * with the district and grid, a point geometry, identifiers unique in the file.
 */
export function validateComponentRecords(
  records: readonly SourceRecord[],
  opts: { readonly district?: string | undefined; readonly categories: ComponentCategoryLookup },
): Validated<ComponentDraftRow> {
  const read = (r: SourceRecord) => {
    const c = readComponent(r, opts.district, opts.categories);
    return { ...c, key: c.code };
  };
  const { drafts, problems, repeated } = readRecords(records, read, 'code');
  // A legacy identifier given beside a 17-digit one must be unique too (components.legacy_code).
  const counted = new Set(repeated.map((p) => p.index));
  const legacy = drafts.flatMap((d) =>
    d.row.legacyCode === null || counted.has(d.index)
      ? []
      : [{ index: d.index, value: d.row.legacyCode }],
  );
  problems.push(...duplicateProblems(legacy, 'legacy_code'));
  return { drafts, problems, loose: looseGeometries(records, drafts, problems, checkPoint) };
}
