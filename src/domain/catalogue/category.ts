import { err, ok, type Result } from '../shared/index.ts';

/** 部件 component (a thing) or 事件/事项 event (a situation). The code spaces overlap, so a key includes it. */
export const CATEGORY_KINDS = ['component', 'event'] as const;
export type CategoryKind = (typeof CATEGORY_KINDS)[number];

/**
 * The code family of a scheme: `current` is GB/T 47678.5-2026 (2-digit big + 3-digit small class),
 * `legacy` the CJ/T 214-2007 / GB/T 30428.2-2013 family (2 + 2) still used by deployed systems.
 */
export type SchemeFamily = 'current' | 'legacy';

/** The scheme every API and case uses unless told otherwise. */
export const DEFAULT_SCHEME_ID = 'gbt47678.5-2026';

/** A vocabulary of categories (one standard, or one local variant of the legacy family). */
export type CategoryScheme = {
  readonly id: string;
  readonly family: SchemeFamily;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly standard: string;
  readonly isDefault: boolean;
  readonly source: string;
  readonly confirmed: string;
};

export type CategoryKey = {
  readonly scheme: string;
  readonly kind: CategoryKind;
  readonly code: string;
};

/** Where a row came from and how sure we are of it (kept from the gathered list). */
export type Provenance = {
  readonly source: string;
  readonly standard: string;
  readonly confirmed: string;
};

export type Category = CategoryKey & {
  readonly bigCode: string;
  readonly bigNameZh: string;
  /** gridloop's English gloss of the big class (big-classes.csv), null until known. */
  readonly bigNameEn: string | null;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly provenance: Provenance;
};

export type CategoryCodeError = {
  readonly code: 'catalogue.invalid_code';
  readonly details: {
    readonly code: string;
    readonly family: SchemeFamily;
    readonly reason: string;
  };
};

const CODE_SHAPE: Readonly<Record<SchemeFamily, RegExp>> = {
  current: /^(\d{2})(\d{3})$/,
  legacy: /^(\d{2})(\d{2})$/,
};

export type ParsedCode = {
  readonly code: string;
  readonly bigCode: string;
  readonly smallCode: string;
};

/**
 * Splits a category code into big and small class: 5 digits for the current catalogue
 * (GB/T 47678.5: 01001 = big 01, small 001), 4 for the legacy one (CJ/T 214: 0101). Class 00 is not a class.
 */
export function parseCategoryCode(
  code: string,
  family: SchemeFamily,
): Result<ParsedCode, CategoryCodeError> {
  const m = CODE_SHAPE[family].exec(code);
  const fail = (reason: string) =>
    err<CategoryCodeError>({ code: 'catalogue.invalid_code', details: { code, family, reason } });
  if (!m) return fail(family === 'current' ? 'expected 5 digits' : 'expected 4 digits');
  const [, big = '', small = ''] = m;
  if (Number(big) === 0 || Number(small) === 0) return fail('class 00 does not exist');
  return ok({ code, bigCode: big, smallCode: small });
}

export const isCategoryKind = (k: unknown): k is CategoryKind =>
  typeof k === 'string' && (CATEGORY_KINDS as readonly string[]).includes(k);

/** `gbt47678.5-2026/component/01001` style text for messages and map keys. */
export const keyText = (k: CategoryKey): string => `${k.scheme}/${k.kind}/${k.code}`;
