import { canSee, type Principal } from '../../domain/access/index.ts';
import {
  assessParties,
  FAMILIES,
  parsePeriod,
  previousPeriod,
  yearAgoPeriod,
  type Family,
  type IndicatorDef,
  type PartyAssessment,
  type Period,
  type Totals,
  whistleTotals,
} from '../../domain/indicators/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import * as store from '../../store/assessment.store.ts';
import type { Deps } from '../deps.ts';
import { whistleFactsOf } from './whistle-facts.ts';

export const ASSESSMENT_LEVELS = [
  'unit',
  'supervisor',
  'operator',
  'dispatcher',
  'region',
  'whistle',
] as const;
export type AssessmentLevel = (typeof ASSESSMENT_LEVELS)[number];
export const REGION_LEVELS = ['district', 'street', 'community', 'grid'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** Digits of a grid code that name its region at each level (GB/T 30428.1 cumulative codes). */
export const REGION_CODE_LENGTH: Readonly<Record<RegionLevel, number>> = {
  district: 6,
  street: 9,
  community: 12,
  grid: 15,
};

export type AssessmentError =
  | { readonly code: 'assessment.invalid_period'; readonly details: { period: string } }
  | { readonly code: 'assessment.unknown_indicator'; readonly details: { indicator: string } }
  | { readonly code: 'assessment.district_required'; readonly details: Record<string, never> }
  | {
      readonly code: 'auth.forbidden';
      readonly details: { reason: 'region' | 'role'; capability: 'indicator.read' };
    };

export type AssessmentQuery = {
  readonly principal: Principal;
  readonly period: string;
  readonly level: AssessmentLevel;
  readonly districtCode?: string | undefined;
  readonly regionLevel?: RegionLevel | undefined;
};

export type NamedAssessment = PartyAssessment & { readonly name: string | null };

export type Assessment = {
  readonly districtCode: string;
  readonly level: AssessmentLevel;
  readonly regionLevel: RegionLevel | null;
  readonly period: Period;
  readonly previous: Period;
  readonly yearAgo: Period;
  readonly indicators: readonly IndicatorDef[];
  readonly parties: readonly NamedAssessment[];
};

const FAMILY_OF: Readonly<Record<AssessmentLevel, Family>> = {
  unit: 'unit',
  supervisor: 'supervisor',
  operator: 'operator',
  dispatcher: 'dispatcher',
  region: 'region',
  whistle: 'whistle',
};

/**
 * The district a principal asks about, if they may read its assessment: their own district by
 * default; leaders of a city any of its districts; street staff their district (narrowed to
 * their streets at the region level); a unit only its own figures (unit level).
 */
export function assessmentDistrict(
  p: Principal,
  asked: string | undefined,
  level: AssessmentLevel,
): Result<string, AssessmentError> {
  const districtCode = asked ?? (/^[0-9]{4}00$/.test(p.districtCode) ? undefined : p.districtCode);
  if (districtCode === undefined) return err({ code: 'assessment.district_required', details: {} });
  const forbidden = (reason: 'region' | 'role') =>
    err({
      code: 'auth.forbidden' as const,
      details: { reason, capability: 'indicator.read' as const },
    });
  if (p.role === 'unit_handler') {
    return (level === 'unit' || level === 'whistle') && districtCode === p.districtCode
      ? ok(districtCode)
      : forbidden('role');
  }
  const inside = p.regionScope.some((c) => c.startsWith(districtCode));
  return canSee(p, { districtCode }) || inside || p.role === 'admin'
    ? ok(districtCode)
    : forbidden('region');
}

/** The parties a principal may see in an assessment (units their own; street staff their streets). */
export function visible(p: Principal, level: AssessmentLevel, partyId: string): boolean {
  if (p.role === 'unit_handler') return partyId === p.unitId;
  if (level !== 'region' || p.role === 'admin' || p.regionScope.length === 0) return true;
  return p.regionScope.some((c) => {
    const prefix = /^[0-9]{4}00$/.test(c) ? c.slice(0, 4) : c;
    return partyId.startsWith(prefix) || prefix.startsWith(partyId);
  });
}

async function totalsOf(
  deps: Deps,
  q: { districtCode: string; level: AssessmentLevel; regionLevel: RegionLevel },
  period: Period,
): Promise<Map<string, Record<string, number>>> {
  // 吹哨报到: from the whistles of the period (their reports are not case events)
  if (q.level === 'whistle')
    return whistleTotals(await whistleFactsOf(deps, q.districtCode, period));
  const out = new Map<string, Record<string, number>>();
  const add = (party: string, metric: string, value: number) => {
    const t = out.get(party) ?? {};
    t[metric] = (t[metric] ?? 0) + value;
    out.set(party, t);
  };
  const kind = q.level === 'region' ? 'grid' : q.level;
  const len = q.level === 'region' ? REGION_CODE_LENGTH[q.regionLevel] : null;
  for (const r of await store.sumDaily(deps.db, q.districtCode, kind, period.from, period.to, len))
    add(r.partyId, r.metric, r.value);
  if (q.level === 'region' && len !== null) {
    for (const [code, n] of await store.countGrids(deps.db, q.districtCode, len))
      add(code, 'grid.count', n);
  }
  if (q.level === 'supervisor') {
    // 漏报: the misses of the grids in a supervisor's region scope are theirs
    const misses = await store.sumDaily(deps.db, q.districtCode, 'grid', period.from, period.to);
    for (const s of await store.supervisorScopes(deps.db, q.districtCode)) {
      for (const m of misses) {
        if (m.metric === 'grid.missed' && s.scope.some((c) => m.partyId.startsWith(c)))
          add(s.userId, 'grid.missed', m.value);
      }
    }
  }
  return out;
}

/**
 * The assessment of every party of a level in a district for a month or a year, read from the
 * daily roll-up (never from raw events): indicator values, composite, grade, rank, and change
 * against the previous period and the same period a year before.
 */
export async function assessDistrict(
  deps: Deps,
  query: AssessmentQuery,
): Promise<Result<Assessment, AssessmentError>> {
  const period = parsePeriod(query.period);
  if (!period) return err({ code: 'assessment.invalid_period', details: { period: query.period } });
  const d = assessmentDistrict(query.principal, query.districtCode, query.level);
  if (!d.ok) return d;
  const regionLevel = query.regionLevel ?? 'street';
  const q = { districtCode: d.value, level: query.level, regionLevel };
  const previous = previousPeriod(period);
  const yearAgo = yearAgoPeriod(period);
  const [cur, prev, ago] = await Promise.all([
    totalsOf(deps, q, period),
    totalsOf(deps, q, previous),
    totalsOf(deps, q, yearAgo),
  ]);
  // Cases in no unit grid ('') belong to no region below the district.
  const ids = [...cur.keys()].filter(
    (id) => id !== '' && visible(query.principal, query.level, id),
  );
  const empty: Totals = {};
  const family = FAMILY_OF[query.level];
  const rows = assessParties(
    family,
    ids.map((partyId) => ({
      partyId,
      current: cur.get(partyId) ?? empty,
      previous: prev.get(partyId) ?? empty,
      yearAgo: ago.get(partyId) ?? empty,
    })),
  );
  const nameKind =
    query.level === 'unit' || query.level === 'whistle'
      ? 'unit'
      : query.level === 'region'
        ? regionLevel === 'grid'
          ? 'grid'
          : 'region'
        : 'user';
  const names = await store.partyNames(deps.db, nameKind, ids);
  return ok({
    districtCode: d.value,
    level: query.level,
    regionLevel: query.level === 'region' ? regionLevel : null,
    period,
    previous,
    yearAgo,
    indicators: FAMILIES[family].indicators,
    parties: rows.map((r) => ({ ...r, name: names.get(r.partyId) ?? null })),
  });
}
