import type { Principal } from '../../domain/access/index.ts';
import type { IndicatorDef } from '../../domain/indicators/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import type { Deps } from '../deps.ts';
import {
  assessDistrict,
  type Assessment,
  type AssessmentError,
  type AssessmentLevel,
} from '../indicators/assess.ts';
import { writeXlsx, type Cell, type Sheet } from './xlsx.ts';

/** The monthly or annual comprehensive assessment report (网格化综合考核) of a district or unit. */
export type AssessmentReport = {
  readonly title: string;
  readonly districtCode: string;
  readonly period: string;
  readonly sheets: readonly Sheet[];
};

const LEVEL_TITLES: Readonly<Record<AssessmentLevel, string>> = {
  unit: '处置单位考核',
  supervisor: '监督员考核',
  operator: '受理员考核',
  dispatcher: '派遣员考核',
  region: '区域（街道）考核',
  whistle: '吹哨报到考核',
};

const UNIT_SUFFIX: Readonly<Record<IndicatorDef['kind'], string>> = {
  count: '',
  rate: '（%）',
  hours: '', // the name says 工作小时
  ratio: '',
};

/** The header of a level's sheet: rank, party, composite, grade, change, every indicator. */
export function sheetHeader(indicators: readonly IndicatorDef[]): string[] {
  return [
    '排名',
    '名称',
    '编码',
    '综合指标值',
    '等级',
    '综合指标值环比',
    '综合指标值同比',
    ...indicators.map((d) => `${d.name.zh}${UNIT_SUFFIX[d.kind]}`),
  ];
}

function sheetOf(a: Assessment, title: string): Sheet {
  return {
    name: LEVEL_TITLES[a.level],
    caption: [title, `考核周期 ${a.period.label}（${a.period.from} 至 ${a.period.to}，不含）`],
    header: sheetHeader(a.indicators),
    rows: a.parties.map((p): Cell[] => [
      p.rank,
      p.name ?? p.partyId,
      p.partyId,
      p.composite,
      p.grade,
      p.compositeMom.delta,
      p.compositeYoy.delta,
      ...p.indicators.map((i) => i.value),
    ]),
  };
}

export type ReportQuery = {
  readonly principal: Principal;
  readonly period: string;
  readonly districtCode?: string | undefined;
  /** A unit's own report (a unit handler always gets only their unit's). */
  readonly unitId?: string | undefined;
};

/**
 * Builds the report: one sheet per evaluated level (a unit report: the unit's row only), each
 * from the same assessment the API serves. `onProgress(done, total, label)` after each sheet.
 */
export async function buildAssessmentReport(
  deps: Deps,
  q: ReportQuery,
  onProgress: (done: number, total: number, label: string) => void = () => undefined,
): Promise<Result<AssessmentReport, AssessmentError>> {
  const unitId = q.principal.role === 'unit_handler' ? q.principal.unitId : q.unitId;
  const levels: readonly AssessmentLevel[] =
    unitId !== undefined
      ? ['unit']
      : ['unit', 'supervisor', 'operator', 'dispatcher', 'region', 'whistle'];
  const sheets: Sheet[] = [];
  let districtCode = q.districtCode ?? '';
  let title = '';
  for (const [i, level] of levels.entries()) {
    const r = await assessDistrict(deps, {
      principal: q.principal,
      period: q.period,
      level,
      districtCode: q.districtCode,
    });
    if (!r.ok) return r;
    const a =
      unitId === undefined
        ? r.value
        : { ...r.value, parties: r.value.parties.filter((p) => p.partyId === unitId) };
    districtCode = a.districtCode;
    const kind = a.period.kind === 'month' ? '月度' : '年度';
    title =
      unitId === undefined
        ? `${a.districtCode} 网格化综合考核${kind}报告 ${a.period.label}`
        : `${a.parties[0]?.name ?? unitId} 网格化综合考核${kind}报告 ${a.period.label}`;
    sheets.push(sheetOf(a, title));
    onProgress(i + 1, levels.length, LEVEL_TITLES[level]);
  }
  if (sheets.length === 0) return err({ code: 'assessment.district_required', details: {} });
  return ok({ title, districtCode, period: q.period, sheets });
}

/** The report as .xlsx bytes. */
export function reportXlsx(r: AssessmentReport): Buffer {
  return writeXlsx(r.sheets);
}

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The report as one printable HTML page (A4 landscape, a table per sheet). */
export function reportHtml(r: AssessmentReport): string {
  const cell = (v: Cell) => (v === null ? '—' : esc(String(v)));
  const tables = r.sheets
    .map(
      (s) =>
        `<section><h2>${esc(s.name)}</h2><table><thead><tr>${s.header
          .map((h) => `<th>${esc(h)}</th>`)
          .join('')}</tr></thead><tbody>${s.rows
          .map((row) => `<tr>${row.map((v) => `<td>${cell(v)}</td>`).join('')}</tr>`)
          .join('')}</tbody></table></section>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(r.title)}</title>
<style>
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; font-size: 10pt; }
table { border-collapse: collapse; width: 100%; margin-bottom: 8mm; }
th, td { border: 1px solid #888; padding: 2px 4px; text-align: right; }
th { background: #eee; text-align: center; }
td:nth-child(2), td:nth-child(3) { text-align: left; }
section { page-break-inside: avoid; }
</style></head>
<body><h1>${esc(r.title)}</h1>
${tables}
</body></html>
`;
}
