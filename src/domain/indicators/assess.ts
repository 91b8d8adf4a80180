import {
  changeOf,
  compositeScore,
  gradeOf,
  rankBy,
  type Change,
  type Weights,
} from './composite.ts';
import { valueOf, type Family, type IndicatorDef, type Totals } from './indicator.ts';
import {
  DISPATCHER_INDICATORS,
  DISPATCHER_WEIGHTS,
  OPERATOR_INDICATORS,
  OPERATOR_WEIGHTS,
  dispatcherScoreParts,
  operatorScoreParts,
} from './operators.ts';
import { HOTLINE_INDICATORS, HOTLINE_WEIGHTS, hotlineScoreParts } from './hotline.ts';
import { REGION_INDICATORS, REGION_WEIGHTS, regionScoreParts } from './regions.ts';
import { SUPERVISOR_INDICATORS, SUPERVISOR_WEIGHTS, supervisorScoreParts } from './supervisors.ts';
import { UNIT_INDICATORS, UNIT_WEIGHTS, unitScoreParts } from './units.ts';
import { WHISTLE_INDICATORS, WHISTLE_WEIGHTS, whistleScoreParts } from './whistles.ts';

type FamilyDef = {
  readonly indicators: readonly IndicatorDef[];
  readonly weights: Weights;
  readonly parts: (t: Totals) => Readonly<Record<string, number | null>>;
};

/** Every indicator family: its indicators, default composite weights and scored parts. */
export const FAMILIES: { readonly [F in Family]: FamilyDef } = {
  unit: { indicators: UNIT_INDICATORS, weights: UNIT_WEIGHTS, parts: unitScoreParts },
  supervisor: {
    indicators: SUPERVISOR_INDICATORS,
    weights: SUPERVISOR_WEIGHTS,
    parts: supervisorScoreParts,
  },
  operator: {
    indicators: OPERATOR_INDICATORS,
    weights: OPERATOR_WEIGHTS,
    parts: operatorScoreParts,
  },
  dispatcher: {
    indicators: DISPATCHER_INDICATORS,
    weights: DISPATCHER_WEIGHTS,
    parts: dispatcherScoreParts,
  },
  region: { indicators: REGION_INDICATORS, weights: REGION_WEIGHTS, parts: regionScoreParts },
  whistle: { indicators: WHISTLE_INDICATORS, weights: WHISTLE_WEIGHTS, parts: whistleScoreParts },
  hotline: { indicators: HOTLINE_INDICATORS, weights: HOTLINE_WEIGHTS, parts: hotlineScoreParts },
};

export const FAMILY_NAMES = Object.keys(FAMILIES) as readonly Family[];

/** Every indicator of every family. */
export const ALL_INDICATORS: readonly IndicatorDef[] = FAMILY_NAMES.flatMap(
  (f) => FAMILIES[f].indicators,
);

export function findIndicator(id: string): IndicatorDef | undefined {
  return ALL_INDICATORS.find((d) => d.id === id);
}

/** One party's totals for the period, the period before and the same period a year before. */
export type PartyTotals = {
  readonly partyId: string;
  readonly current: Totals;
  readonly previous: Totals;
  readonly yearAgo: Totals;
};

export type IndicatorValue = {
  readonly id: string;
  readonly value: number | null;
  readonly mom: Change;
  readonly yoy: Change;
};

export type PartyAssessment = {
  readonly partyId: string;
  readonly indicators: readonly IndicatorValue[];
  readonly composite: number | null;
  readonly grade: string | null;
  readonly rank: number;
  readonly compositeMom: Change;
  readonly compositeYoy: Change;
};

/**
 * Assesses every party of a family (`assess()` in STYLE.md): each indicator's value with its
 * month-on-month (环比) and year-on-year (同比) change, the weighted composite, its grade and the
 * rank among the parties given (best composite first).
 */
export function assessParties(
  family: Family,
  parties: readonly PartyTotals[],
  weights: Weights = FAMILIES[family].weights,
): PartyAssessment[] {
  const f = FAMILIES[family];
  const composite = (t: Totals) => compositeScore(f.parts(t), weights);
  const rows = parties.map((p) => {
    const score = composite(p.current);
    return {
      partyId: p.partyId,
      indicators: f.indicators.map((d) => {
        const value = valueOf(d, p.current);
        return {
          id: d.id,
          value,
          mom: changeOf(value, valueOf(d, p.previous)),
          yoy: changeOf(value, valueOf(d, p.yearAgo)),
        };
      }),
      composite: score,
      grade: gradeOf(score),
      compositeMom: changeOf(score, composite(p.previous)),
      compositeYoy: changeOf(score, composite(p.yearAgo)),
    };
  });
  const ranks = rankBy(rows, (r) => r.composite);
  return rows
    .map((r) => ({ ...r, rank: ranks.get(r) ?? rows.length }))
    .sort((a, b) => a.rank - b.rank || a.partyId.localeCompare(b.partyId));
}
