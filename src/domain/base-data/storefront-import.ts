import { checkDistrict, checkShape, GRID_CODE } from './codes.ts';
import { looseGeometries, readRecords, type Validated } from './grid-import.ts';
import { checkLineString } from './import-geometry.ts';
import { aliasIndex, invalidField, readFields, type FieldSpec } from './import-fields.ts';
import type { ImportProblem } from './import-problem.ts';
import type { SourceRecord } from './import-source.ts';
import type { StorefrontDuty, StorefrontRow } from './types.ts';

/** Import columns/properties of a storefront responsibility unit (门前三包责任单位). */
export const STOREFRONT_FIELDS: readonly FieldSpec[] = [
  { name: 'id', aliases: ['code', '编号'], required: true, max: 64 },
  { name: 'name_zh', aliases: ['name', '名称', '单位名称'], required: true, max: 200 },
  { name: 'address', aliases: ['地址'], required: true, max: 300 },
  { name: 'grid_code', aliases: ['SZDYWGBSM', '所在单元网格标识码'] },
  { name: 'operator_name', aliases: ['operator', '经营者', '负责人'], max: 100 },
  { name: 'contact_phone', aliases: ['phone', '联系电话'], max: 40 },
  { name: 'licence_no', aliases: ['license_no', '营业执照号'], max: 64 },
  { name: 'duties', aliases: ['责任'] },
  { name: 'frontage_m', aliases: ['门前长度'] },
];
const ALIASES = aliasIndex(STOREFRONT_FIELDS);

/** 门前三包: 市容卫生 clean, 绿化 green, 秩序 order. */
const DUTY: Readonly<Record<string, StorefrontDuty>> = {
  clean: 'clean',
  green: 'green',
  order: 'order',
  卫生: 'clean',
  市容: 'clean',
  市容卫生: 'clean',
  绿化: 'green',
  秩序: 'order',
};

/** A storefront whose grid and frontage length may be filled in by the database. */
export type StorefrontDraftRow = Omit<StorefrontRow, 'gridCode' | 'frontageM' | 'districtCode'> & {
  readonly gridCode: string | null;
  readonly frontageM: number | null;
};

function readDuties(index: number, raw: string | null, problems: ImportProblem[]) {
  if (raw === null) return ['clean', 'green', 'order'] as StorefrontDuty[];
  const parts = raw
    .split(/[,;，；、|]/)
    .map((d) => d.trim())
    .filter((d) => d !== '');
  const duties = [...new Set(parts.map((d) => DUTY[d]))];
  if (duties.length === 0 || duties.some((d) => d === undefined)) {
    problems.push(invalidField(index, 'duties', raw, '卫生/绿化/秩序', 'clean/green/order'));
    return [];
  }
  return duties as StorefrontDuty[];
}

function readStorefront(
  r: SourceRecord,
  district: string | undefined,
): { row: StorefrontDraftRow | null; id: string | null; problems: ImportProblem[] } {
  const { values: v, problems } = readFields(r.index, r.props, STOREFRONT_FIELDS, ALIASES);
  const grid = v.grid_code ?? null;
  if (grid !== null) {
    problems.push(...checkShape(r.index, 'grid_code', grid, GRID_CODE, 15));
    problems.push(...checkDistrict(r.index, 'grid_code', grid, district));
  }
  const duties = readDuties(r.index, v.duties ?? null, problems);
  const lengthText = v.frontage_m ?? null;
  const frontageM = lengthText === null ? null : Number(lengthText);
  if (frontageM !== null && !(Number.isFinite(frontageM) && frontageM > 0)) {
    problems.push(
      invalidField(
        r.index,
        'frontage_m',
        lengthText ?? '',
        '正数（米）',
        'a positive number of metres',
      ),
    );
  }
  const frontage = checkLineString(r.index, r.geometry);
  if (!frontage.ok) problems.push(...frontage.error);
  const id = v.id ?? null;
  if (problems.length > 0 || id === null || !frontage.ok) return { row: null, id, problems };
  const row: StorefrontDraftRow = {
    id,
    gridCode: grid,
    nameZh: v.name_zh ?? '',
    address: v.address ?? '',
    operatorName: v.operator_name ?? null,
    contactPhone: v.contact_phone ?? null,
    licenceNo: v.licence_no ?? null,
    duties,
    frontage: frontage.value,
    frontageM,
  };
  return { row, id, problems };
}

/**
 * Structural checks of storefront responsibility units: required attributes, duties, a
 * LineString frontage, a well-formed grid code in the import's district, ids unique in the file.
 */
export function validateStorefrontRecords(
  records: readonly SourceRecord[],
  opts: { readonly district?: string | undefined } = {},
): Validated<StorefrontDraftRow> {
  const read = (r: SourceRecord) => {
    const s = readStorefront(r, opts.district);
    return { ...s, key: s.id };
  };
  const { drafts, problems } = readRecords(records, read, 'id');
  return { drafts, problems, loose: looseGeometries(records, drafts, problems, checkLineString) };
}
