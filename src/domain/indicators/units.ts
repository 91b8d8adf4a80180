import { bandScore, valueOf, type Band, type IndicatorDef, type Totals } from './indicator.ts';

/**
 * Units (处置单位 / 专业部门). Formulas: standards.md §4.2 "Specialized department"; where it
 * gives none (received, overdue, extensions, handling time) the definition is ours and written
 * in docs/indicators.md. A case counts for the unit it was with at the event (the main unit).
 */
export const UNIT_INDICATORS: readonly IndicatorDef[] = [
  {
    id: 'unit.received',
    family: 'unit',
    name: { zh: '受理案件数', en: 'cases received' },
    kind: 'count',
    numerator: ['unit.received'],
  },
  {
    id: 'unit.handled_on_time',
    family: 'unit',
    name: { zh: '按期处置数', en: 'handled on time' },
    kind: 'count',
    numerator: ['unit.handled_on_time'],
  },
  {
    id: 'unit.on_time_handling_rate',
    family: 'unit',
    name: { zh: '按期处置率', en: 'on-time handling rate' },
    kind: 'rate',
    numerator: ['unit.handled_on_time'],
    denominator: ['unit.handled'],
  },
  {
    id: 'unit.closed',
    family: 'unit',
    name: { zh: '结案数', en: 'cases closed' },
    kind: 'count',
    numerator: ['unit.closed'],
  },
  {
    id: 'unit.closure_rate',
    family: 'unit',
    name: { zh: '结案率', en: 'closure rate' },
    kind: 'rate',
    numerator: ['unit.closed'],
    denominator: ['unit.received'],
  },
  {
    id: 'unit.on_time_closure_rate',
    family: 'unit',
    name: { zh: '按期结案率', en: 'on-time closure rate' },
    kind: 'rate',
    numerator: ['unit.closed_on_time'],
    denominator: ['unit.closed'],
  },
  {
    id: 'unit.rework_rate',
    family: 'unit',
    name: { zh: '返工率', en: 'rework rate' },
    kind: 'rate',
    numerator: ['unit.reworked'],
    denominator: ['unit.handled'],
    lowerIsBetter: true,
  },
  {
    id: 'unit.send_back_rate',
    family: 'unit',
    name: { zh: '回退率', en: 'send-back rate' },
    kind: 'rate',
    numerator: ['unit.sent_back'],
    denominator: ['unit.received'],
    lowerIsBetter: true,
  },
  {
    id: 'unit.overdue',
    family: 'unit',
    name: { zh: '超期案件数', en: 'overdue count' },
    kind: 'count',
    numerator: ['unit.overdue'],
    lowerIsBetter: true,
  },
  {
    id: 'unit.extensions',
    family: 'unit',
    name: { zh: '延期次数', en: 'extension count' },
    kind: 'count',
    numerator: ['unit.extended'],
    lowerIsBetter: true,
  },
  {
    id: 'unit.avg_handling_hours',
    family: 'unit',
    name: { zh: '平均处置时长（工作小时）', en: 'average handling time (working hours)' },
    kind: 'hours',
    numerator: ['unit.handling_ms'],
    denominator: ['unit.handled'],
    lowerIsBetter: true,
  },
];

/** 立案数 score bands of a department (standards.md §4.2; "set per group of departments"). */
export const UNIT_CASELOAD_BANDS: readonly Band[] = [
  { upTo: 50, score: 100 },
  { upTo: 100, score: 90 },
  { upTo: 200, score: 75 },
  { upTo: 500, score: 60 },
  { upTo: 999, score: 40 },
];

/** 综合指标值 weights of a department (standards.md §4.2: 10/30/30/30). */
export const UNIT_WEIGHTS = {
  caseload: 0.1,
  closure_rate: 0.3,
  on_time_handling_rate: 0.3,
  rework: 0.3,
} as const;

const def = (id: string): IndicatorDef => {
  const d = UNIT_INDICATORS.find((x) => x.id === id);
  if (!d) throw new Error(id);
  return d;
};

/** The scores (0..100, null when not applicable) the unit composite weighs. */
export function unitScoreParts(t: Totals): Record<keyof typeof UNIT_WEIGHTS, number | null> {
  const rework = valueOf(def('unit.rework_rate'), t);
  return {
    caseload: bandScore(UNIT_CASELOAD_BANDS, valueOf(def('unit.received'), t) ?? 0, 0),
    closure_rate: valueOf(def('unit.closure_rate'), t),
    on_time_handling_rate: valueOf(def('unit.on_time_handling_rate'), t),
    // 返工率分值 = (1 − 返工率) × 100
    rework: rework === null ? null : Math.max(0, 100 - rework),
  };
}
