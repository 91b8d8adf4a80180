/** Small factories for workflow tests (pure; used by *.test.ts in this module and by services' tests). */
import type { ActionOf, CaseActionKind } from './actions.ts';
import type { Role } from '../access/index.ts';
import {
  blankCase,
  type Actor,
  type Case,
  type CaseDraft,
  type CaseStatus,
  type DeadlineInput,
  type UnitFact,
} from './case.ts';

export const T0 = new Date('2026-11-24T02:00:00Z'); // 10:00 in Shanghai
const HOUR = 3_600_000;

export function deadlineAfter(now: Date, hours = 24): DeadlineInput {
  return {
    dueAt: new Date(now.getTime() + hours * HOUR),
    warnAt: new Date(now.getTime() + hours * 0.8 * HOUR),
  };
}

export function makeDraft(overrides: Partial<CaseDraft> = {}): CaseDraft {
  return {
    id: 'case-1',
    caseNumber: '530102-20261124-0001',
    source: 'supervisor',
    kind: 'event',
    categoryCode: '01001',
    categoryScheme: 'gb47678',
    urgency: 'normal',
    location: { point: { lng: 102.71, lat: 25.04 } },
    gridCode: '530102001001001',
    communityCode: '530102001001',
    streetCode: '530102001',
    districtCode: '530102',
    address: '五华区人民中路 1 号',
    description: '井盖缺失',
    photoIds: ['photo-1'],
    externalRef: null,
    originClientId: null,
    reporter: { name: '张三', phone: '13812345678' },
    ...overrides,
  };
}

export function makeCase(overrides: Partial<Case> = {}): Case {
  const { loopLevel, ...draft } = makeDraft();
  return {
    ...blankCase(draft, loopLevel ?? 'district', T0),
    status: 'pending_filing',
    version: 3,
    ...overrides,
  };
}

/** Statuses in which a unit holds the case. */
const UNIT_STATUSES: readonly CaseStatus[] = [
  'dispatched',
  'handling',
  'on_hold',
  'pending_recheck',
  'pending_close',
  'closed',
  'evaluated',
];

const AFTER_HANDLING: readonly CaseStatus[] = [
  'pending_recheck',
  'pending_close',
  'closed',
  'evaluated',
];

/** A case in `status` with the facts a typical row in that status expects (unit-a main, unit-b assisting). */
export function caseIn(status: CaseStatus, overrides: Partial<Case> = {}): Case {
  const held = UNIT_STATUSES.includes(status);
  return makeCase({
    status,
    mainUnitId: held ? 'unit-a' : null,
    assistingUnitIds: held ? ['unit-b'] : [],
    workedUnitIds: held ? ['unit-a', 'unit-b'] : [],
    // By re-check time the assisting unit has fed back its part.
    assistFeedbackUnitIds: held && AFTER_HANDLING.includes(status) ? ['unit-b'] : [],
    ...(held
      ? {
          deadlines: {
            handle: { step: 'handle', startedAt: T0, ...deadlineAfter(T0), pausedWorkingMs: 0 },
          },
        }
      : {}),
    ...overrides,
  });
}

/** An actor of `role` whose scope covers `c` (city staff carry the city code). */
export function actorFor(role: Role, c: Case, action?: CaseActionKind): Actor {
  const base = { userId: `user-${role}`, role, districtCode: c.districtCode };
  if (role === 'unit_handler') {
    // An assisting unit that has not fed back yet, if any (so a close can follow).
    const assisting =
      c.assistingUnitIds.find((u) => !c.assistFeedbackUnitIds.includes(u)) ?? c.assistingUnitIds[0];
    const unitId = action === 'assist_feedback' ? (assisting ?? 'none') : (c.mainUnitId ?? 'none');
    return { ...base, unitId };
  }
  if (role === 'city_supervisor' || c.loopLevel === 'city') {
    return { ...base, districtCode: '530100', scope: 'city' };
  }
  return base;
}

type Samples = { readonly [K in CaseActionKind]: ActionOf<K> };

/** The directory's answer for the units the samples name: all active units of 530102. */
export const SAMPLE_UNITS: readonly UnitFact[] = [
  'unit-a',
  'unit-b',
  'unit-c',
  'unit-d',
  'unit-e',
].map((id) => ({ id, active: true, districtCode: '530102' }));

