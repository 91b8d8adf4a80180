import { writeXlsx, type Cell } from '../../services/reports/xlsx.ts';
import type { presentCase } from './cases.present.ts';

/** The most cases one export writes (the list's first ones, in its order). */
export const CASE_EXPORT_MAX_ROWS = 10_000;

type PresentedCase = ReturnType<typeof presentCase>;

/** The columns of the case export, the same as the console's CSV (web/src/pages/CaseSearchPage). */
export const CASE_EXPORT_HEADER = [
  'caseNumber 案件编号',
  'status 状态',
  'source 来源',
  'kind 类型',
  'category 类别',
  'urgency 紧急程度',
  'district 区',
  'street 街道',
  'community 社区',
  'grid 网格',
  'address 地址',
  'description 描述',
  'mainUnitId 主办单位',
  'timer 计时',
  'dueAt 时限',
  'createdAt 上报时间',
  'updatedAt 更新时间',
] as const;

/** One row of the export for a presented case (phones never appear: no reporter column). */
export function caseExportRow(c: PresentedCase): Cell[] {
  return [
    c.caseNumber,
    c.statusLabel.zh,
    c.source,
    c.kind,
    c.category.code,
    c.urgency,
    c.districtCode,
    c.streetCode,
    c.communityCode,
    c.gridCode,
    c.address,
    c.description,
    c.mainUnitId,
    c.timer?.state ?? null,
    c.timer?.dueAt ?? null,
    c.createdAt,
    c.updatedAt,
  ];
}

/** The .xlsx of a case search: one sheet, a caption with the time and whether it was cut. */
export function caseListXlsx(cases: readonly PresentedCase[], at: Date, cut: boolean): Buffer {
  const caption = [`案件导出 cases · ${at.toISOString()} · ${String(cases.length)}`];
  if (cut)
    caption.push(
      `仅导出前 ${String(CASE_EXPORT_MAX_ROWS)} 件 only the first ${String(CASE_EXPORT_MAX_ROWS)} cases`,
    );
  return writeXlsx([
    { name: '案件 cases', caption, header: CASE_EXPORT_HEADER, rows: cases.map(caseExportRow) },
  ]);
}
