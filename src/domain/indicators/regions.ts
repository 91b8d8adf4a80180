import { bandScore, valueOf, type Band, type IndicatorDef, type Totals } from './indicator.ts';

/**
 * Regions (区域: unit grid, community, street, district). A region's facts are those of its
 * unit grids (a grid code starts with its community's and street's codes); the service adds
 * `grid.count`, the number of unit grids in the region. Formulas: standards.md §4.2 "Region";
 * the two-level-supervision findings (二级监督: missed, reopened, duplicate) are ours.
 */
export const REGION_INDICATORS: readonly IndicatorDef[] = [
  {
    id: 'region.filed',
    family: 'region',
    name: { zh: '立案数', en: 'problems filed' },
    kind: 'count',
    numerator: ['grid.filed'],
  },
  {
    id: 'region.problems_per_grid',
    family: 'region',
    name: { zh: '网格平均问题数', en: 'problems per grid' },
    kind: 'ratio',
    numerator: ['grid.filed'],
    denominator: ['grid.count'],
  },
  {
    id: 'region.closure_rate',
    family: 'region',
    name: { zh: '结案率', en: 'closure rate' },
    kind: 'rate',
    numerator: ['grid.closed'],
    denominator: ['grid.filed'],
  },
  {
    id: 'region.on_time_rate',
    family: 'region',
    name: { zh: '按期结案率', en: 'on-time closure rate' },
    kind: 'rate',
    numerator: ['grid.closed_on_time'],
    denominator: ['grid.closed'],
  },
  {
    id: 'region.missed',
    family: 'region',
    name: { zh: '二级监督发现漏报数', en: 'missed cases found by city supervisors' },
    kind: 'count',
    numerator: ['grid.missed'],
    lowerIsBetter: true,
  },
  {
    id: 'region.reopened',
    family: 'region',
    name: { zh: '二级监督抽查不合格数', en: 'closures reopened by city spot checks' },
    kind: 'count',
    numerator: ['grid.reopened'],
    lowerIsBetter: true,
  },
  {
    id: 'region.duplicates',
    family: 'region',
    name: { zh: '重复案件数', en: 'duplicate cases' },
    kind: 'count',
    numerator: ['grid.duplicate'],
    lowerIsBetter: true,
  },
  {
    id: 'region.supervision_finding_rate',
    family: 'region',
    name: { zh: '二级监督问题率', en: 'two-level-supervision finding rate' },
    kind: 'rate',
    numerator: ['grid.missed', 'grid.reopened', 'grid.duplicate'],
    denominator: ['grid.filed'],
    lowerIsBetter: true,
  },
];

/** 立案数 per grid score bands of a class-1 area (standards.md §4.2 一类区域). */
export const REGION_LOAD_BANDS: readonly Band[] = [
  { upTo: 0, score: 100 },
  { upTo: 2.999, score: 90 },
  { upTo: 4.999, score: 75 },
  { upTo: 6.999, score: 60 },
  { upTo: 8.999, score: 40 },
];

/** Composite weights of a region: the standard's are unconfirmed (standards.md §4.2), so ours. */
export const REGION_WEIGHTS = {
  load: 0.2,
  closure_rate: 0.4,
  on_time_rate: 0.3,
  supervision: 0.1,
} as const;

const def = (id: string): IndicatorDef => {
  const d = REGION_INDICATORS.find((x) => x.id === id);
  if (!d) throw new Error(id);
  return d;
};

export function regionScoreParts(t: Totals): Record<keyof typeof REGION_WEIGHTS, number | null> {
  const perGrid = valueOf(def('region.problems_per_grid'), t);
  const findings = valueOf(def('region.supervision_finding_rate'), t);
  return {
    load: perGrid === null ? null : bandScore(REGION_LOAD_BANDS, perGrid, 0),
    closure_rate: valueOf(def('region.closure_rate'), t),
    on_time_rate: valueOf(def('region.on_time_rate'), t),
    supervision: findings === null ? null : Math.max(0, 100 - findings),
  };
}
