import {
  DEFAULT_SCHEME_ID,
  effectiveStandard,
  keyText,
  parseCategoryCode,
  type Category,
  type CategoryCodeError,
  type CategoryKey,
  type CategoryKind,
  type CategoryMapping,
  type CategoryScheme,
  type EffectiveStandard,
  type UrgencyClassName,
} from '../../domain/catalogue/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import type { Queryable } from '../../store/db.ts';
import * as store from '../../store/catalogue.store.ts';
import type { Deps } from '../deps.ts';

export type CatalogueLookupError =
  | CategoryCodeError
  | { code: 'catalogue.unknown_scheme'; details: { scheme: string } }
  | { code: 'catalogue.unknown_category'; details: { scheme: string; kind: string; code: string } };

/** Why a key names no category: its scheme is unknown, its code has the wrong shape, or it is absent. */
export async function explainMissingCategory(
  db: Queryable,
  key: CategoryKey,
): Promise<CatalogueLookupError> {
  const scheme = await store.findScheme(db, key.scheme);
  if (!scheme) return { code: 'catalogue.unknown_scheme', details: { scheme: key.scheme } };
  const shape = parseCategoryCode(key.code, scheme.family);
  if (!shape.ok) return shape.error;
  return { code: 'catalogue.unknown_category', details: { ...key } };
}

export async function listSchemes(deps: Deps): Promise<CategoryScheme[]> {
  return store.listSchemes(deps.db);
}

export async function listUrgencyClasses(deps: Deps): Promise<UrgencyClassName[]> {
  return store.listUrgencyClasses(deps.db);
}

/** Which categories a listing covers; with a district, that district's overrides apply. */
type CategoryFilter = {
  scheme?: string | undefined;
  kind?: CategoryKind | undefined;
  bigCode?: string | undefined;
  districtCode?: string | undefined;
};

/** The scheme asked for (default GB/T 47678.5-2026), if the catalogue knows it. */
async function knownScheme(
  db: Queryable,
  asked: string | undefined,
): Promise<Result<string, CatalogueLookupError>> {
  const scheme = asked ?? DEFAULT_SCHEME_ID;
  return (await store.findScheme(db, scheme))
    ? ok(scheme)
    : err({ code: 'catalogue.unknown_scheme', details: { scheme } });
}

/**
 * Categories of a scheme (default GB/T 47678.5-2026), optionally of one kind and big class.
 * With a district, the categories that district has disabled are left out.
 */
export async function listCategories(
  deps: Deps,
  input: CategoryFilter,
): Promise<Result<Category[], CatalogueLookupError>> {
  const scheme = await knownScheme(deps.db, input.scheme);
  if (!scheme.ok) return scheme;
  const all = await store.listCategories(deps.db, { ...input, scheme: scheme.value });
  if (!input.districtCode) return ok(all);
  const disabled = new Set(
    (await store.listOverrides(deps.db, input.districtCode))
      .filter((o) => o.enabled === false)
      .map((o) => keyText(o.key)),
  );
  return ok(all.filter((c) => !disabled.has(keyText(c))));
}

export type KeyedStandard = CategoryKey & { standard: EffectiveStandard };

/**
 * Every category's effective standard in one district (or the defaults), disabled ones included
 * with `enabled: false`: the district's whole 管理标准 table in one call.
 */
export async function listEffectiveStandards(
  deps: Deps,
  input: CategoryFilter,
): Promise<Result<KeyedStandard[], CatalogueLookupError>> {
  const scheme = await knownScheme(deps.db, input.scheme);
  if (!scheme.ok) return scheme;
  const rows = await store.listStandards(deps.db, { ...input, scheme: scheme.value });
  const overrides = input.districtCode
    ? await store.listOverrides(deps.db, input.districtCode)
    : [];
  const byKey = new Map(overrides.map((o) => [keyText(o.key), o]));
  return ok(
    rows.map((r) => ({
      scheme: r.scheme,
      kind: r.kind,
      code: r.code,
      standard: effectiveStandard(r.standard, byKey.get(keyText(r)) ?? null),
    })),
  );
}

export type CategoryDetail = {
  category: Category;
  standard: EffectiveStandard;
  /** For a legacy category: the current category it maps to, when one is justified. */
  mapsTo: CategoryMapping | null;
  /** For a current category: the legacy codes that map to it. */
  mappedFrom: CategoryMapping[];
};

export type EffectiveStandardInput = {
  districtCode?: string | null | undefined;
  scheme?: string | undefined;
  kind: CategoryKind;
  code: string;
};

const keyOf = (i: EffectiveStandardInput): CategoryKey => ({
  scheme: i.scheme ?? DEFAULT_SCHEME_ID,
  kind: i.kind,
  code: i.code,
});

/**
 * The standard that applies to one category in one district: the shipped default overlaid with
 * that district's override (no district → the default). Takes a Queryable so another use case
 * can call it inside its own transaction.
 */
export async function readEffectiveStandard(
  db: Queryable,
  input: EffectiveStandardInput,
): Promise<Result<EffectiveStandard, CatalogueLookupError>> {
  const key = keyOf(input);
  const base = await store.findStandard(db, key);
  if (!base) return err(await explainMissingCategory(db, key));
  const override = input.districtCode
    ? await store.findOverride(db, input.districtCode, key)
    : null;
  return ok(effectiveStandard(base, override));
}

/**
 * `getEffectiveStandard(deps, { districtCode, kind, code })` → the time limit per urgency class
 * (and criteria, unit kind) a district applies to a category of the default scheme.
 */
export async function getEffectiveStandard(
  deps: Deps,
  input: EffectiveStandardInput,
): Promise<Result<EffectiveStandard, CatalogueLookupError>> {
  return readEffectiveStandard(deps.db, input);
}

/** One category with its effective standard for a district and its legacy↔current mappings. */
export async function getCategory(
  deps: Deps,
  input: EffectiveStandardInput,
): Promise<Result<CategoryDetail, CatalogueLookupError>> {
  const key = keyOf(input);
  const category = await store.findCategory(deps.db, key);
  if (!category) return err(await explainMissingCategory(deps.db, key));
  const standard = await readEffectiveStandard(deps.db, input);
  if (!standard.ok) return standard;
  const all = await store.listMappings(deps.db, { kind: key.kind });
  const same = (a: CategoryKey) => a.scheme === key.scheme && a.code === key.code;
  return ok({
    category,
    standard: standard.value,
    mapsTo: all.find((m) => same(m.legacy)) ?? null,
    mappedFrom: all.filter((m) => same(m.current)),
  });
}

/** Legacy→current mappings, optionally for one legacy scheme, kind, or legacy code. */
export async function listMappings(
  deps: Deps,
  filter: {
    legacyScheme?: string | undefined;
    kind?: CategoryKind | undefined;
    code?: string | undefined;
  },
): Promise<CategoryMapping[]> {
  const rows = await store.listMappings(deps.db, filter);
  return filter.code === undefined ? rows : rows.filter((m) => m.legacy.code === filter.code);
}
