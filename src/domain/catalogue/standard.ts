import { err, ok, type Result } from '../shared/index.ts';
import type { CategoryKey } from './category.ts';
import {
  parseTimeLimit,
  roughHours,
  URGENCY_CLASSES,
  type TimeLimit,
  type TimeLimitError,
  type TimeLimits,
  type UrgencyClass,
} from './time-limit.ts';

/** The kind of unit a category is dispatched to (以案定责). Matches `units.kind` minus the command centre. */
export const RESPONSIBLE_UNIT_KINDS = [
  'city_department',
  'district_bureau',
  'street_centre',
  'community_station',
  'utility',
] as const;
export type ResponsibleUnitKind = (typeof RESPONSIBLE_UNIT_KINDS)[number];

export const isResponsibleUnitKind = (k: unknown): k is ResponsibleUnitKind =>
  typeof k === 'string' && (RESPONSIBLE_UNIT_KINDS as readonly string[]).includes(k);

/** Chinese text with an English rendering when one exists. */
export type Text = { readonly zh: string; readonly en: string | null };

/** 管理标准: what a category needs to be filed and closed, how fast, and who handles it. */
export type ManagementStandard = {
  readonly filingCriteria: Text; // 立案条件
  readonly closingCriteria: Text; // 结案条件
  readonly timeLimits: TimeLimits; // 处置时限 per urgency class
  readonly responsibleUnitKind: ResponsibleUnitKind;
  readonly responsibleDepartment: Text | null;
  /** e.g. 'gridloop default (unconfirmed)' or the local regulation a limit comes from. */
  readonly provenance: string;
};

/** A district's changes to one category's standard; null fields keep the default. */
export type StandardOverride = {
  readonly districtCode: string;
  readonly key: CategoryKey;
  readonly enabled: boolean | null;
  readonly filingCriteria: Text | null;
  readonly closingCriteria: Text | null;
  readonly timeLimits: Partial<TimeLimits>;
  readonly responsibleUnitKind: ResponsibleUnitKind | null;
  readonly responsibleDepartment: Text | null;
  readonly note: string | null;
};

export type OverriddenField =
  | 'enabled'
  | 'filingCriteria'
  | 'closingCriteria'
  | `timeLimits.${UrgencyClass}`
  | 'responsibleUnitKind'
  | 'responsibleDepartment';

/** The standard a district actually applies, saying which fields its override changed. */
export type EffectiveStandard = ManagementStandard & {
  readonly enabled: boolean;
  readonly districtCode: string | null;
  readonly overridden: readonly OverriddenField[];
  readonly overrideNote: string | null;
};

/**
 * Overlays a district's override on the default standard (DESIGN.md: district variation is data).
 * Without an override the default applies, enabled, to every district.
 */
export function effectiveStandard(
  base: ManagementStandard,
  override: StandardOverride | null,
): EffectiveStandard {
  if (!override) {
    return { ...base, enabled: true, districtCode: null, overridden: [], overrideNote: null };
  }
  const overridden: OverriddenField[] = [];
  const pick = <T>(field: OverriddenField, value: T | null, fallback: T): T => {
    if (value === null) return fallback;
    overridden.push(field);
    return value;
  };
  const enabled = pick('enabled', override.enabled, true);
  const filingCriteria = pick('filingCriteria', override.filingCriteria, base.filingCriteria);
  const closingCriteria = pick('closingCriteria', override.closingCriteria, base.closingCriteria);
  const timeLimits = Object.fromEntries(
    URGENCY_CLASSES.map((u) => [
      u,
      pick(`timeLimits.${u}`, override.timeLimits[u] ?? null, base.timeLimits[u]),
    ]),
  ) as Record<UrgencyClass, TimeLimit>;
  const responsibleUnitKind = pick(
    'responsibleUnitKind',
    override.responsibleUnitKind,
    base.responsibleUnitKind,
  );
  const responsibleDepartment = pick(
    'responsibleDepartment',
    override.responsibleDepartment,
    base.responsibleDepartment,
  );
  return {
    filingCriteria,
    closingCriteria,
    timeLimits,
    responsibleUnitKind,
    responsibleDepartment,
    provenance: base.provenance,
    enabled,
    districtCode: override.districtCode,
    overridden,
    overrideNote: override.note,
  };
}

/** What a caller may send to change one category for one district (untrusted shapes). */
export type OverrideInput = {
  readonly enabled?: boolean | null | undefined;
  readonly filingCriteria?: Text | null | undefined;
  readonly closingCriteria?: Text | null | undefined;
  readonly timeLimits?: Readonly<Record<string, unknown>> | null | undefined;
  readonly responsibleUnitKind?: string | null | undefined;
  readonly responsibleDepartment?: Text | null | undefined;
  readonly note?: string | null | undefined;
};

export type OverrideError =
  | TimeLimitError
  | {
      readonly code: 'catalogue.invalid_override';
      readonly details: { readonly reason: string; readonly field: string };
    };

/**
 * Validates an override against the default it will overlay: known urgency classes, valid
 * limits, a known unit kind, non-empty criteria, and urgency classes still ordered
 * (urgent ≤ pressing ≤ normal, roughly in hours) after overlaying.
 */
export function validateOverride(
  districtCode: string,
  key: CategoryKey,
  input: OverrideInput,
  base: ManagementStandard,
): Result<StandardOverride, OverrideError> {
  const invalid = (field: string, reason: string) =>
    err<OverrideError>({ code: 'catalogue.invalid_override', details: { field, reason } });
  if (!/^\d{6}$/.test(districtCode)) return invalid('districtCode', 'expected 6 digits');
  const limits: Partial<Record<UrgencyClass, TimeLimit>> = {};
  for (const [name, value] of Object.entries(input.timeLimits ?? {})) {
    if (!(URGENCY_CLASSES as readonly string[]).includes(name))
      return err({
        code: 'catalogue.invalid_time_limit',
        details: { reason: `unknown urgency class ${name}`, value: name, field: 'timeLimits' },
      });
    const parsed = parseTimeLimit(value, `timeLimits.${name}`);
    if (!parsed.ok) return parsed;
    limits[name as UrgencyClass] = parsed.value;
  }
  const merged = { ...base.timeLimits, ...limits };
  if (
    roughHours(merged.urgent) > roughHours(merged.pressing) ||
    roughHours(merged.pressing) > roughHours(merged.normal)
  )
    return err({
      code: 'catalogue.invalid_time_limit',
      details: {
        reason: 'limits must not grow with urgency (urgent ≤ pressing ≤ normal)',
        value: merged,
        field: 'timeLimits',
      },
    });
  const kind = input.responsibleUnitKind ?? null;
  if (kind !== null && !isResponsibleUnitKind(kind))
    return invalid('responsibleUnitKind', `must be one of ${RESPONSIBLE_UNIT_KINDS.join(', ')}`);
  for (const field of ['filingCriteria', 'closingCriteria', 'responsibleDepartment'] as const) {
    const t = input[field];
    if (t && t.zh.trim() === '') return invalid(`${field}.zh`, 'must not be empty');
  }
  return ok({
    districtCode,
    key,
    enabled: input.enabled ?? null,
    filingCriteria: input.filingCriteria ?? null,
    closingCriteria: input.closingCriteria ?? null,
    timeLimits: limits,
    responsibleUnitKind: kind,
    responsibleDepartment: input.responsibleDepartment ?? null,
    note: input.note ?? null,
  });
}
