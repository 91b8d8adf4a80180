import type { Capability, Role } from '../access/index.ts';
import { CASE_STATUSES, CLIENT_ROLE, OPEN_STATUSES, isTerminalStatus, isUserRole } from './case.ts';
import type {
  Actor,
  ActorRole,
  Case,
  CaseStatus,
  DeadlineInput,
  PendingRequest,
  Reporter,
  SourceChannel,
  StepName,
  UnitFact,
} from './case.ts';
import {
  blank,
  checkDeadline,
  checkUnits,
  clearRequest,
  count,
  firstError,
  needNote,
  needPhotos,
  needReason,
  request,
  startStep,
  updateHandleTimer,
  withUnits,
  withoutPause,
  type Effect,
} from './effects.ts';
import { caseError } from './errors.ts';
import type { CaseError } from './errors.ts';
import {
  all,
  approvable,
  assistsFedBack,
  dispatchedBefore,
  districtLoop,
  neverDispatched,
  noPendingRequest,
  notSpotChecked,
  pendingOf,
  responsibilitySettled,
  sourceIsActor,
  sourceNotSupervisor,
  unsettledHandleFirst,
  type Guard,
} from './guards.ts';
import {
  duplicateRefusal,
  requestedDueRefusal,
  samePhotoRefusal,
  unitRefusal,
  unitsRefusal,
  type MergeTargetFacts,
} from './rules.ts';

/**
 * The case workflow, one declaration per action (DESIGN.md "Actions"; issue #8 §6): the fields it
 * takes, who may take it, from which statuses to which, its guard, how callers reach it, whether
 * it asks for or answers an approval, which step's timer it starts, its field checks and its
 * effect. The transition table (workflow.ts), the capability gate (domain/access), the command
 * kinds and routes (services/cases, api/v1), the approvals queue and the deadline each command
 * needs are all derived from here, so adding an action means adding its fields and its entry in
 * this file (plus its HTTP body schema at the edge).
 */

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
  direct_dispatch: {
    unitId: string;
    deadline: DeadlineInput; // handling step
    units: readonly UnitFact[];
    ruleId: string | null;
    note?: string;
  }; // 直派: a hotline work order sent straight to its unit by rule (接诉即办), no verify/file step
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
  // 合并 into another case; maxDistanceM: the city's duplicate distance (default 100 m, rules.ts)
  merge: {
    targetCaseId: string;
    targetCaseNumber: string;
    target: MergeTargetFacts;
    maxDistanceM?: number;
  };
  absorb_duplicate: {
    sourceCaseId: string;
    sourceCaseNumber: string;
    source: SourceChannel;
    reporter: Reporter;
  }; // the target side of a merge: links the duplicate's reporter
  spot_check_pass: { note?: string }; // 市级抽查通过
  reopen: { reason: string; deadline?: DeadlineInput }; // 抽查不通过 → 重新打开; deadline = dispatch step
  // 吹哨 / 吹哨结束 (domain/whistle): the case's history records that a whistle was blown on it and
  // how it ended; the departments' reports stay on the whistle's own timeline.
  whistle: { whistleId: string; level: string; unitIds: readonly string[]; reason: string };
  close_whistle: { whistleId: string; outcome: string; note: string };
  // 接诉即办 (domain/hotline): the work order's steps, recorded in the case's history; the order's
  // own state is in hotline_orders. They never change the case's status.
  hotline_respond: { note?: string }; // 响应: the unit contacted the caller
  hotline_reply: { note: string }; // 处置答复: the unit told the caller the result
  hotline_reopen: { reason: string; reopenCount: number }; // a dissatisfied call-back reopens the order
  hotline_link_call: { note?: string }; // 重复来电: a repeated call linked to the order
  // 满意度: the public's three-level verdict on the result, one event whoever asked it — the
  // hotline's call-back (回访) or the reporter's rating on the public portal. Assessment reads it.
  rate_satisfaction: { result: SatisfactionLevel; via: SatisfactionVia; note?: string };
};

/** 满意 / 基本满意 / 不满意: the public's verdict (the hotline call-back's and the portal's). */
export const SATISFACTION_LEVELS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type SatisfactionLevel = (typeof SATISFACTION_LEVELS)[number];
/** Who asked: the hotline calling the caller back, or the reporter on the public portal. */
export const SATISFACTION_VIAS = ['call_back', 'portal'] as const;
export type SatisfactionVia = (typeof SATISFACTION_VIAS)[number];

export type CaseActionKind = keyof ActionFields;

