import { valueOf, type IndicatorDef, type Totals } from './indicator.ts';

/**
 * Supervisors (监督员). Formulas: standards.md §4.2 "Supervisor". 漏报数 counts the cases the
 * city's supervisors found (source city_supervisor) in the grids the supervisor is assigned to
 * (grid_staff_assignments, duty supervisor): the service adds `grid.missed` of those grids.
 */
export const SUPERVISOR_INDICATORS: readonly IndicatorDef[] = [
  {
    id: 'supervisor.reports',
    family: 'supervisor',
    name: { zh: '上报数', en: 'reports' },
    kind: 'count',
    numerator: ['supervisor.reported'],
  },
  {
    id: 'supervisor.valid_reports',
    family: 'supervisor',
    name: { zh: '有效上报数', en: 'valid reports' },
    kind: 'count',
    numerator: ['supervisor.valid'],
  },
  {
    id: 'supervisor.valid_report_rate',
    family: 'supervisor',
    name: { zh: '有效上报率', en: 'valid report rate' },
    kind: 'rate',
    numerator: ['supervisor.valid'],
    denominator: ['supervisor.reported'],
  },
  {
    id: 'supervisor.verifications',
    family: 'supervisor',
    name: { zh: '核实数', en: 'verifications done' },
    kind: 'count',
    numerator: ['supervisor.verified'],
  },
  {
    id: 'supervisor.on_time_verification_rate',
    family: 'supervisor',
    name: { zh: '按时核实率', en: 'on-time verification rate' },
    kind: 'rate',
    numerator: ['supervisor.verified_on_time'],
    denominator: ['supervisor.verified'],
  },
  {
    id: 'supervisor.rechecks',
    family: 'supervisor',
    name: { zh: '核查数', en: 're-checks done' },
    kind: 'count',
    numerator: ['supervisor.rechecked'],
  },
  {
    id: 'supervisor.on_time_recheck_rate',
    family: 'supervisor',
    name: { zh: '按时核查率', en: 'on-time re-check rate' },
    kind: 'rate',
    numerator: ['supervisor.rechecked_on_time'],
    denominator: ['supervisor.rechecked'],
  },
  {
    id: 'supervisor.self_handled',
    family: 'supervisor',
    name: { zh: '自行处置数', en: 'self-handled cases' },
    kind: 'count',
    numerator: ['supervisor.self_handled'],
  },
  {
    id: 'supervisor.missed',
    family: 'supervisor',
    name: { zh: '漏报数', en: 'missed cases' },
    kind: 'count',
    numerator: ['grid.missed'],
    lowerIsBetter: true,
  },
  {
    id: 'supervisor.missed_rate',
    family: 'supervisor',
    name: { zh: '漏报率', en: 'missed-report rate' },
    kind: 'rate',
    numerator: ['grid.missed'],
    denominator: ['supervisor.valid', 'grid.missed'],
    lowerIsBetter: true,
  },
];

/** 综合指标值 weights (standards.md §4.2: 40/20/20/20). */
export const SUPERVISOR_WEIGHTS = {
  valid_report_rate: 0.4,
  missed: 0.2,
  on_time_verification_rate: 0.2,
  on_time_recheck_rate: 0.2,
} as const;

const def = (id: string): IndicatorDef => {
  const d = SUPERVISOR_INDICATORS.find((x) => x.id === id);
  if (!d) throw new Error(id);
  return d;
};

export function supervisorScoreParts(
  t: Totals,
): Record<keyof typeof SUPERVISOR_WEIGHTS, number | null> {
  const missed = valueOf(def('supervisor.missed_rate'), t);
  return {
    valid_report_rate: valueOf(def('supervisor.valid_report_rate'), t),
    // 漏报率分值 = (1 − 漏报率) × 100
    missed: missed === null ? null : 100 - missed,
    on_time_verification_rate: valueOf(def('supervisor.on_time_verification_rate'), t),
    on_time_recheck_rate: valueOf(def('supervisor.on_time_recheck_rate'), t),
  };
}
