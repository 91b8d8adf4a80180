import type { paths } from '../api/schema.gen.ts';
import { toCsv } from './csv.ts';

export type Assessment =
  paths['/api/v1/assessment']['get']['responses']['200']['content']['application/json'];
export type Indicator = Assessment['indicators'][number];
export type Party = Assessment['parties'][number];
export type AssessLevel = NonNullable<
  NonNullable<paths['/api/v1/assessment']['get']['parameters']['query']>['level']
>;

/** The indicator families (考核对象) of GET /api/v1/assessment, in the order the page tabs them. */
export const ASSESS_LEVELS: readonly { level: AssessLevel; zh: string; en: string }[] = [
  { level: 'unit', zh: '专业部门', en: 'Units' },
  { level: 'region', zh: '区域', en: 'Regions' },
  { level: 'supervisor', zh: '监督员', en: 'Supervisors' },
  { level: 'operator', zh: '受理员', en: 'Operators' },
  { level: 'dispatcher', zh: '派遣员', en: 'Dispatchers' },
  { level: 'whistle', zh: '吹哨报到', en: 'Whistles' },
];

/** A value as the table shows it: rates in %, hours with one decimal, counts whole. */
export function formatValue(i: Pick<Indicator, 'kind'>, v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  switch (i.kind) {
    case 'rate':
      return `${(v * 100).toFixed(1)}%`;
    case 'hours':
      return v.toFixed(1);
    case 'ratio':
      return v.toFixed(2);
    case 'count':
      return String(Math.round(v));
  }
}

/** The month before `today` as YYYY-MM (the period a monthly assessment usually looks at). */
export function lastMonth(today: Date): string {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  return d.toISOString().slice(0, 7);
}

/** The ranking as CSV: rank, party, composite, grade and every indicator's value. */
export function rankingCsv(a: Assessment): string {
  const header = [
    'rank',
    'partyId',
    'name',
    'composite',
    'grade',
    ...a.indicators.map((i) => i.id),
  ];
  const rows = [...a.parties]
    .sort((x, y) => x.rank - y.rank)
    .map((p) => [
      p.rank,
      p.partyId,
      p.name,
      p.composite,
      p.grade,
      ...a.indicators.map((i) => p.values.find((v) => v.id === i.id)?.value ?? null),
    ]);
  return toCsv(header, rows);
}