/** One workflow action (a discriminated union on `kind`). */
export type CaseAction = {
  [K in CaseActionKind]: { readonly kind: K; readonly expectedVersion?: number } & Readonly<
    ActionFields[K]
  >;
}[CaseActionKind];

export type ActionOf<K extends CaseActionKind> = Extract<CaseAction, { kind: K }>;

/** One move of an action: from each of these statuses (or `new`) to `to` (`same`: unchanged). */
export type ActionMove = {
  readonly from: readonly (CaseStatus | 'new')[];
  readonly to: CaseStatus | 'same';
  /** A precondition of this move only (on top of the action's own guard). */
  readonly guard?: Guard;
};

/**
 * How callers reach an action: `opening` actions open a case (POST /cases), a `command` is a
 * sub-resource of a case (POST /cases/{id}/{path}), an `internal` one happens only inside
 * another action (the target side of a merge).
 */
export type ActionReach = 'opening' | 'internal' | { readonly command: string };

/**
 * The approval an action belongs to (延期, 挂账, 作废): `answers: false` asks for it (the request
 * needs approval and waits in the approvers' queue), `answers: true` approves or rejects it.
 */
export type ActionApproval = {
  readonly request: PendingRequest['kind'];
  readonly answers: boolean;
};

export type ActionDeclaration<K extends CaseActionKind> = {
  readonly label: { readonly zh: string; readonly en: string };
  /** The coarse gate in front of the rows (domain/access capabilities). */
  readonly capability: Capability;
  /** Who may take the action (every move); `channel`: a client system through the intake seam. */
  readonly roles: readonly ActorRole[];
  readonly moves: readonly ActionMove[];
  /** A precondition of every move. */
  readonly guard?: Guard;
  readonly reach: ActionReach;
  readonly approval?: ActionApproval;
  /** The step whose timer the action starts (its deadline is computed by the service). */
  readonly startsStep?: StepName;
  /** Checks the action's own fields (reasons, photos, deadlines, units, scores). */
  readonly validate?: (c: Case, a: ActionOf<K>, now: Date) => CaseError | null;
  /** What the action changes; none means only status and version. */
  readonly effect?: (c: Case, a: ActionOf<K>, actor: Actor, now: Date) => Effect;
};

const SUPERVISORS: readonly Role[] = ['supervisor', 'city_supervisor'];
const UNIT: readonly Role[] = ['unit_handler'];
const DISPATCHER: readonly Role[] = ['dispatcher'];
const DISPATCHERS: readonly Role[] = ['dispatcher', 'hotline_agent']; // 12345 dispatches to streets
const OPERATOR: readonly Role[] = ['acceptance_operator']; // 受理员 / 值班长
const CANCEL_REQUESTERS: readonly Role[] = [
  'dispatcher',
  'hotline_agent',
  'supervisor',
  'city_supervisor',
];

const BEFORE_DISPATCH: readonly CaseStatus[] = [
  'pending_verification',
  'pending_filing',
  'pending_dispatch',
];
const CANCELLABLE: readonly CaseStatus[] = [
  'pending_dispatch',
  'dispatched',
  'handling',
  'on_hold',
];
const CLOSED: readonly CaseStatus[] = ['closed', 'evaluated'];
// 吹哨 is blown by street / community / district centre staff (domain/whistle levels.ts).
const WHISTLERS: readonly Role[] = ['dispatcher', 'commander'];

// 接诉即办: the hotline's own steps, beside the case's loop. What a 12345 centre does:
// - the caller is owed a response and an answer whatever the case waits for: while the case is
//   on hold (挂账, the problem cannot be solved for now) the unit still responds and explains, the
//   hotline still calls back and links repeated calls;
// - a call-back may come after the case was closed or evaluated, and a dissatisfied one sends the
//   order back to its unit (重办), which must respond and reply again: the unit's steps stay open
//   on a closed or evaluated case;
// - a cancelled or merged case takes no more, and the order does not exist before the case is
//   filed (pending verification / filing).
const HOTLINE: readonly Role[] = ['hotline_agent'];
const ORDER_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter(
  (s) => !isTerminalStatus(s) && s !== 'pending_verification' && s !== 'pending_filing',
);
// The unit's steps, while a unit has the case or had it (closed, evaluated): not while the case
// waits at the centre for a (re-)dispatch.
const AT_UNIT: readonly CaseStatus[] = ORDER_STATUSES.filter((s) => s !== 'pending_dispatch');

const stay = (from: readonly CaseStatus[]): ActionMove[] => [{ from, to: 'same' }];
const command = (path: string): ActionReach => ({ command: path });

