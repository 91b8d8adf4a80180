import { REPORT_STEPS, departmentOutcome, stepOutcome, type Whistle } from '../whistle/index.ts';
import { valueOf, type IndicatorDef, type Totals } from './indicator.ts';

/**
 * 吹哨报到 (whistle and report, issue #10 §1): for each department summoned in the period, how
 * many whistles of each level summoned it and whether it reported on time, late or never
 * (domain/whistle stats.ts judges each summons from its three report steps). A whistle counts in
 * the period it was blown, whenever its reports came. These facts come from the whistles' own
 * timeline (the departments' reports are not case events), so the service derives them from the
 * whistles of the period instead of the daily roll-up; whistles are few (a coordination call).
 */
export const WHISTLE_INDICATORS: readonly IndicatorDef[] = [
  {
    id: 'whistle.summons',
    family: 'whistle',
    name: { zh: '被吹哨报到次数', en: 'times summoned' },
    kind: 'count',
    numerator: ['whistle.summoned'],
  },
  {
    id: 'whistle.summons_community',
    family: 'whistle',
    name: { zh: '社区吹哨次数', en: 'summoned by community whistles' },
    kind: 'count',
    numerator: ['whistle.summoned.community'],
  },
  {
    id: 'whistle.summons_street',
    family: 'whistle',
    name: { zh: '街道吹哨次数', en: 'summoned by street whistles' },
    kind: 'count',
    numerator: ['whistle.summoned.street'],
  },
  {
    id: 'whistle.summons_district',
    family: 'whistle',
    name: { zh: '区级吹哨次数', en: 'summoned by district whistles' },
    kind: 'count',
    numerator: ['whistle.summoned.district'],
  },
  {
    id: 'whistle.reported_on_time',
    family: 'whistle',
    name: { zh: '按时报到数', en: 'reported on time' },
    kind: 'count',
    numerator: ['whistle.on_time'],
  },
  {
    id: 'whistle.reported_late',
    family: 'whistle',
    name: { zh: '迟报到数', en: 'reported late' },
    kind: 'count',
    numerator: ['whistle.late'],
    lowerIsBetter: true,
  },
  {
    id: 'whistle.never_reported',
    family: 'whistle',
    name: { zh: '未报到数', en: 'never reported' },
    kind: 'count',
    numerator: ['whistle.never'],
    lowerIsBetter: true,
  },
  {
    id: 'whistle.on_time_report_rate',
    family: 'whistle',
    name: { zh: '按时报到率', en: 'on-time report rate' },
    kind: 'rate',
    numerator: ['whistle.on_time'],
    denominator: ['whistle.on_time', 'whistle.late', 'whistle.never'],
  },
];

/** 综合 *(ours)*: the on-time report rate alone. */
export const WHISTLE_WEIGHTS = { on_time_report_rate: 1 } as const;

const RATE = WHISTLE_INDICATORS.find((d) => d.id === 'whistle.on_time_report_rate');

export function whistleScoreParts(t: Totals): Record<keyof typeof WHISTLE_WEIGHTS, number | null> {
  return { on_time_report_rate: RATE ? valueOf(RATE, t) : null };
}

/** One summons as a fact of the family: the department, the whistle and what it counts. */
export type WhistleFact = {
  readonly unitId: string;
  readonly whistleId: string;
  readonly caseId: string;
  readonly level: Whistle['level'];
  readonly whistledAt: Date;
  readonly metric: string;
  readonly value: 1;
};

/**
 * The facts of the whistles blown in [from, to), judged at `asOf`: per summons `whistle.summoned`
 * and `whistle.summoned.<level>`, and its outcome (`whistle.on_time` / `late` / `never`; a
 * summons still pending or waived counts in none of the three).
 */
export function whistleFacts(
  whistles: readonly Whistle[],
  period: { readonly from: Date; readonly to: Date },
  asOf: Date,
): WhistleFact[] {
  const out: WhistleFact[] = [];
  for (const w of whistles) {
    const t = w.whistledAt.getTime();
    if (t < period.from.getTime() || t >= period.to.getTime()) continue;
    for (const s of w.summons) {
      const fact = (metric: string): WhistleFact => ({
        unitId: s.unitId,
        whistleId: w.id,
        caseId: w.caseId,
        level: w.level,
        whistledAt: w.whistledAt,
        metric,
        value: 1,
      });
      out.push(fact('whistle.summoned'), fact(`whistle.summoned.${w.level}`));
      const outcome = departmentOutcome(
        REPORT_STEPS.map((step) => stepOutcome(s.due[step], s.done[step], w.closedAt, asOf)),
      );
      if (outcome === 'on_time' || outcome === 'late' || outcome === 'never')
        out.push(fact(`whistle.${outcome}`));
    }
  }
  return out;
}

/** The facts summed per department. */
export function whistleTotals(facts: readonly WhistleFact[]): Map<string, Record<string, number>> {
  const out = new Map<string, Record<string, number>>();
  for (const f of facts) {
    const t = out.get(f.unitId) ?? {};
    t[f.metric] = (t[f.metric] ?? 0) + f.value;
    out.set(f.unitId, t);
  }
  return out;
}
