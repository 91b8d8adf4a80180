import type { DeadlineInput, Reporter, SourceChannel, UnitFact } from './case.ts';
import type { MergeTargetFacts } from './rules.ts';

/**
 * The fields each workflow action carries, keyed by action kind. Every action may also carry the
 * `expectedVersion` the caller saw (optimistic concurrency → `case.version_conflict`).
 * Deadlines are computed by the service (catalogue limit × calendar) and passed in; so are the
 * facts of the units an action names (`units`: the directory's answer, see rules.ts) and of a
 * merge target.
 */
type ActionFields = {
  // Opening a case (from "new")
  report: { note?: string; deadline?: DeadlineInput }; // 上报 by a supervisor; deadline = filing step
  register: { note?: string; deadline?: DeadlineInput }; // 登记 a hotline/public/machine report; deadline = verify step
  self_handle: {
    note: string;
    beforePhotoIds: readonly string[];
    afterPhotoIds: readonly string[];
  }; // 自行处置
  // Main path
  verify: { note?: string; photoIds?: readonly string[]; deadline?: DeadlineInput }; // 核实; deadline = filing step
  file: { note?: string; deadline?: DeadlineInput }; // 立案; deadline = dispatch step
  refuse_filing: { reason: string }; // 不予立案
  dispatch: {
    unitId: string;
    assistingUnitIds?: readonly string[];
    deadline: DeadlineInput; // handling step
    units: readonly UnitFact[];
    ruleId?: string | null;
    auto?: boolean;
    note?: string;
  }; // 派遣
  redispatch: {
    unitId: string;
    reason: string;
    deadline: DeadlineInput; // handling step, started afresh for the new unit
    units: readonly UnitFact[];
    ruleId?: string | null;
  }; // 改派: before acceptance, or after a send-back / reopen
  handle_first: {
    unitId: string;
    reason: string;
    deadline: DeadlineInput;
    units: readonly UnitFact[];
  }; // 先行处置
  accept: { note?: string }; // 签收
  send_back: { reason: string; deadline?: DeadlineInput }; // 回退; deadline = dispatch step
  feedback: { note: string; photoIds: readonly string[]; deadline?: DeadlineInput }; // 反馈; deadline = re-check step
  recheck_pass: { note?: string; photoIds?: readonly string[]; deadline?: DeadlineInput }; // 核查通过; deadline = close step
  rework: { reason: string; photoIds?: readonly string[]; deadline: DeadlineInput }; // 核查不通过 → 返工
  close: { note?: string }; // 结案
  evaluate: { satisfaction: number; comment?: string }; // 评价 (1..5)
  // Side paths
  request_extension: { reason: string; requestedDueAt?: Date; maxDueAt?: Date }; // 延期申请; maxDueAt = cap
  approve_extension: { deadline: DeadlineInput; note?: string }; // 延期审批通过
  reject_extension: { reason: string };
  request_hold: { reason: string }; // 挂账申请
  approve_hold: { note?: string }; // 挂账审批通过: timer paused
  reject_hold: { reason: string };
  resume: { deadline: DeadlineInput; pausedWorkingMs: number; note?: string }; // 挂账恢复; pausedWorkingMs = new total
  request_cancel: { reason: string }; // 作废申请
  approve_cancel: { note?: string }; // 作废审批通过
  reject_cancel: { reason: string };
  urge: { note: string }; // 督办
  add_assisting_units: { unitIds: readonly string[]; units: readonly UnitFact[] }; // 协同
  assist_feedback: { note: string; photoIds?: readonly string[] }; // 协同单位反馈
  settle_responsibility: { unitId: string; note?: string; units: readonly UnitFact[] }; // 定责 after 先行处置
  merge: { targetCaseId: string; targetCaseNumber: string; target: MergeTargetFacts }; // 合并 into another case
  absorb_duplicate: {
    sourceCaseId: string;
    sourceCaseNumber: string;
    source: SourceChannel;
    reporter: Reporter;
  }; // the target side of a merge: links the duplicate's reporter
  spot_check_pass: { note?: string }; // 市级抽查通过
  reopen: { reason: string; deadline?: DeadlineInput }; // 抽查不通过 → 重新打开; deadline = dispatch step
};

export type CaseActionKind = keyof ActionFields;

/** One workflow action (a discriminated union on `kind`). */
export type CaseAction = {
  [K in CaseActionKind]: { readonly kind: K; readonly expectedVersion?: number } & Readonly<
    ActionFields[K]
  >;
}[CaseActionKind];

export type ActionOf<K extends CaseActionKind> = Extract<CaseAction, { kind: K }>;

/** The actions that create a case. */
export type OpeningAction = ActionOf<'report' | 'register' | 'self_handle'>;

/** Chinese and English names of every action (also makes the kind list exhaustive). */
export const ACTION_LABELS: { readonly [K in CaseActionKind]: { zh: string; en: string } } = {
  report: { zh: '上报', en: 'report' },
  register: { zh: '登记', en: 'register' },
  self_handle: { zh: '自行处置', en: 'self-handle' },
  verify: { zh: '核实', en: 'verify' },
  file: { zh: '立案', en: 'file' },
  refuse_filing: { zh: '不予立案', en: 'refuse to file' },
  dispatch: { zh: '派遣', en: 'dispatch' },
  redispatch: { zh: '改派', en: 're-dispatch' },
  handle_first: { zh: '先行处置', en: 'handle first' },
  accept: { zh: '签收', en: 'accept' },
  send_back: { zh: '回退', en: 'send back' },
  feedback: { zh: '处置反馈', en: 'feed back' },
  recheck_pass: { zh: '核查通过', en: 're-check passed' },
  rework: { zh: '核查不通过·返工', en: 're-check failed: rework' },
  close: { zh: '结案', en: 'close' },
  evaluate: { zh: '评价', en: 'evaluate' },
  request_extension: { zh: '延期申请', en: 'request extension' },
  approve_extension: { zh: '延期批准', en: 'approve extension' },
  reject_extension: { zh: '延期驳回', en: 'reject extension' },
  request_hold: { zh: '挂账申请', en: 'request long-term hold' },
  approve_hold: { zh: '挂账批准', en: 'approve hold' },
  reject_hold: { zh: '挂账驳回', en: 'reject hold' },
  resume: { zh: '挂账恢复', en: 'resume from hold' },
  request_cancel: { zh: '作废申请', en: 'request cancellation' },
  approve_cancel: { zh: '作废批准', en: 'approve cancellation' },
  reject_cancel: { zh: '作废驳回', en: 'reject cancellation' },
  urge: { zh: '督办', en: 'urge' },
  add_assisting_units: { zh: '增加协同单位', en: 'add assisting units' },
  assist_feedback: { zh: '协同反馈', en: 'assisting unit feedback' },
  settle_responsibility: { zh: '定责', en: 'settle responsibility' },
  merge: { zh: '合并', en: 'merge into another case' },
  absorb_duplicate: { zh: '关联重复上报', en: 'link a merged duplicate' },
  spot_check_pass: { zh: '市级抽查通过', en: 'city spot check passed' },
  reopen: { zh: '抽查重新打开', en: 'reopen after spot check' },
};

export const CASE_ACTION_KINDS = Object.keys(ACTION_LABELS) as readonly CaseActionKind[];
