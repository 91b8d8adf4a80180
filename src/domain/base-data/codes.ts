import { err, ok, type Result } from '../shared/index.ts';
import { importProblem, type ImportProblem } from './import-problem.ts';

/**
 * Shapes of the standard codes (standards.md §1–§2): district 6 digits (GB/T 2260), street 9,
 * community 12 (cumulative prefixes), unit grid 15 = community 12 + sequence 3 (GB/T 30428.1),
 * component identifier 17 = district 6 + big class 2 + small class 3 + serial 6 (GB/T 47678.5-2026),
 * legacy component identifier 16 = district 6 + big 2 + small 2 + serial 6 (CJ/T 214-2007).
 */
export const DISTRICT_CODE = /^\d{6}$/;
export const GRID_CODE = /^\d{15}$/;
export const STREET_CODE = /^\d{9}$/;
export const COMMUNITY_CODE = /^\d{12}$/;
const COMPONENT_CODE = /^(\d{6})(\d{5})(\d{6})$/;
const LEGACY_COMPONENT_CODE = /^(\d{6})(\d{4})(\d{6})$/;

/**
 * What the component importer needs from the category catalogue (src/domain/catalogue):
 * whether a current 5-digit component category exists, and the current category a legacy
 * 4-digit one maps to (null when no mapping is known).
 */
export type ComponentCategoryLookup = {
  readonly isComponentCategory: (code5: string) => boolean;
  readonly currentForLegacy: (code4: string) => string | null;
};

export type ComponentIdentity = {
  readonly code: string;
  readonly legacyCode: string | null;
  readonly districtCode: string;
  readonly categoryCode: string;
};

/**
 * Reads a component identifier: 17 digits as is, or a legacy 16-digit one converted through the
 * category mapping (the original kept as `legacyCode`). The category must be in the catalogue.
 */
export function readComponentCode(
  index: number,
  value: string,
  categories: ComponentCategoryLookup,
): Result<ComponentIdentity, ImportProblem> {
  const field = 'code';
  const current = COMPONENT_CODE.exec(value);
  if (current) {
    const [, district = '', category = ''] = current;
    if (!categories.isComponentCategory(category)) {
      return err(importProblem(index, 'component.unknown_category', { category }, field));
    }
    return ok({ code: value, legacyCode: null, districtCode: district, categoryCode: category });
  }
  const legacy = LEGACY_COMPONENT_CODE.exec(value);
  if (legacy) {
    const [, district = '', legacyCategory = '', serial = ''] = legacy;
    const category = categories.currentForLegacy(legacyCategory);
    if (category === null) {
      return err(
        importProblem(index, 'component.legacy_code_unmapped', { value, legacyCategory }, field),
      );
    }
    if (!categories.isComponentCategory(category)) {
      return err(importProblem(index, 'component.unknown_category', { category }, field));
    }
    return ok({
      code: `${district}${category}${serial}`,
      legacyCode: value,
      districtCode: district,
      categoryCode: category,
    });
  }
  return err(
    importProblem(
      index,
      'code.wrong_shape',
      {
        value,
        expectedZh: '17 位数字（区县 6 + 大类 2 + 小类 3 + 序号 6），或旧版 16 位',
        expectedEn:
          '17 digits (district 6 + big class 2 + small class 3 + serial 6), or the legacy 16',
      },
      field,
    ),
  );
}

/** A code.wrong_shape problem unless `value` matches `shape`. */
export function checkShape(
  index: number,
  field: string,
  value: string,
  shape: RegExp,
  digits: number,
): ImportProblem[] {
  if (shape.test(value)) return [];
  return [
    importProblem(
      index,
      'code.wrong_shape',
      { value, expectedZh: `${digits} 位数字`, expectedEn: `${digits} digits` },
      field,
    ),
  ];
}

/** A code.prefix_mismatch problem unless `other` is a prefix of `value` (cumulative codes). */
export function checkPrefix(
  index: number,
  field: string,
  value: string,
  otherField: string,
  other: string,
): ImportProblem[] {
  const [longer, shorter] = value.length >= other.length ? [value, other] : [other, value];
  if (longer.startsWith(shorter)) return [];
  return [
    importProblem(
      index,
      'code.prefix_mismatch',
      { value, other: otherField, otherValue: other },
      field,
    ),
  ];
}

/** A code.district_mismatch problem when an import restricted to one district meets another. */
export function checkDistrict(
  index: number,
  field: string,
  value: string,
  district: string | undefined,
): ImportProblem[] {
  if (district === undefined || value.startsWith(district)) return [];
  return [importProblem(index, 'code.district_mismatch', { value, district }, field)];
}
