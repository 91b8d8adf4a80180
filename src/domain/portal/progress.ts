import { SATISFACTION_LEVELS, type CaseStatus, type SatisfactionLevel } from '../cases/index.ts';

/**
 * A report's progress in the words of the person who made it (办理进度): a few phases, not the
 * centre's thirteen statuses, and never a name of the staff who acted; the unit that works on
 * it is named by its public name only.
 */
export const PHASES = [
  'received', // 已受理: the centre is checking it
  'filed', // 已立案
  'with_unit', // 办理中: with a unit
  'on_hold', // 已列入计划
  'checking', // 已处理，复核中
  'done', // 已处理完成
  'closed', // 已办结
  'not_taken_up', // 不予立案
  'cancelled', // 已撤销
  'merged', // 合并办理
] as const;
export type Phase = (typeof PHASES)[number];

type Text = { readonly zh: string; readonly en: string };

export function phaseOf(status: CaseStatus): Phase {
  switch (status) {
    case 'pending_verification':
    case 'pending_filing':
      return 'received';
    case 'pending_dispatch':
      return 'filed';
    case 'dispatched':
    case 'handling':
      return 'with_unit';
    case 'on_hold':
      return 'on_hold';
    case 'pending_recheck':
      return 'checking';
    case 'pending_close':
      return 'done';
    case 'closed':
    case 'evaluated':
      return 'closed';
    case 'not_filed':
      return 'not_taken_up';
    case 'cancelled':
      return 'cancelled';
    case 'merged':
      return 'merged';
  }
}

/** The unit's public name, when a unit works on it. */
export type UnitName = Text | null;

/** What a phase says, with the unit where it matters. */
export function phaseText(phase: Phase, unit: UnitName): Text {
  const u = unit ?? { zh: '责任单位', en: 'the responsible unit' };
  switch (phase) {
    case 'received':
      return { zh: '已收到您的反映，正在核实', en: 'We received your report and are checking it' };
    case 'filed':
      return { zh: '已立案，正在安排处理单位', en: 'Filed; a unit is being assigned' };
    case 'with_unit':
      return { zh: `已交由${u.zh}处理`, en: `With ${u.en}` };
    case 'on_hold':
      return {
        zh: `已列入${u.zh}的处理计划，需要较长时间`,
        en: `Scheduled by ${u.en}; it will take longer`,
      };
    case 'checking':
      return { zh: `${u.zh}已处理，正在复核`, en: `Handled by ${u.en}; being checked` };
    case 'done':
      return { zh: '已处理完成，等待办结', en: 'Done; about to be closed' };
    case 'closed':
      return { zh: '已办结，欢迎评价', en: 'Closed; you may rate the result' };
    case 'not_taken_up':
      return {
        zh: '经核实不属于受理范围或问题不存在',
        en: 'Checked: not within our remit or not found',
      };
    case 'cancelled':
      return { zh: '已撤销', en: 'Cancelled' };
    case 'merged':
      return {
        zh: '与他人反映的同一问题合并处理',
        en: 'Handled together with another report of the same problem',
      };
  }
}

/** One step of a case's history as the public sees it: when, and to which status. */
export type StatusChange = {
  readonly at: Date;
  readonly toStatus: CaseStatus;
  /** the unit the case was with after this step (dispatch names it), or null */
  readonly unit: UnitName;
};

export type TimelineEntry = { readonly at: Date; readonly phase: Phase; readonly text: Text };

/**
 * The timeline in plain words: one entry each time the phase changed (a send-back and re-dispatch
 * inside "with a unit" is one entry per unit), oldest first. Timer events and notes, which do
 * not change the status, say nothing to the public.
 */
export function timelineOf(changes: readonly StatusChange[]): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  let last: { phase: Phase; unit: string | null } | null = null;
  for (const c of changes) {
    const phase = phaseOf(c.toStatus);
    const unit = phase === 'with_unit' ? (c.unit?.zh ?? null) : null;
    if (last && last.phase === phase && last.unit === unit) continue;
    last = { phase, unit };
    out.push({ at: c.at, phase, text: phaseText(phase, c.unit) });
  }
  return out;
}

/**
 * 满意 / 基本满意 / 不满意: the reporter's rating of the result, once, after closure; the case's
 * one satisfaction scale (the `rate_satisfaction` event, shared with the hotline's call-back).
 */
export const RATINGS = SATISFACTION_LEVELS;
export type Rating = SatisfactionLevel;

/** A case may be rated once its loop closed. */
export const mayRate = (status: CaseStatus): boolean =>
  status === 'closed' || status === 'evaluated';
