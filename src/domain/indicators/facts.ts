import { localDateOf, workingTimeBetween, type Calendar } from '../calendar/index.ts';

/**
 * The facts of assessment (考核事实): what each case event counts for, and for whom. A case's
 * events are folded in version order (`foldCaseEvent`); each event yields zero or more facts
 * `(day, party, category, metric, value)`. The daily roll-up is the sum of these facts, the full
 * recompute folds the whole log again with the same function, and traceability lists the events
 * whose facts make up a number: one fold serves all three (issue #10 §2).
 */

/** Who a fact counts for: a unit, a person (by user id) or a unit grid (regions roll up by code). */
export const PARTY_KINDS = ['unit', 'supervisor', 'operator', 'dispatcher', 'grid'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** Every metric a fact may carry; the indicator families (units.ts ...) are formulas over them. */
export const METRICS = [
  // units (处置单位): party = the case's main unit at the event
  'unit.received', // 派遣/改派/先行处置 to the unit
  'unit.handled', // 处置反馈 by the unit
  'unit.handled_on_time', // ... at or before the handling deadline
  'unit.handling_ms', // working ms from the start of the handling try to the feedback (value)
  'unit.closed', // 结案 of a case the unit fed back
  'unit.closed_on_time', // ... whose last feedback was on time
  'unit.reworked', // 返工 after a failed re-check, or a closure reopened by the city (against the unit)
  'unit.sent_back', // 回退 by the unit
  'unit.overdue', // the sweep's 超期 of the handling step
  'unit.extended', // 延期 approved
  // supervisors (监督员): party = the acting or reporting user
  'supervisor.reported', // 上报 (including 自行处置)
  'supervisor.valid', // the report was filed (立案), counted for the reporter
  'supervisor.verified', // 核实 done
  'supervisor.verified_on_time',
  'supervisor.rechecked', // 核查 done (passed or failed)
  'supervisor.rechecked_on_time',
  'supervisor.self_handled', // 自行处置
  // acceptance operators (受理员/值班长) and dispatchers (派遣员): party = the acting user
  'operator.filed', // 立案
  'operator.filed_on_time',
  'operator.closed', // 结案
  'operator.closed_on_time',
  'dispatcher.dispatched', // 派遣, 改派, 先行处置
  'dispatcher.dispatched_on_time',
  'dispatcher.sent_back', // a dispatch of this dispatcher was sent back (回退) by the unit
  // regions (区域): party = the case's unit grid ('' when it lies in none)
  'grid.filed', // 立案数 (problems)
  'grid.closed', // first closure of a filed case
  'grid.closed_on_time', // ... with its last handling on time
  'grid.missed', // 漏报: a case the city's supervisors found (source city_supervisor)
  'grid.reopened', // 错报/虚假结案: a closure the city's spot check reopened
  'grid.duplicate', // 重复: a case merged into another
] as const;
export type Metric = (typeof METRICS)[number];

/** A stored case event as the fold needs it (dates in the payload may be ISO text). */
export type AssessEvent = {
  readonly id: string;
  readonly seq: number;
  readonly action: string;
  readonly actorUserId: string;
  readonly actorRole: string;
  readonly at: Date;
  readonly fromStatus: string | null;
  readonly payload: Readonly<Record<string, unknown>>;
};

/** What a case is (it does not change over the case's life). */
export type CaseProfile = {
  readonly caseId: string;
  readonly districtCode: string;
  readonly source: string;
  readonly categoryCode: string;
  readonly gridCode: string | null;
};

/** What the fold remembers of a case between events (stored per case by the roll-up job). */
export type CaseTrack = {
  readonly reporterId: string | null;
  readonly mainUnitId: string | null;
  readonly lastDispatcherId: string | null;
  /** Due instants (ms) of the running timers by step, as the last event that set them said. */
  readonly dueMs: Readonly<Record<string, number>>;
  /** Start (ms) of the unit's current handling try, and working ms paused on hold in it. */
  readonly handleStartMs: number | null;
  readonly holdStartMs: number | null;
  readonly pausedMs: number;
  readonly lastFeedbackUnitId: string | null;
  readonly lastFeedbackOnTime: boolean;
  readonly filed: boolean;
  readonly closedOnce: boolean;
};

export const NEW_TRACK: CaseTrack = {
  reporterId: null,
  mainUnitId: null,
  lastDispatcherId: null,
  dueMs: {},
  handleStartMs: null,
  holdStartMs: null,
  pausedMs: 0,
  lastFeedbackUnitId: null,
  lastFeedbackOnTime: false,
  filed: false,
  closedOnce: false,
};

/** One fact: `value` is 1 for a count, milliseconds for a duration. */
export type Fact = {
  readonly day: string;
  readonly districtCode: string;
  readonly partyKind: PartyKind;
  readonly partyId: string;
  readonly categoryCode: string;
  readonly metric: Metric;
  readonly value: number;
  readonly caseId: string;
  readonly eventId: string;
};

const PARTY_OF: Record<string, PartyKind> = {
  unit: 'unit',
  supervisor: 'supervisor',
  operator: 'operator',
  dispatcher: 'dispatcher',
  grid: 'grid',
};

/** The party kind a metric counts for (its prefix). */
export function partyKindOf(metric: Metric): PartyKind {
  const kind = PARTY_OF[metric.slice(0, metric.indexOf('.'))];
  if (kind === undefined) throw new Error(`metric without party: ${metric}`);
  return kind;
}

/** The steps whose timer each action starts (the event payload's `deadline`). */
const STARTS: Readonly<Record<string, string>> = {
  report: 'file',
  register: 'verify',
  verify: 'file',
  file: 'dispatch',
  dispatch: 'handle',
  redispatch: 'handle',
  handle_first: 'handle',
  send_back: 'dispatch',
  feedback: 'recheck',
  recheck_pass: 'close',
  rework: 'handle',
  approve_extension: 'handle',
  resume: 'handle',
  reopen: 'dispatch',
};

function dueOf(payload: Readonly<Record<string, unknown>>): number | null {
  const d = payload.deadline;
  if (typeof d !== 'object' || d === null) return null;
  const due = (d as { dueAt?: unknown }).dueAt;
  const ms = due instanceof Date ? due.getTime() : typeof due === 'string' ? Date.parse(due) : NaN;
  return Number.isFinite(ms) ? ms : null;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/**
 * Boundary rule: a step done exactly at its due instant is on time (`at <= due`); a step without
 * a recorded deadline is on time (nothing was asked of it). A paused (挂账) deadline is on time
 * against the due instant the resume (恢复) recorded, which already carries the pause.
 */
export function onTime(atMs: number, dueMs: number | undefined): boolean {
  return dueMs === undefined || atMs <= dueMs;
}

export type FoldResult = { readonly track: CaseTrack; readonly facts: readonly Fact[] };

/** Folds one event of a case (in version order) into its track and the facts it yields. */
export function foldCaseEvent(
  track: CaseTrack,
  e: AssessEvent,
  profile: CaseProfile,
  cal: Calendar,
): FoldResult {
  const facts: Fact[] = [];
  const day = localDateOf(cal, e.at);
  const atMs = e.at.getTime();
  const add = (metric: Metric, partyId: string | null, value = 1) => {
    if (partyId === null) return;
    facts.push({
      day,
      districtCode: profile.districtCode,
      partyKind: partyKindOf(metric),
      partyId,
      categoryCode: profile.categoryCode,
      metric,
      value,
      caseId: profile.caseId,
      eventId: e.id,
    });
  };
  const grid = profile.gridCode ?? '';
  const due = (step: string) => track.dueMs[step];
  let t: CaseTrack = track;
  const startHandle = (unitId: string | null) => {
    t = { ...t, mainUnitId: unitId, handleStartMs: atMs, holdStartMs: null, pausedMs: 0 };
  };
  const p = e.payload;
  switch (e.action) {
    case 'report':
    case 'self_handle':
      t = { ...t, reporterId: e.actorUserId };
      add('supervisor.reported', e.actorUserId);
      if (e.action === 'self_handle') add('supervisor.self_handled', e.actorUserId);
      if (profile.source === 'city_supervisor') add('grid.missed', grid);
      break;
    case 'register':
      if (profile.source === 'city_supervisor') add('grid.missed', grid);
      break;
    case 'verify':
      add('supervisor.verified', e.actorUserId);
      if (onTime(atMs, due('verify'))) add('supervisor.verified_on_time', e.actorUserId);
      break;
    case 'file':
      t = { ...t, filed: true };
      add('operator.filed', e.actorUserId);
      if (onTime(atMs, due('file'))) add('operator.filed_on_time', e.actorUserId);
      add('supervisor.valid', t.reporterId);
      add('grid.filed', grid);
      break;
    case 'dispatch':
    case 'redispatch':
    case 'handle_first': {
      const unitId = str(p.unitId);
      add('dispatcher.dispatched', e.actorUserId);
      // Only a dispatch out of the dispatch queue runs against the dispatch step's timer (a
      // re-dispatch before acceptance has none).
      if (e.fromStatus !== 'pending_dispatch' || onTime(atMs, due('dispatch')))
        add('dispatcher.dispatched_on_time', e.actorUserId);
      add('unit.received', unitId);
      startHandle(unitId);
      t = { ...t, lastDispatcherId: e.actorUserId };
      break;
    }
    case 'send_back':
      add('unit.sent_back', t.mainUnitId);
      add('dispatcher.sent_back', t.lastDispatcherId);
      t = { ...t, mainUnitId: null, handleStartMs: null };
      break;
    case 'approve_hold':
      t = { ...t, holdStartMs: atMs };
      break;
    case 'resume':
      t = {
        ...t,
        holdStartMs: null,
        pausedMs:
          t.pausedMs +
          (t.holdStartMs === null ? 0 : workingTimeBetween(cal, new Date(t.holdStartMs), e.at)),
      };
      break;
    case 'approve_extension':
      add('unit.extended', t.mainUnitId);
      break;
    case 'feedback': {
      const inTime = onTime(atMs, due('handle'));
      add('unit.handled', t.mainUnitId);
      if (inTime) add('unit.handled_on_time', t.mainUnitId);
      if (t.handleStartMs !== null) {
        const worked = workingTimeBetween(cal, new Date(t.handleStartMs), e.at) - t.pausedMs;
        add('unit.handling_ms', t.mainUnitId, Math.max(0, worked));
      }
      t = { ...t, lastFeedbackUnitId: t.mainUnitId, lastFeedbackOnTime: inTime };
      break;
    }
    case 'recheck_pass':
    case 'rework':
      add('supervisor.rechecked', e.actorUserId);
      if (onTime(atMs, due('recheck'))) add('supervisor.rechecked_on_time', e.actorUserId);
      if (e.action === 'rework') {
        add('unit.reworked', t.mainUnitId);
        startHandle(t.mainUnitId);
      }
      break;
    case 'close':
      add('operator.closed', e.actorUserId);
      if (onTime(atMs, due('close'))) add('operator.closed_on_time', e.actorUserId);
      add('unit.closed', t.lastFeedbackUnitId);
      if (t.lastFeedbackOnTime) add('unit.closed_on_time', t.lastFeedbackUnitId);
      if (t.filed && !t.closedOnce) {
        add('grid.closed', grid);
        if (t.lastFeedbackOnTime) add('grid.closed_on_time', grid);
      }
      t = { ...t, closedOnce: true };
      break;
    case 'reopen':
      add('unit.reworked', str(p.unitId) ?? t.lastFeedbackUnitId);
      add('grid.reopened', grid);
      t = { ...t, mainUnitId: null, handleStartMs: null };
      break;
    case 'merge':
      add('grid.duplicate', grid);
      break;
    case 'timer_overdue':
      if (p.step === 'handle') add('unit.overdue', t.mainUnitId);
      break;
    default:
      break;
  }
  const step = STARTS[e.action];
  const dueMs = step === undefined ? null : dueOf(p);
  if (step !== undefined && dueMs !== null) t = { ...t, dueMs: { ...t.dueMs, [step]: dueMs } };
  return { track: t, facts };
}

/** Folds a whole case history (version order) into its facts. */
export function foldCase(
  events: readonly AssessEvent[],
  profile: CaseProfile,
  cal: Calendar,
  from: CaseTrack = NEW_TRACK,
): FoldResult {
  let track = from;
  const facts: Fact[] = [];
  for (const e of events) {
    const r = foldCaseEvent(track, e, profile, cal);
    track = r.track;
    facts.push(...r.facts);
  }
  return { track, facts };
}
