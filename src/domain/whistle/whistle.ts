import type { Role } from '../access/index.ts';
import { err, ok, type Result } from '../shared/index.ts';
import { whistleError, type WhistleError } from './errors.ts';
import { REPORT_STEPS, summonRefusal, type ReportStep, type WhistleLevel } from './levels.ts';
import type { CasePlace, WhistlePlace } from './levels.ts';
import type { Unit } from '../units/index.ts';

/** How a closed whistle ended, as the whistler judges it (吹哨结果). */
export const WHISTLE_OUTCOMES = ['resolved', 'unresolved'] as const;
export type WhistleOutcome = (typeof WHISTLE_OUTCOMES)[number];
export type WhistleStatus = 'open' | WhistleOutcome;

export type StepTimes = Readonly<Record<ReportStep, Date>>;

/** One summoned department (报到单位): its deadlines and when it reported each step. */
export type Summons = {
  readonly unitId: string;
  readonly due: StepTimes;
  readonly done: Readonly<Record<ReportStep, Date | null>>;
  /** Steps the deadline sweep recorded as missed (each once). */
  readonly missed: readonly ReportStep[];
};

export type Whistle = {
  readonly id: string;
  readonly districtCode: string;
  readonly caseId: string;
  readonly level: WhistleLevel;
  readonly regionCode: string;
  /** Where the case lies: street and community staff see the whistles on their cases. */
  readonly streetCode: string | null;
  readonly communityCode: string | null;
  readonly reason: string;
  readonly whistledBy: string;
  readonly whistledAt: Date;
  readonly status: WhistleStatus;
  readonly outcomeNote: string | null;
  readonly closedBy: string | null;
  readonly closedAt: Date | null;
  readonly version: number;
  readonly summons: readonly Summons[];
};

export const WHISTLE_EVENT_KINDS = [
  'blown', // 吹哨
  'acknowledged', // 响应
  'arrived', // 到场
  'fed_back', // 处置反馈
  'report_missed', // 逾期未报到 (the sweep)
  'closed', // 吹哨结束
] as const;
export type WhistleEventKind = (typeof WHISTLE_EVENT_KINDS)[number];

/** The event each report step writes. */
export const STEP_EVENT: Readonly<Record<ReportStep, WhistleEventKind>> = {
  acknowledge: 'acknowledged',
  arrive: 'arrived',
  feedback: 'fed_back',
};

export type WhistleActor = { readonly userId: string; readonly role: Role | 'system' };

/** One entry of a whistle's append-only timeline. */
export type WhistleEvent = {
  readonly districtCode: string;
  readonly whistleId: string;
  readonly version: number;
  readonly kind: WhistleEventKind;
  readonly unitId: string | null;
  readonly actor: WhistleActor;
  readonly at: Date;
  readonly payload: Readonly<Record<string, unknown>>;
};

/** Most departments one whistle may summon (a coordination meeting, not a broadcast). */
export const MAX_SUMMONED_UNITS = 20;

export type BlowInput = {
  readonly id: string;
  readonly case: CasePlace & { readonly id: string; readonly open: boolean };
  readonly place: WhistlePlace;
  readonly reason: string;
  readonly unitIds: readonly string[];
  readonly units: readonly Pick<Unit, 'id' | 'active' | 'districtCode' | 'regionCode' | 'kind'>[];
  /** The step deadlines for this level, computed by the service on the district's calendar. */
  readonly due: StepTimes;
};

/** 吹哨: checks the case, the reason and every summoned unit; the `blown` event opens the whistle. */
export function blowWhistle(
  input: BlowInput,
  actor: WhistleActor,
  now: Date,
): Result<{ whistle: Whistle; event: WhistleEvent }, WhistleError> {
  const { unitIds } = input;
  if (!input.case.open)
    return err(whistleError('whistle.case_not_open', { caseId: input.case.id }));
  if (input.reason.trim() === '') return err(whistleError('whistle.reason_required'));
  if (unitIds.length === 0) return err(whistleError('whistle.no_units'));
  if (unitIds.length > MAX_SUMMONED_UNITS)
    return err(whistleError('whistle.too_many_units', { max: MAX_SUMMONED_UNITS }));
  if (new Set(unitIds).size !== unitIds.length)
    return err(whistleError('whistle.duplicate_units', { unitIds }));
  const place = { ...input.place, districtCode: input.case.districtCode };
  for (const id of unitIds) {
    const refusal = summonRefusal(place, id, input.units);
    if (refusal) return err(refusal);
  }
  const event: WhistleEvent = {
    districtCode: input.case.districtCode,
    whistleId: input.id,
    version: 1,
    kind: 'blown',
    unitId: null,
    actor,
    at: now,
    payload: {
      caseId: input.case.id,
      level: input.place.level,
      regionCode: input.place.regionCode,
      streetCode: input.case.streetCode,
      communityCode: input.case.communityCode,
      reason: input.reason.trim(),
      unitIds,
      due: input.due,
    },
  };
  return ok({ whistle: foldWhistle([event]), event });
}

const noSteps = { acknowledge: null, arrive: null, feedback: null };