/** Who takes a hotline step: the receiving unit, or the hotline (call-back, repeated calls). */
const HOTLINE_STEP_PARTY = {
  unit: { capability: 'case.handle', roles: UNIT, from: AT_UNIT },
  call_back: { capability: 'case.evaluate', roles: HOTLINE, from: ORDER_STATUSES },
  link_call: { capability: 'case.report', roles: HOTLINE, from: ORDER_STATUSES },
} as const satisfies Record<
  string,
  { capability: Capability; roles: readonly Role[]; from: readonly CaseStatus[] }
>;

/** A step of a hotline work order (接诉即办): recorded on the case, its status unchanged. */
function hotlineStep<K extends CaseActionKind>(
  label: { readonly zh: string; readonly en: string },
  party: keyof typeof HOTLINE_STEP_PARTY,
  validate?: ActionDeclaration<K>['validate'],
): ActionDeclaration<K> {
  const p = HOTLINE_STEP_PARTY[party];
  return {
    label,
    capability: p.capability,
    roles: p.roles,
    moves: stay(p.from),
    reach: 'internal',
    ...(validate ? { validate } : {}),
  };
}

/** Every action of the workflow, in the order the loop meets them. */
export const ACTIONS: { readonly [K in CaseActionKind]: ActionDeclaration<K> } = {
  report: {
    label: { zh: '上报', en: 'report' },
    capability: 'case.report',
    roles: SUPERVISORS,
    moves: [{ from: ['new'], to: 'pending_filing' }],
    guard: sourceIsActor,
    reach: 'opening',
    startsStep: 'file',
    validate: (_c, a, now) => checkDeadline(a.deadline, now),
  },
  register: {
    label: { zh: '登记', en: 'register' },
    capability: 'case.report',
    roles: ['acceptance_operator', 'hotline_agent', CLIENT_ROLE],
    moves: [{ from: ['new'], to: 'pending_verification' }],
    guard: sourceNotSupervisor,
    reach: 'opening',
    startsStep: 'verify',
    validate: (_c, a, now) => checkDeadline(a.deadline, now),
  },
  self_handle: {
    label: { zh: '自行处置', en: 'self-handle' },
    capability: 'case.self_handle',
    roles: SUPERVISORS,
    moves: [{ from: ['new'], to: 'closed' }],
    guard: sourceIsActor,
    reach: 'opening',
    validate: (_c, a) =>
      firstError(
        needNote(a.note),
        needPhotos('beforePhotoIds', a.beforePhotoIds),
        needPhotos('afterPhotoIds', a.afterPhotoIds),
        samePhotoRefusal(a.beforePhotoIds, a.afterPhotoIds),
      ),
    effect: (c, a) => ({
      patch: {
        selfHandled: true,
        photoIds: [...c.photoIds, ...a.beforePhotoIds, ...a.afterPhotoIds],
      },
    }),
  },
  verify: {
    label: { zh: '核实', en: 'verify' },
    capability: 'case.verify',
    roles: SUPERVISORS,
    moves: [{ from: ['pending_verification'], to: 'pending_filing' }],
    reach: command('verify'),
    startsStep: 'file',
    validate: (_c, a, now) => checkDeadline(a.deadline, now),
    effect: (c, a, _actor, now) => ({ patch: startStep(c, 'file', a.deadline, now) }),
  },
  file: {
    label: { zh: '立案', en: 'file' },
    capability: 'case.file',
    roles: OPERATOR,
    moves: [{ from: ['pending_filing'], to: 'pending_dispatch' }],
    reach: command('file'),
    startsStep: 'dispatch',
    validate: (_c, a, now) => checkDeadline(a.deadline, now),
    effect: (c, a, _actor, now) => ({ patch: startStep(c, 'dispatch', a.deadline, now) }),
  },
  refuse_filing: {
    label: { zh: '不予立案', en: 'refuse to file' },
    capability: 'case.file',
    roles: OPERATOR,
    moves: [{ from: ['pending_verification', 'pending_filing'], to: 'not_filed' }],
    reach: command('refuse-filing'),
    validate: (_c, a) => needReason(a.reason),
  },
  direct_dispatch: {
    label: { zh: '直派', en: 'direct dispatch' },
    capability: 'case.report',
    roles: ['hotline_agent', CLIENT_ROLE],
    moves: [{ from: ['new'], to: 'dispatched' }],
    guard: sourceNotSupervisor,
    reach: 'opening',
    startsStep: 'handle',
    validate: (c, a, now) =>
      firstError(
        blank(a.unitId) ? caseError('case.invalid_units', { unitId: a.unitId }) : null,
        unitsRefusal(c, [a.unitId], a.units),
        checkDeadline(a.deadline, now),
      ),
    // The handling timer is started by the opening itself (workflow.openCase), as for every
    // opening action that starts a step.
    effect: (c, a) => ({
      patch: {
        mainUnitId: a.unitId,
        workedUnitIds: withUnits(c.workedUnitIds, [a.unitId]),
        dispatchRuleId: a.ruleId,
      },
    }),
  },
  dispatch: {
    label: { zh: '派遣', en: 'dispatch' },
    capability: 'case.dispatch',
    roles: DISPATCHERS,
    // After a send-back or a reopen the next unit is chosen by 改派 (guards.ts neverDispatched).
    moves: [{ from: ['pending_dispatch'], to: 'dispatched', guard: neverDispatched }],
    reach: command('dispatch'),
    startsStep: 'handle',
    validate: (c, a, now) =>
      firstError(
        blank(a.unitId) ? caseError('case.invalid_units', { unitId: a.unitId }) : null,
        a.assistingUnitIds === undefined || a.assistingUnitIds.length === 0
          ? null
          : checkUnits(a.unitId, a.assistingUnitIds, []),
        unitsRefusal(c, [a.unitId, ...(a.assistingUnitIds ?? [])], a.units),
        checkDeadline(a.deadline, now),
      ),
    effect: (c, a, _actor, now) => ({
      patch: {
        mainUnitId: a.unitId,
        assistingUnitIds: a.assistingUnitIds ?? [],
        workedUnitIds: withUnits(c.workedUnitIds, [a.unitId, ...(a.assistingUnitIds ?? [])]),
        assistFeedbackUnitIds: [],
        dispatchRuleId: a.ruleId ?? null,
        ...startStep(c, 'handle', a.deadline, now),
      },
    }),
  },
  // 改派 names the unit it replaces and always says why. Before acceptance it must name another
  // unit; after a send-back it may name the unit that sent the case back (the dispatcher does not
  // accept the send-back, and the reason tells the unit why) or any other serving unit.
  redispatch: {
    label: { zh: '改派', en: 're-dispatch' },
    capability: 'case.dispatch',
    roles: DISPATCHERS,
    moves: [
      { from: ['dispatched'], to: 'dispatched' },
      { from: ['pending_dispatch'], to: 'dispatched', guard: dispatchedBefore },
    ],
    reach: command('redispatch'),
    startsStep: 'handle',
    validate: (c, a, now) =>
      firstError(
        needReason(a.reason),
        blank(a.unitId) ? caseError('case.invalid_units', { unitId: a.unitId }) : null,
        a.unitId === c.mainUnitId
          ? caseError('case.redispatch_same_unit', { unitId: a.unitId })
          : null,
        unitRefusal(c, a.unitId, a.units),
        checkDeadline(a.deadline, now),
      ),
    // The new unit gets the whole handling limit (it had none of the time so far); assisting
    // units stay, they were chosen for the case, not for the main unit.
    effect: (c, a, _actor, now) => ({
      patch: {
        mainUnitId: a.unitId,
        workedUnitIds: withUnits(c.workedUnitIds, [a.unitId]),
        dispatchRuleId: a.ruleId ?? null,
        ...startStep(c, 'handle', a.deadline, now),
      },
      facts: {
        previousUnitId: c.mainUnitId ?? c.sentBackUnitIds[c.sentBackUnitIds.length - 1] ?? null,
      },
    }),
  },
  handle_first: {
    label: { zh: '先行处置', en: 'handle first' },
    capability: 'case.dispatch',
    roles: DISPATCHER,
    moves: [{ from: ['pending_dispatch'], to: 'handling' }],
    reach: command('handle-first'),
    startsStep: 'handle',
    validate: (c, a, now) =>
      firstError(
        blank(a.unitId) ? caseError('case.invalid_units', { unitId: a.unitId }) : null,
        needReason(a.reason),
        unitRefusal(c, a.unitId, a.units),
        checkDeadline(a.deadline, now),
      ),
    effect: (c, a, _actor, now) => ({
      patch: {
        mainUnitId: a.unitId,
        assistingUnitIds: [],
        workedUnitIds: withUnits(c.workedUnitIds, [a.unitId]),
        assistFeedbackUnitIds: [],
        dispatchRuleId: null,
        handleFirst: true,
        responsibleUnitId: null,
        ...startStep(c, 'handle', a.deadline, now),
      },
    }),
  },
  accept: {
    label: { zh: '签收', en: 'accept' },
    capability: 'case.handle',
    roles: UNIT,
    moves: [{ from: ['dispatched'], to: 'handling' }],
    reach: command('accept'),
  },
  send_back: {
    label: { zh: '回退', en: 'send back' },
    capability: 'case.handle',
    roles: UNIT,
    moves: [{ from: ['dispatched', 'handling'], to: 'pending_dispatch' }],
    reach: command('send-back'),
    startsStep: 'dispatch',
    validate: (_c, a, now) => firstError(needReason(a.reason), checkDeadline(a.deadline, now)),
    effect: (c, a, _actor, now) => ({
      patch: {
        mainUnitId: null,
        assistingUnitIds: [],
        assistFeedbackUnitIds: [],
        sentBackUnitIds: withUnits(c.sentBackUnitIds, [c.mainUnitId]),
        ...count(c, 'sendBackCount'),
        ...startStep(c, 'dispatch', a.deadline, now),
      },
      facts: { unitId: c.mainUnitId },
    }),
  },
  feedback: {
    label: { zh: '处置反馈', en: 'feed back' },
    capability: 'case.handle',
    roles: UNIT,
    moves: [{ from: ['handling'], to: 'pending_recheck' }],
    reach: command('feedback'),
    startsStep: 'recheck',
    validate: (c, a, now) =>
      firstError(
        needNote(a.note),
        needPhotos('photoIds', a.photoIds),
        samePhotoRefusal(c.photoIds, a.photoIds),
        checkDeadline(a.deadline, now),
      ),
    effect: (c, a, _actor, now) => ({ patch: startStep(c, 'recheck', a.deadline, now) }),
  },
  recheck_pass: {
    label: { zh: '核查通过', en: 're-check passed' },
    capability: 'case.recheck',
    roles: SUPERVISORS,
    moves: [{ from: ['pending_recheck'], to: 'pending_close' }],
    reach: command('recheck'),
    startsStep: 'close',
    validate: (_c, a, now) => checkDeadline(a.deadline, now),
    effect: (c, a, _actor, now) => ({ patch: startStep(c, 'close', a.deadline, now) }),
  },
  rework: {
    label: { zh: '核查不通过·返工', en: 're-check failed: rework' },
    capability: 'case.recheck',
    roles: SUPERVISORS,
    moves: [{ from: ['pending_recheck'], to: 'handling' }],
    reach: command('rework'),
    startsStep: 'handle',
    validate: (_c, a, now) => firstError(needReason(a.reason), checkDeadline(a.deadline, now)),
    effect: (c, a, _actor, now) => ({
      patch: { ...count(c, 'reworkCount'), ...startStep(c, 'handle', a.deadline, now) },
      facts: { unitId: c.mainUnitId },
    }),
  },
  // A new closure may be spot-checked again (once).
  close: {
    label: { zh: '结案', en: 'close' },
    capability: 'case.close',
    roles: OPERATOR,
    moves: [{ from: ['pending_close'], to: 'closed' }],
    guard: all(responsibilitySettled, assistsFedBack),
    reach: command('close'),
    effect: () => ({ patch: { spotChecked: false } }),
  },
  evaluate: {
    label: { zh: '评价', en: 'evaluate' },
    capability: 'case.evaluate',
    roles: ['acceptance_operator', 'hotline_agent'],
    moves: [{ from: ['closed'], to: 'evaluated' }],
    reach: command('evaluate'),
    validate: (_c, a) =>
      Number.isInteger(a.satisfaction) && a.satisfaction >= 1 && a.satisfaction <= 5
        ? null
        : caseError('case.invalid_score', { satisfaction: a.satisfaction, min: 1, max: 5 }),
    effect: (_c, a) => ({ patch: { satisfaction: a.satisfaction } }),
  },
  request_extension: {
    label: { zh: '延期申请', en: 'request extension' },
    capability: 'case.handle',
    roles: UNIT,
    moves: stay(['handling']),
    guard: noPendingRequest,
    reach: command('extension-requests'),
    approval: { request: 'extension', answers: false },
    validate: (c, a, now) =>
      firstError(
        needReason(a.reason),
        a.requestedDueAt === undefined
          ? null
          : requestedDueRefusal(c, a.requestedDueAt, a.maxDueAt, now),
      ),
    effect: request('extension'),
  },
  approve_extension: {
    label: { zh: '延期批准', en: 'approve extension' },
    capability: 'case.approve',
    roles: DISPATCHER,
    moves: stay(['handling']),
    guard: approvable('extension'),
    reach: command('extension-requests/approve'),
    approval: { request: 'extension', answers: true },
    // An extension counts from the current deadline, so a case already overdue may stay overdue
    // (its remaining time is negative); it must move the deadline later.
    validate: (c, a, now) =>
      firstError(
        checkDeadline(a.deadline, now, true),
        c.deadlines.handle !== undefined &&
          a.deadline.dueAt.getTime() <= c.deadlines.handle.dueAt.getTime()
          ? caseError('case.invalid_deadline', {
              dueAt: a.deadline.dueAt,
              currentDueAt: c.deadlines.handle.dueAt,
            })
          : null,
      ),
    effect: (c, a) => ({
      patch: {
        pendingRequest: null,
        ...count(c, 'extensionCount'),
        ...updateHandleTimer(c, (t) => ({ ...t, ...a.deadline })),
      },
      facts: { request: c.pendingRequest, previousDueAt: c.deadlines.handle?.dueAt ?? null },
    }),
  },
  reject_extension: {
    label: { zh: '延期驳回', en: 'reject extension' },
    capability: 'case.approve',
    roles: DISPATCHER,
    moves: stay(['handling']),
    guard: pendingOf('extension'),
    reach: command('extension-requests/reject'),
    approval: { request: 'extension', answers: true },
    validate: (_c, a) => needReason(a.reason),
    effect: clearRequest,
  },
  request_hold: {
    label: { zh: '挂账申请', en: 'request long-term hold' },
    capability: 'case.handle',
    roles: UNIT,
    moves: stay(['handling']),
    guard: noPendingRequest,
    reach: command('hold-requests'),
    approval: { request: 'hold', answers: false },
    validate: (_c, a) => needReason(a.reason),
    effect: request('hold'),
  },
  approve_hold: {
    label: { zh: '挂账批准', en: 'approve hold' },
    capability: 'case.approve',
    roles: DISPATCHER,
    moves: [{ from: ['handling'], to: 'on_hold' }],
    guard: approvable('hold'),
    reach: command('hold-requests/approve'),
    approval: { request: 'hold', answers: true },
    effect: (c, _a, _actor, now) => ({
      patch: { pendingRequest: null, ...updateHandleTimer(c, (t) => ({ ...t, pausedAt: now })) },
      facts: { request: c.pendingRequest },
    }),
  },
  reject_hold: {
    label: { zh: '挂账驳回', en: 'reject hold' },
    capability: 'case.approve',
    roles: DISPATCHER,
    moves: stay(['handling']),
    guard: pendingOf('hold'),
    reach: command('hold-requests/reject'),
    approval: { request: 'hold', answers: true },
    validate: (_c, a) => needReason(a.reason),
    effect: clearRequest,
  },
  resume: {
    label: { zh: '挂账恢复', en: 'resume from hold' },
    capability: 'case.approve',
    roles: DISPATCHER,
    moves: [{ from: ['on_hold'], to: 'handling' }],
    reach: command('resume'),
    validate: (c, a, now) =>
      firstError(
        checkDeadline(a.deadline, now, true),
        Number.isFinite(a.pausedWorkingMs) &&
          a.pausedWorkingMs >= (c.deadlines.handle?.pausedWorkingMs ?? 0)
          ? null
          : caseError('case.invalid_deadline', { pausedWorkingMs: a.pausedWorkingMs }),
      ),
    effect: (c, a) => ({
      patch: updateHandleTimer(c, (t) => ({
        ...withoutPause(t),
        ...a.deadline,
        pausedWorkingMs: a.pausedWorkingMs,
      })),
      facts: { pausedAt: c.deadlines.handle?.pausedAt ?? null },
    }),
  },
  request_cancel: {
    label: { zh: '作废申请', en: 'request cancellation' },
    capability: 'case.request_cancel',
    roles: CANCEL_REQUESTERS,
    moves: stay(CANCELLABLE),
    guard: noPendingRequest,
    reach: command('cancel-requests'),
    approval: { request: 'cancel', answers: false },
    validate: (_c, a) => needReason(a.reason),
    effect: request('cancel'),
  },
  approve_cancel: {
    label: { zh: '作废批准', en: 'approve cancellation' },
    capability: 'case.cancel',
    roles: OPERATOR,
    moves: [{ from: CANCELLABLE, to: 'cancelled' }],
    guard: approvable('cancel'),
    reach: command('cancel-requests/approve'),
    approval: { request: 'cancel', answers: true },
    effect: clearRequest,
  },
  reject_cancel: {
    label: { zh: '作废驳回', en: 'reject cancellation' },
    capability: 'case.cancel',
    roles: OPERATOR,
    moves: stay(CANCELLABLE),
    guard: pendingOf('cancel'),
    reach: command('cancel-requests/reject'),
    approval: { request: 'cancel', answers: true },
    validate: (_c, a) => needReason(a.reason),
    effect: clearRequest,
  },
  urge: {
    label: { zh: '督办', en: 'urge' },
    capability: 'case.urge',
    roles: ['commander'],
    moves: stay(OPEN_STATUSES),
    reach: command('urge'),
    validate: (_c, a) => needNote(a.note),
    effect: (c) => ({
      patch: count(c, 'urgeCount'),
      facts: { urgeCount: c.counters.urgeCount + 1 },
    }),
  },
  add_assisting_units: {
    label: { zh: '增加协同单位', en: 'add assisting units' },
    capability: 'case.dispatch',
    roles: DISPATCHER,
    moves: stay(['dispatched', 'handling']),
    reach: command('assisting-units'),
    validate: (c, a) =>
      firstError(
        checkUnits(c.mainUnitId, a.unitIds, c.assistingUnitIds),
        unitsRefusal(c, a.unitIds, a.units),
      ),
    effect: (c, a) => ({
      patch: {
        assistingUnitIds: [...c.assistingUnitIds, ...a.unitIds],
        workedUnitIds: withUnits(c.workedUnitIds, a.unitIds),
      },
    }),
  },
  assist_feedback: {
    label: { zh: '协同反馈', en: 'assisting unit feedback' },
    capability: 'case.handle',
    roles: UNIT,
    moves: stay(['handling', 'pending_recheck', 'pending_close']),
    reach: command('assist-feedback'),
    validate: (_c, a) => needNote(a.note),
    effect: (c, _a, actor) => ({
      patch: {
        assistFeedbackUnitIds: withUnits(c.assistFeedbackUnitIds, [actor.unitId ?? null]),
      },
    }),
  },
  settle_responsibility: {
    label: { zh: '定责', en: 'settle responsibility' },
    capability: 'case.dispatch',
    roles: DISPATCHER,
    moves: stay(['handling', 'on_hold', 'pending_recheck', 'pending_close']),
    guard: unsettledHandleFirst,
    reach: command('settle-responsibility'),
    validate: (c, a) =>
      blank(a.unitId)
        ? caseError('case.invalid_units', { unitId: a.unitId })
        : unitRefusal(c, a.unitId, a.units),
    effect: (c, a) => ({
      patch: {
        responsibleUnitId: a.unitId,
        workedUnitIds: withUnits(c.workedUnitIds, [a.unitId]),
      },
    }),
  },
  merge: {
    label: { zh: '合并', en: 'merge into another case' },
    capability: 'case.merge',
    roles: OPERATOR,
    moves: [{ from: BEFORE_DISPATCH, to: 'merged' }],
    reach: command('merge'),
    validate: (c, a) =>
      a.targetCaseId === c.id
        ? caseError('case.merge_into_self', { caseId: c.id })
        : duplicateRefusal(c, a.target, a.maxDistanceM),
    effect: (_c, a) => ({ patch: { mergedInto: a.targetCaseId } }),
  },
  absorb_duplicate: {
    label: { zh: '关联重复上报', en: 'link a merged duplicate' },
    capability: 'case.merge',
    roles: OPERATOR,
    moves: stay(OPEN_STATUSES),
    reach: 'internal',
    validate: (c, a) =>
      a.sourceCaseId === c.id ? caseError('case.merge_into_self', { caseId: c.id }) : null,
    effect: (c, a, _actor, now) => ({
      patch: {
        linkedReports: [
          ...c.linkedReports,
          {
            caseId: a.sourceCaseId,
            caseNumber: a.sourceCaseNumber,
            source: a.source,
            reporter: a.reporter,
            linkedAt: now,
          },
        ],
      },
    }),
  },
  spot_check_pass: {
    label: { zh: '市级抽查通过', en: 'city spot check passed' },
    capability: 'case.spot_check',
    roles: ['city_supervisor'],
    moves: stay(CLOSED),
    guard: all(districtLoop, notSpotChecked),
    reach: command('spot-check'),
    effect: () => ({ patch: { spotChecked: true } }),
  },
  reopen: {
    label: { zh: '抽查重新打开', en: 'reopen after spot check' },
    capability: 'case.spot_check',
    roles: ['city_supervisor'],
    moves: [{ from: CLOSED, to: 'pending_dispatch' }],
    guard: all(districtLoop, notSpotChecked),
    reach: command('reopen'),
    startsStep: 'dispatch',
    validate: (_c, a, now) => firstError(needReason(a.reason), checkDeadline(a.deadline, now)),
    effect: (c, a, _actor, now) => ({
      // The reopened case is a new piece of work: the old closure's satisfaction no longer holds.
      patch: {
        spotChecked: true,
        mainUnitId: null,
        assistingUnitIds: [],
        assistFeedbackUnitIds: [],
        satisfaction: null,
        ...count(c, 'reopenCount'),
        ...startStep(c, 'dispatch', a.deadline, now),
      },
      facts: { unitId: c.mainUnitId },
    }),
  },
  whistle: {
    label: { zh: '吹哨', en: 'whistle (summon departments)' },
    capability: 'whistle.blow',
    roles: WHISTLERS,
    moves: stay(OPEN_STATUSES),
    reach: 'internal',
  },
  close_whistle: {
    label: { zh: '吹哨结束', en: 'close a whistle' },
    capability: 'whistle.blow',
    roles: WHISTLERS,
    // The case may have moved on (closed, evaluated) while the departments worked; a terminal
    // case (cancelled, merged) takes no events, and the whistle closes without one.
    moves: stay(CASE_STATUSES.filter((s) => !isTerminalStatus(s))),
    reach: 'internal',
  },
  hotline_respond: hotlineStep({ zh: '热线响应', en: 'hotline: respond to the caller' }, 'unit'),
  hotline_reply: hotlineStep(
    { zh: '热线答复', en: 'hotline: reply to the caller' },
    'unit',
    (_c, a) => needNote(a.note),
  ),
  hotline_reopen: hotlineStep(
    { zh: '热线工单重新打开', en: 'hotline: reopen the order' },
    'call_back',
    (_c, a) => needReason(a.reason),
  ),
  hotline_link_call: hotlineStep(
    { zh: '重复来电关联', en: 'hotline: link a repeated call' },
    'link_call',
  ),
  rate_satisfaction: {
    label: { zh: '满意度评价', en: 'satisfaction rating' },
    capability: 'case.evaluate',
    // The hotline calls back; the public portal (a client system) carries the reporter's rating.
    roles: [...HOTLINE, CLIENT_ROLE],
    moves: stay(ORDER_STATUSES),
    reach: 'internal',
    validate: (c, a) =>
      !(SATISFACTION_LEVELS as readonly string[]).includes(a.result)
        ? caseError('case.invalid_score', { satisfaction: a.result, levels: SATISFACTION_LEVELS })
        : a.via === 'portal' && !CLOSED.includes(c.status)
          ? caseError('case.not_in_state', { status: c.status, action: 'rate_satisfaction' })
          : null,
  },
};

