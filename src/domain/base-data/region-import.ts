import { checkPrefix } from './codes.ts';
import { looseGeometries, readRecords, type Draft, type Validated } from './grid-import.ts';
import { checkPolygonal } from './import-geometry.ts';
import {
  aliasIndex,
  invalidField,
  readFields,
  readFlag,
  SYNTHETIC_FIELD,
  type FieldSpec,
} from './import-fields.ts';
import type { ImportProblem } from './import-problem.ts';
import type { SourceRecord } from './import-source.ts';
import type { RegionLevel, RegionRow } from './types.ts';

/** Import columns/properties of an administrative region (区划: 市/区县/街道/社区). */
export const REGION_FIELDS: readonly FieldSpec[] = [
  { name: 'code', aliases: ['区划代码', '代码'], required: true },
  { name: 'name_zh', aliases: ['name', '名称'], required: true, max: 100 },
  { name: 'name_en', aliases: ['英文名称'], max: 200 },
  { name: 'level', aliases: ['层级'] },
  { name: 'parent_code', aliases: ['parent', '上级代码'] },
  SYNTHETIC_FIELD,
];
const ALIASES = aliasIndex(REGION_FIELDS);

/** Levels from the top; a region's parent is one level up. */
export const REGION_LEVELS: readonly RegionLevel[] = ['city', 'district', 'street', 'community'];

const LEVEL_OF_LENGTH: Readonly<Record<number, RegionLevel>> = {
  6: 'district',
  9: 'street',
  12: 'community',
};

const LEVEL_ALIASES: Readonly<Record<string, RegionLevel>> = {
  city: 'city',
  district: 'district',
  street: 'street',
  community: 'community',
  市: 'city',
  区: 'district',
  县: 'district',
  区县: 'district',
  街道: 'street',
  镇: 'street',
  乡: 'street',
  社区: 'community',
  村: 'community',
};

function readLevel(index: number, code: string, given: string | null, problems: ImportProblem[]) {
  const fromCode = /^\d+$/.test(code) ? LEVEL_OF_LENGTH[code.length] : undefined;
  const level = given === null ? fromCode : LEVEL_ALIASES[given];
  if (given !== null && level === undefined) {
    problems.push(
      invalidField(index, 'level', given, '市/区县/街道/社区', 'city/district/street/community'),
    );
    return null;
  }
  // A 6-digit code is a district unless stated to be the city (both use GB/T 2260 codes).
  const shapeOk = level === 'city' ? /^\d{6}$/.test(code) : fromCode === level;
  if (!shapeOk || level === undefined) {
    problems.push(
      invalidField(
        index,
        'code',
        code,
        '区县 6 位、街道 9 位、社区 12 位数字',
        'district 6, street 9 or community 12 digits',
      ),
    );
    return null;
  }
  return level;
}

/** Street and community parents follow from the cumulative code; a district names its city. */
function impliedParent(code: string | null, level: RegionLevel | null): string | null {
  if (code === null) return null;
  if (level === 'street') return code.slice(0, 6);
  if (level === 'community') return code.slice(0, 9);
  return null;
}

function readRegion(
  r: SourceRecord,
  district: string | undefined,
): { row: RegionRow | null; code: string | null; problems: ImportProblem[] } {
  const { values: v, problems } = readFields(r.index, r.props, REGION_FIELDS, ALIASES);
  const code = v.code ?? null;
  const level = code === null ? null : readLevel(r.index, code, v.level ?? null, problems);
  // Street and community parents follow from the cumulative code; a district names its city.
  const parent = v.parent_code ?? impliedParent(code, level);
  if (code !== null && level !== null) {
    if (level === 'district' && parent === null) {
      problems.push(invalidField(r.index, 'parent_code', '', '市级区划代码', "the city's code"));
    }
    if ((level === 'street' || level === 'community') && parent !== null) {
      problems.push(...checkPrefix(r.index, 'parent_code', parent, 'code', code));
    }
    if (district !== undefined && level !== 'city' && !code.startsWith(district)) {
      problems.push(
        invalidField(r.index, 'code', code, `区县 ${district} 内`, `in district ${district}`),
      );
    }
  }
  const synthetic = readFlag(r.index, 'synthetic', v.synthetic ?? null, problems);
  const geom = checkPolygonal(r.index, r.geometry);
  if (!geom.ok) problems.push(...geom.error);
  if (problems.length > 0 || code === null || level === null || !geom.ok) {
    return { row: null, code, problems };
  }
  return {
    code,
    problems,
    row: {
      code,
      level,
      parentCode: level === 'city' ? null : parent,
      districtCode: code.slice(0, 6),
      nameZh: v.name_zh ?? '',
      nameEn: v.name_en ?? null,
      synthetic,
      geom: geom.value,
    },
  };
}

/**
 * Structural checks of administrative regions: code shape by level (GB/T 2260 district 6 digits,
 * street 9, community 12, cumulative), parent implied by the code or given, polygon geometry,
 * codes unique in the file. Drafts come back parents first.
 */
export function validateRegionRecords(
  records: readonly SourceRecord[],
  opts: { readonly district?: string | undefined } = {},
): Validated<RegionRow> {
  const read = (r: SourceRecord) => {
    const g = readRegion(r, opts.district);
    return { ...g, key: g.code };
  };
  const { drafts, problems } = readRecords(records, read, 'code');
  const rank = (d: Draft<RegionRow>) => REGION_LEVELS.indexOf(d.row.level);
  const loose = looseGeometries(records, drafts, problems, checkPolygonal);
  drafts.sort((a, b) => rank(a) - rank(b) || a.index - b.index);
  return { drafts, problems, loose };
}
