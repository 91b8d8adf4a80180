import type { CategoryKey, CategoryKind } from './category.ts';

/**
 * Why a legacy code is mapped to a current one:
 * - same_name: identical Chinese name, same kind;
 * - same_name_normalised: identical after dropping parenthesised qualifiers and punctuation;
 * - order_and_synonym: same position in the manhole-cover sequence that GB/T 47678.5 kept from
 *   the legacy list, and a known synonym (上水/供水, 电信/通信, 有线电视/电视).
 */
export const MAPPING_BASES = ['same_name', 'same_name_normalised', 'order_and_synonym'] as const;
export type MappingBasis = (typeof MAPPING_BASES)[number];

export type CategoryMapping = {
  readonly legacy: CategoryKey;
  readonly current: CategoryKey;
  readonly basis: MappingBasis;
  readonly note: string;
};

/** The current category a legacy code maps to, or null when no mapping can be justified. */
export function mapLegacyToCurrent(
  mappings: readonly CategoryMapping[],
  legacyScheme: string,
  kind: CategoryKind,
  code: string,
): CategoryMapping | null {
  return (
    mappings.find(
      (m) => m.legacy.scheme === legacyScheme && m.legacy.kind === kind && m.legacy.code === code,
    ) ?? null
  );
}

/** Drops parenthesised qualifiers (全角 and ASCII), punctuation and spaces: 道路遗撒（洒） → 道路遗撒. */
export function normaliseCategoryName(name: string): string {
  return name
    .replace(/（[^）]*）|\([^)]*\)/g, '')
    .replace(/[\s、，,。.·]/g, '')
    .trim();
}
