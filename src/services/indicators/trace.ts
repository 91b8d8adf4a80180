import {
  findIndicator,
  metricsOf,
  parsePeriod,
  partyKindOf,
  type IndicatorDef,
  type Metric,
  type Period,
} from '../../domain/indicators/index.ts';
import { METRICS } from '../../domain/indicators/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import * as store from '../../store/assessment.store.ts';
import type { Deps } from '../deps.ts';
import type { Principal } from '../../domain/access/index.ts';
import { assessmentDistrict, visible, type AssessmentError } from './assess.ts';
import { traceWhistleFacts } from './whistle-facts.ts';

export type TraceQuery = {
  readonly principal: Principal;
  readonly indicator: string;
  readonly period: string;
  /** A unit id, a user id, or a region code (district 6 / street 9 / community 12 / grid 15). */
  readonly party: string;
  readonly districtCode?: string | undefined;
  readonly limit?: number | undefined;
};

export type Trace = {
  readonly indicator: IndicatorDef;
  readonly period: Period;
  readonly districtCode: string;
  readonly party: string;
  /** Each metric's sum over the traced facts (the numerator and denominator behind the value). */
  readonly sums: Readonly<Record<string, number>>;
  readonly items: readonly store.TracedFact[];
  readonly truncated: boolean;
};

const isMetric = (m: string): m is Metric => (METRICS as readonly string[]).includes(m);

/**
 * The cases and events behind one indicator of one party in a period (traceability, issue #10
 * §2): the facts of the indicator's metrics, each with its case number and event, read from the
 * same facts the roll-up summed, so their sums are the numbers of the assessment.
 */
export async function traceIndicator(
  deps: Deps,
  q: TraceQuery,
): Promise<Result<Trace, AssessmentError>> {
  const def = findIndicator(q.indicator);
  if (!def)
    return err({ code: 'assessment.unknown_indicator', details: { indicator: q.indicator } });
  const period = parsePeriod(q.period);
  if (!period) return err({ code: 'assessment.invalid_period', details: { period: q.period } });
  // The hotline's rates are judged from its work orders, not rolled-up facts: its orders are
  // listed by GET /api/v1/hotline/orders (docs/hotline.md).
  if (def.family === 'hotline')
    return err({ code: 'assessment.unknown_indicator', details: { indicator: q.indicator } });
  const level = def.family;
  const d = assessmentDistrict(q.principal, q.districtCode, level);
  if (!d.ok) return d;
  if (!visible(q.principal, level, q.party))
    return err({
      code: 'auth.forbidden',
      details: { reason: 'region', capability: 'indicator.read' },
    });
  const limit = q.limit ?? 1000;
  const items: store.TracedFact[] = [];
  const sums: Record<string, number> = {};
  let truncated = false;
  if (def.family === 'whistle') {
    const facts = await traceWhistleFacts(deps, d.value, period, q.party, metricsOf(def));
    for (const f of facts) sums[f.metric] = (sums[f.metric] ?? 0) + f.value;
    return ok({
      indicator: def,
      period,
      districtCode: d.value,
      party: q.party,
      sums,
      items: facts.slice(0, limit),
      truncated: facts.length > limit,
    });
  }
  for (const metric of new Set(metricsOf(def).filter(isMetric))) {
    const kind = partyKindOf(metric);
    // a supervisor's 漏报 are the misses of the grids in their region scope
    const parties =
      def.family === 'supervisor' && kind === 'grid'
        ? ((await store.supervisorScopes(deps.db, d.value)).find((s) => s.userId === q.party)
            ?.scope ?? [])
        : [q.party];
    for (const party of parties) {
      const rows = await store.traceFacts(deps.db, {
        districtCode: d.value,
        partyKind: kind,
        metrics: [metric],
        partyPrefix: party,
        partyExact: kind !== 'grid',
        from: period.from,
        to: period.to,
        limit: limit + 1,
      });
      if (rows.length > limit) truncated = true;
      for (const r of rows.slice(0, limit)) {
        sums[metric] = (sums[metric] ?? 0) + r.value;
        items.push(r);
      }
    }
  }
  items.sort((a, b) => a.at.getTime() - b.at.getTime() || a.eventId.localeCompare(b.eventId));
  return ok({
    indicator: def,
    period,
    districtCode: d.value,
    party: q.party,
    sums,
    items: items.slice(0, limit),
    truncated: truncated || items.length > limit,
  });
}
