import {
  orderContribution,
  type OrderFacts,
  type RateKind,
  type RateParameters,
} from '../hotline/index.ts';
import { valueOf, type IndicatorDef, type Totals } from './indicator.ts';

/**
 * 接诉即办 (the 12345 / 12319 hotline): response, handling and service satisfaction rates per
 * street and per department (the receiving unit). The formulas are written once, in
 * domain/hotline rates.ts (docs/hotline.md); `hotlineTotals` turns each order's contribution
 * into the summed metrics these indicators divide, so GET /hotline/rates and the assessment
 * give the same numbers. Unlike the event-folded families, an order is judged at `asOf` (a
 * limit still running is not judged yet), so the totals are built from the orders, not rolled up.
 */
export const HOTLINE_INDICATORS: readonly IndicatorDef[] = [
  {
    id: 'hotline.response_rate',
    family: 'hotline',
    name: { zh: '响应率', en: 'response rate' },
    kind: 'rate',
    numerator: ['hotline.responded'],
    denominator: ['hotline.response_judged'],
  },
  {
    id: 'hotline.handling_rate',
    family: 'hotline',
    name: { zh: '处置率', en: 'handling rate' },
    kind: 'rate',
    numerator: ['hotline.handled'],
    denominator: ['hotline.handling_judged'],
  },
  {
    id: 'hotline.satisfaction_rate',
    family: 'hotline',
    name: { zh: '服务满意率', en: 'service satisfaction rate' },
    kind: 'rate',
    numerator: ['hotline.satisfied'],
    denominator: ['hotline.called_back'],
  },
];

const METRIC_OF: { readonly [K in RateKind]: readonly [string, string] } = {
  response: ['hotline.responded', 'hotline.response_judged'],
  handling: ['hotline.handled', 'hotline.handling_judged'],
  satisfaction: ['hotline.satisfied', 'hotline.called_back'],
};

/** The orders' summed metrics per party: the street of the problem, or the receiving unit. */
export function hotlineTotals(
  orders: readonly OrderFacts[],
  by: 'street' | 'unit',
  p: RateParameters,
  asOf: Date,
): Map<string, Totals> {
  const out = new Map<string, Record<string, number>>();
  for (const o of orders) {
    const party = by === 'street' ? o.streetCode : o.unitId;
    const t = out.get(party) ?? {};
    const c = orderContribution(o, p, asOf);
    for (const k of ['response', 'handling', 'satisfaction'] as const) {
      const [num, den] = METRIC_OF[k];
      t[num] = (t[num] ?? 0) + c[k].num;
      t[den] = (t[den] ?? 0) + c[k].den;
    }
    out.set(party, t);
  }
  return out;
}

/** Composite weights *(ours)*: the three rates, satisfaction weighing most (the public's view). */
export const HOTLINE_WEIGHTS = { response: 0.3, handling: 0.3, satisfaction: 0.4 } as const;

/** The scores (0..100, null when not applicable) the hotline composite weighs. */
export function hotlineScoreParts(t: Totals): Record<keyof typeof HOTLINE_WEIGHTS, number | null> {
  const [response, handling, satisfaction] = HOTLINE_INDICATORS.map((d) => valueOf(d, t));
  return {
    response: response ?? null,
    handling: handling ?? null,
    satisfaction: satisfaction ?? null,
  };
}