/** A whistle's state after one more event (the projection the store keeps). */
export function applyWhistleEvent(w: Whistle | null, e: WhistleEvent): Whistle {
  if (e.kind === 'blown') {
    const p = e.payload as {
      caseId: string;
      level: WhistleLevel;
      regionCode: string;
      streetCode: string | null;
      communityCode: string | null;
      reason: string;
      unitIds: readonly string[];
      due: Record<ReportStep, Date | string>;
    };
    const due = Object.fromEntries(
      REPORT_STEPS.map((s) => [s, new Date(p.due[s])]),
    ) as unknown as StepTimes;
    return {
      id: e.whistleId,
      districtCode: e.districtCode,
      caseId: p.caseId,
      level: p.level,
      regionCode: p.regionCode,
      streetCode: p.streetCode,
      communityCode: p.communityCode,
      reason: p.reason,
      whistledBy: e.actor.userId,
      whistledAt: e.at,
      status: 'open',
      outcomeNote: null,
      closedBy: null,
      closedAt: null,
      version: e.version,
      summons: p.unitIds.map((unitId) => ({ unitId, due, done: noSteps, missed: [] })),
    };
  }
  if (w === null) throw new Error(`whistle ${e.whistleId}: ${e.kind} before blown`);
  const next = { ...w, version: e.version };
  const onUnit = (f: (s: Summons) => Summons) => ({
    ...next,
    summons: w.summons.map((s) => (s.unitId === e.unitId ? f(s) : s)),
  });
  switch (e.kind) {
    case 'acknowledged':
    case 'arrived':
    case 'fed_back': {
      const step = stepOf(e.kind);
      return onUnit((s) => ({ ...s, done: { ...s.done, [step]: e.at } }));
    }
    case 'report_missed': {
      const step = (e.payload as { step: ReportStep }).step;
      return onUnit((s) => ({ ...s, missed: [...s.missed, step] }));
    }
    case 'closed': {
      const p = e.payload as { outcome: WhistleOutcome; note: string };
      return {
        ...next,
        status: p.outcome,
        outcomeNote: p.note,
        closedBy: e.actor.userId,
        closedAt: e.at,
      };
    }
  }
}

function stepOf(kind: 'acknowledged' | 'arrived' | 'fed_back'): ReportStep {
  return kind === 'acknowledged' ? 'acknowledge' : kind === 'arrived' ? 'arrive' : 'feedback';
}

/** A whistle as its timeline says (the events in version order). */
export function foldWhistle(events: readonly WhistleEvent[]): Whistle {
  const w = events.reduce<Whistle | null>(applyWhistleEvent, null);
  if (w === null) throw new Error('a whistle has at least its blown event');
  return w;
}

const event = (
  w: Whistle,
  kind: WhistleEventKind,
  unitId: string | null,
  actor: WhistleActor,
  at: Date,
  payload: Record<string, unknown>,
): WhistleEvent => ({
  districtCode: w.districtCode,
  whistleId: w.id,
  version: w.version + 1,
  kind,
  unitId,
  actor,
  at,
  payload,
});

const PREVIOUS: Readonly<Record<ReportStep, ReportStep | null>> = {
  acknowledge: null,
  arrive: 'acknowledge',
  feedback: 'arrive',
};

/**
 * 报到: a summoned unit reports one step, in order (respond, come, feed back with a note). A step
 * reported after its deadline is accepted and marked late: the assessment counts it as late.
 */
export function reportStep(
  w: Whistle,
  input: { readonly unitId: string; readonly step: ReportStep; readonly note?: string | undefined },
  actor: WhistleActor,
  now: Date,
): Result<{ whistle: Whistle; event: WhistleEvent }, WhistleError> {
  const { unitId, step } = input;
  if (w.status !== 'open') return err(whistleError('whistle.closed', { status: w.status }));
  const s = w.summons.find((x) => x.unitId === unitId);
  if (!s) return err(whistleError('whistle.unit_not_summoned', { unitId }));
  if (s.done[step] !== null) return err(whistleError('whistle.already_reported', { step }));
  const before = PREVIOUS[step];
  if (before !== null && s.done[before] === null)
    return err(whistleError('whistle.step_out_of_order', { step, missing: before }));
  const note = input.note?.trim() ?? '';
  if (step === 'feedback' && note === '') return err(whistleError('whistle.note_required'));
  const e = event(w, STEP_EVENT[step], unitId, actor, now, {
    step,
    dueAt: s.due[step],
    late: now.getTime() > s.due[step].getTime(),
    ...(note !== '' ? { note } : {}),
  });
  return ok({ whistle: applyWhistleEvent(w, e), event: e });
}

/** 吹哨结束: the whistler closes the whistle as resolved or unresolved, with a note. */
export function closeWhistle(
  w: Whistle,
  input: { readonly outcome: WhistleOutcome; readonly note: string },
  actor: WhistleActor,
  now: Date,
): Result<{ whistle: Whistle; event: WhistleEvent }, WhistleError> {
  if (w.status !== 'open') return err(whistleError('whistle.closed', { status: w.status }));
  const note = input.note.trim();
  if (note === '') return err(whistleError('whistle.note_required'));
  const e = event(w, 'closed', null, actor, now, { outcome: input.outcome, note });
  return ok({ whistle: applyWhistleEvent(w, e), event: e });
}

/**
 * The misses the deadline sweep records at `now`: every step of an open whistle past its deadline,
 * not reported and not recorded before, one `report_missed` event each (in unit, step order).
 */
export function missedReports(w: Whistle, actor: WhistleActor, now: Date): WhistleEvent[] {
  if (w.status !== 'open') return [];
  const out: WhistleEvent[] = [];
  let cur = w;
  for (const s of w.summons) {
    for (const step of REPORT_STEPS) {
      if (s.done[step] !== null || s.missed.includes(step)) continue;
      if (s.due[step].getTime() >= now.getTime()) continue;
      const e = event(cur, 'report_missed', s.unitId, actor, now, { step, dueAt: s.due[step] });
      cur = applyWhistleEvent(cur, e);
      out.push(e);
    }
  }
  return out;
}