/** Every action kind, in declaration order. */
export const CASE_ACTION_KINDS = Object.keys(ACTIONS) as readonly CaseActionKind[];

/** The declaration of an action, widened so it can be called with the action union. */
export function declarationOf(kind: CaseActionKind): ActionDeclaration<CaseActionKind> {
  // Sound: a declaration's validate/effect is only ever called with an action of its own kind.
  return ACTIONS[kind] as unknown as ActionDeclaration<CaseActionKind>;
}

/** Chinese and English names of every action. */
export const ACTION_LABELS: { readonly [K in CaseActionKind]: { zh: string; en: string } } =
  Object.fromEntries(CASE_ACTION_KINDS.map((k) => [k, ACTIONS[k].label])) as {
    [K in CaseActionKind]: { zh: string; en: string };
  };

/** The capability that gates an action (undefined for a string that names no action). */
export function capabilityForCaseAction(kind: string): Capability | undefined {
  return Object.hasOwn(ACTIONS, kind) ? ACTIONS[kind as CaseActionKind].capability : undefined;
}

/** The actions callers take on an existing case, with their sub-resource path. */
export const CASE_COMMANDS: readonly { readonly kind: CaseActionKind; readonly path: string }[] =
  CASE_ACTION_KINDS.flatMap((kind) => {
    const reach = ACTIONS[kind].reach;
    return typeof reach === 'object' ? [{ kind, path: reach.command }] : [];
  });

/** The actions that ask for or answer an approval (延期, 挂账, 作废). */
export const APPROVAL_ACTION_KINDS: readonly CaseActionKind[] = CASE_ACTION_KINDS.filter(
  (k) => ACTIONS[k].approval !== undefined,
);

/** The roles that answer a kind of request (those of its approving action). */
export function approverRoles(kind: PendingRequest['kind']): readonly Role[] {
  return CASE_ACTION_KINDS.filter((k) => {
    const a = ACTIONS[k].approval;
    return a?.request === kind && a.answers;
  })
    .flatMap((k) => ACTIONS[k].roles)
    .filter(isUserRole);
}