/** One well-formed action of every kind, valid at `now`. */
export function sampleActions(now: Date): Samples {
  const deadline = deadlineAfter(now);
  return {
    report: { kind: 'report' },
    register: { kind: 'register', deadline: deadlineAfter(now, 1) },
    direct_dispatch: {
      kind: 'direct_dispatch',
      unitId: 'unit-a',
      deadline: deadlineAfter(now, 24),
      ruleId: 'rule-1',
      units: SAMPLE_UNITS,
    },
    self_handle: {
      kind: 'self_handle',
      note: '已现场扶正',
      beforePhotoIds: ['before-1'],
      afterPhotoIds: ['after-1'],
    },
    verify: { kind: 'verify', note: '属实', photoIds: ['verify-1'] },
    file: { kind: 'file', note: '符合立案条件' },
    refuse_filing: { kind: 'refuse_filing', reason: '不属于城管范围' },
    dispatch: {
      kind: 'dispatch',
      unitId: 'unit-a',
      deadline,
      ruleId: 'rule-1',
      auto: false,
      units: SAMPLE_UNITS,
    },
    redispatch: {
      kind: 'redispatch',
      unitId: 'unit-e',
      reason: '派错单位，改派',
      deadline,
      units: SAMPLE_UNITS,
    },
    handle_first: {
      kind: 'handle_first',
      unitId: 'unit-a',
      reason: '权属不清，存在安全隐患',
      deadline,
      units: SAMPLE_UNITS,
    },
    accept: { kind: 'accept' },
    send_back: { kind: 'send_back', reason: '非本单位职责' },
    feedback: { kind: 'feedback', note: '已更换井盖', photoIds: ['after-2'] },
    recheck_pass: { kind: 'recheck_pass', note: '核查属实', photoIds: ['recheck-1'] },
    rework: { kind: 'rework', reason: '井盖仍松动', deadline },
    close: { kind: 'close' },
    evaluate: { kind: 'evaluate', satisfaction: 4 },
    request_extension: { kind: 'request_extension', reason: '需定制井盖' },
    approve_extension: { kind: 'approve_extension', deadline: deadlineAfter(now, 72) },
    reject_extension: { kind: 'reject_extension', reason: '一般案件不予延期' },
    request_hold: { kind: 'request_hold', reason: '需纳入年度工程' },
    approve_hold: { kind: 'approve_hold' },
    reject_hold: { kind: 'reject_hold', reason: '条件已具备' },
    resume: { kind: 'resume', deadline, pausedWorkingMs: 8 * 3_600_000 },
    request_cancel: { kind: 'request_cancel', reason: '重复立案' },
    approve_cancel: { kind: 'approve_cancel' },
    reject_cancel: { kind: 'reject_cancel', reason: '并非重复' },
    urge: { kind: 'urge', note: '已超期，请加快处置' },
    add_assisting_units: { kind: 'add_assisting_units', unitIds: ['unit-c'], units: SAMPLE_UNITS },
    assist_feedback: { kind: 'assist_feedback', note: '已配合断电' },
    settle_responsibility: { kind: 'settle_responsibility', unitId: 'unit-d', units: SAMPLE_UNITS },
    merge: {
      kind: 'merge',
      targetCaseId: 'case-9',
      targetCaseNumber: '530102-20261124-0009',
      target: makeCase({ id: 'case-9' }),
    },
    absorb_duplicate: {
      kind: 'absorb_duplicate',
      sourceCaseId: 'case-8',
      sourceCaseNumber: '530102-20261124-0008',
      source: 'hotline_12345',
      reporter: { phone: '13900000000' },
    },
    spot_check_pass: { kind: 'spot_check_pass' },
    reopen: { kind: 'reopen', reason: '市级抽查发现问题仍在' },
    whistle: {
      kind: 'whistle',
      whistleId: 'whistle-1',
      level: 'street',
      unitIds: ['unit-b'],
      reason: '占道经营反复出现，街道无法单独解决',
    },
    close_whistle: {
      kind: 'close_whistle',
      whistleId: 'whistle-1',
      outcome: 'resolved',
      note: '联合整治完成',
    },
    hotline_respond: { kind: 'hotline_respond', note: '已电话联系来电人' },
    hotline_reply: { kind: 'hotline_reply', note: '已清理并答复来电人' },
    hotline_reopen: { kind: 'hotline_reopen', reason: '回访不满意', reopenCount: 1 },
    hotline_link_call: { kind: 'hotline_link_call', note: '同一问题再次来电' },
    rate_satisfaction: {
      kind: 'rate_satisfaction',
      result: 'basically_satisfied',
      via: 'call_back',
    },
  };
}
