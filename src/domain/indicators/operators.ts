import { bandScore, valueOf, type Band, type IndicatorDef, type Totals } from './indicator.ts';

/**
 * Acceptance operators (受理员 / 值班长: they file and close) and dispatchers (派遣员).
 * Formulas: standards.md §4.2 "Shift leader" and "Dispatcher". 准确派遣率 counts a dispatch as
 * inaccurate when the unit sends the case back (回退), the reading the standard leaves open.
 */
export const OPERATOR_INDICATORS: readonly IndicatorDef[] = [
  {
    id: 'operator.filed',
    family: 'operator',
    name: { zh: '立案数', en: 'cases filed' },
    kind: 'count',
    numerator: ['operator.filed'],
  },
  {
    id: 'operator.filed_on_time',
    family: 'operator',
    name: { zh: '按时立案数', en: 'filed on time' },
    kind: 'count',
    numerator: ['operator.filed_on_time'],
  },
  {
    id: 'operator.on_time_filing_rate',
    family: 'operator',
    name: { zh: '按时立案率', en: 'on-time filing rate' },
    kind: 'rate',
    numerator: ['operator.filed_on_time'],
    denominator: ['operator.filed'],
  },
  {
    id: 'operator.closed',
    family: 'operator',
    name: { zh: '结案数（受理员）', en: 'cases closed (operator)' },
    kind: 'count',
    numerator: ['operator.closed'],
  },
  {
    id: 'operator.on_time_closing_rate',
    family: 'operator',
    name: { zh: '按时结案率（受理员）', en: 'on-time closing rate (operator)' },
    kind: 'rate',
    numerator: ['operator.closed_on_time'],
    denominator: ['operator.closed'],
  },
];

export const DISPATCHER_INDICATORS: readonly IndicatorDef[] = [
  {
    id: 'dispatcher.dispatched',
    family: 'dispatcher',
    name: { zh: '派遣数', en: 'dispatches' },
    kind: 'count',
    numerator: ['dispatcher.dispatched'],
  },
  {
    id: 'dispatcher.dispatched_on_time',
    family: 'dispatcher',
    name: { zh: '按时派遣数', en: 'dispatched on time' },
    kind: 'count',
    numerator: ['dispatcher.dispatched_on_time'],
  },
  {
    id: 'dispatcher.on_time_dispatch_rate',
    family: 'dispatcher',
    name: { zh: '按时派遣率', en: 'on-time dispatch rate' },
    kind: 'rate',
    numerator: ['dispatcher.dispatched_on_time'],
    denominator: ['dispatcher.dispatched'],
  },
  {
    id: 'dispatcher.accuracy_rate',
    family: 'dispatcher',
    name: { zh: '准确派遣率', en: 'dispatch accuracy (not sent back)' },
    kind: 'rate',
    numerator: ['dispatcher.dispatched'],
    minus: ['dispatcher.sent_back'],
    denominator: ['dispatcher.dispatched'],
  },
];

/** 综合指标值 weights of an operator: standards.md gives 25/40/35 with 准确立案率, which needs
 * cancellations attributed to the filer; until then on-time filing and closing weigh half each. */
export const OPERATOR_WEIGHTS = { on_time_filing_rate: 0.5, on_time_closing_rate: 0.5 } as const;

/** 派遣数 score bands (standards.md §4.2: the same as 受理数). */
export const DISPATCH_COUNT_BANDS: readonly Band[] = [
  { upTo: 100, score: 0 },
  { upTo: 300, score: 40 },
  { upTo: 500, score: 60 },
  { upTo: 1200, score: 75 },
  { upTo: 2000, score: 90 },
];

/** 综合指标值 weights of a dispatcher (standards.md §4.2: 20/40/40). */
export const DISPATCHER_WEIGHTS = {
  dispatch_count: 0.2,
  on_time_dispatch_rate: 0.4,
  accuracy_rate: 0.4,
} as const;

const find = (list: readonly IndicatorDef[], id: string): IndicatorDef => {
  const d = list.find((x) => x.id === id);
  if (!d) throw new Error(id);
  return d;
};

export function operatorScoreParts(
  t: Totals,
): Record<keyof typeof OPERATOR_WEIGHTS, number | null> {
  return {
    on_time_filing_rate: valueOf(find(OPERATOR_INDICATORS, 'operator.on_time_filing_rate'), t),
    on_time_closing_rate: valueOf(find(OPERATOR_INDICATORS, 'operator.on_time_closing_rate'), t),
  };
}

export function dispatcherScoreParts(
  t: Totals,
): Record<keyof typeof DISPATCHER_WEIGHTS, number | null> {
  const n = valueOf(find(DISPATCHER_INDICATORS, 'dispatcher.dispatched'), t) ?? 0;
  return {
    dispatch_count: bandScore(DISPATCH_COUNT_BANDS, n, 100),
    on_time_dispatch_rate: valueOf(
      find(DISPATCHER_INDICATORS, 'dispatcher.on_time_dispatch_rate'),
      t,
    ),
    accuracy_rate: valueOf(find(DISPATCHER_INDICATORS, 'dispatcher.accuracy_rate'), t),
  };
}
