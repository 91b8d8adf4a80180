import { err, ok, type Result } from '../shared/index.ts';

/**
 * Kinds of organisation in the four-level network (standards.md §5.4): command centres dispatch;
 * the others handle cases (处置单位).
 */
export const UNIT_KINDS = [
  'command_centre',
  'city_department',
  'district_bureau',
  'street_centre',
  'community_station',
  'utility',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export type Unit = {
  readonly id: string;
  readonly parentId: string | null;
  readonly districtCode: string;
  readonly regionCode: string;
  readonly kind: UnitKind;
  readonly nameZh: string;
  readonly nameEn: string | null;
  /** 统一社会信用代码, 18 characters, when known. */
  readonly creditCode: string | null;
  readonly active: boolean;
};

export type UnitNode = Unit & { readonly children: readonly UnitNode[] };

export type NewUnitInput = {
  readonly id?: string | undefined;
  readonly parentId?: string | null | undefined;
  readonly regionCode: string;
  readonly kind: string;
  readonly nameZh: string;
  readonly nameEn?: string | null | undefined;
  readonly creditCode?: string | null | undefined;
};

export type UnitInputError =
  | {
      readonly code: 'unit.invalid_kind';
      readonly details: { readonly kind: string; readonly allowed: readonly string[] };
    }
  | {
      readonly code: 'unit.invalid_field';
      readonly details: { readonly field: string; readonly reason: string };
    };

export const isUnitKind = (k: unknown): k is UnitKind =>
  typeof k === 'string' && (UNIT_KINDS as readonly string[]).includes(k);

// GB 32100-2015: 18 characters from digits and upper-case letters except I, O, Z, S, V.
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

/**
 * Checks a new unit's own fields; whether its region and parent exist is the service's job.
 * `id` is the caller's (or a generated) stable identifier.
 */
export function validateNewUnit(
  input: NewUnitInput,
  id: string,
  districtCode: string,
): Result<Unit, UnitInputError> {
  const field = (f: string, reason: string) =>
    err<UnitInputError>({ code: 'unit.invalid_field', details: { field: f, reason } });
  if (!isUnitKind(input.kind))
    return err({ code: 'unit.invalid_kind', details: { kind: input.kind, allowed: UNIT_KINDS } });
  if (!ID.test(id)) return field('id', 'letters, digits and _ . : - only, at most 64');
  const nameZh = input.nameZh.trim();
  if (nameZh === '') return field('nameZh', 'must not be empty');
  const creditCode = input.creditCode ?? null;
  if (creditCode !== null && !CREDIT_CODE.test(creditCode))
    return field('creditCode', 'a unified social credit code has 18 characters (GB 32100)');
  if (input.parentId === id) return field('parentId', 'a unit cannot be its own parent');
  return ok({
    id,
    parentId: input.parentId ?? null,
    districtCode,
    regionCode: input.regionCode,
    kind: input.kind,
    nameZh,
    nameEn: input.nameEn?.trim() || null,
    creditCode,
    active: true,
  });
}

/** Arranges units into trees: a unit whose parent is not in the list becomes a root. */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const ids = new Set(units.map((u) => u.id));
  const byParent = new Map<string | null, Unit[]>();
  for (const u of units) {
    const p = u.parentId !== null && ids.has(u.parentId) ? u.parentId : null;
    byParent.set(p, [...(byParent.get(p) ?? []), u]);
  }
  const grow = (u: Unit, seen: ReadonlySet<string>): UnitNode => ({
    ...u,
    children: (byParent.get(u.id) ?? [])
      .filter((c) => !seen.has(c.id))
      .map((c) => grow(c, new Set([...seen, c.id]))),
  });
  return (byParent.get(null) ?? []).map((u) => grow(u, new Set([u.id])));
}

export type UnitChanges = {
  readonly parentId?: string | null | undefined;
  readonly nameZh?: string | undefined;
  readonly nameEn?: string | null | undefined;
  readonly creditCode?: string | null | undefined;
  readonly active?: boolean | undefined;
};

export type UnitChangeError =
  | UnitInputError
  | {
      readonly code: 'unit.parent_cycle';
      readonly details: { readonly id: string; readonly parentId: string };
    };

/**
 * Applies changes to a unit (rename, move under another parent, deactivate; units are never
 * deleted). `descendantIds` are the units below it: none of them may become its parent.
 */
export function changeUnit(
  unit: Unit,
  changes: UnitChanges,
  descendantIds: ReadonlySet<string>,
): Result<Unit, UnitChangeError> {
  const next = validateNewUnit(
    {
      regionCode: unit.regionCode,
      kind: unit.kind,
      parentId: changes.parentId === undefined ? unit.parentId : changes.parentId,
      nameZh: changes.nameZh ?? unit.nameZh,
      nameEn: changes.nameEn === undefined ? unit.nameEn : changes.nameEn,
      creditCode: changes.creditCode === undefined ? unit.creditCode : changes.creditCode,
    },
    unit.id,
    unit.districtCode,
  );
  if (!next.ok) return next;
  const parentId = next.value.parentId;
  if (parentId !== null && descendantIds.has(parentId))
    return err({ code: 'unit.parent_cycle', details: { id: unit.id, parentId } });
  return ok({ ...next.value, active: changes.active ?? unit.active });
}
