import { ACTION_LABELS } from './actions.ts';
import type { CaseActionKind } from './actions.ts';
import { activeStep } from './case.ts';
import type { Actor, Case, CaseStatus, StepName } from './case.ts';

/**
 * The deadline sweep's events (预警 / 超期): domain events like the workflow's, written by the
 * system when a running step's timer passes its warning or due instant. The status stays; the
 * version steps by one. The sweep writes them set-based in SQL (src/store/deadline-sweep.store.ts),
 * row for row what `timerEvent` builds (a test holds the two together).
 */
export const TIMER_EVENT_KINDS = ['timer_warning', 'timer_overdue'] as const;
export type TimerEventKind = (typeof TIMER_EVENT_KINDS)[number];

/** The timer state each timer event records. */
export const TIMER_EVENT_STATE = {
  timer_warning: 'warning',
  timer_overdue: 'overdue',
} as const satisfies Record<TimerEventKind, 'warning' | 'overdue'>;

export const TIMER_EVENT_LABELS: {
  readonly [K in TimerEventKind]: { readonly zh: string; readonly en: string };
} = {
  timer_warning: { zh: '临期预警', en: 'deadline warning' },
  timer_overdue: { zh: '超期', en: 'overdue' },
};

/** The timer event for a state the sweep records. */
export function timerEventKindOf(state: 'warning' | 'overdue'): TimerEventKind {
  return state === 'warning' ? 'timer_warning' : 'timer_overdue';
}

/** Who writes what nobody did by hand (the sweep's timer events). */
export const SYSTEM_USER_ID = 'system';
export type SystemActor = {
  readonly userId: typeof SYSTEM_USER_ID;
  readonly role: 'system';
  readonly districtCode: string;
  readonly unitId?: undefined;
  readonly scope?: undefined;
};

/** What a case event records: a workflow action, or a timer event of the sweep. */
export type CaseEventAction = CaseActionKind | TimerEventKind;

/** The payload of a timer event: the running step and its instants. */
export type TimerEventPayload = {
  readonly step: StepName;
  readonly dueAt: Date;
  readonly warnAt: Date;
};

/**
 * One entry of a case's append-only history. `seq` equals the case version the event produced
 * (1 for the opening event), so (caseId, seq) is unique. `fromStatus` is null for the opening event.
 */
export type NewCaseEvent = {
  readonly caseId: string;
  readonly districtCode: string;
  readonly seq: number;
  readonly action: CaseEventAction;
  readonly actor: Actor | SystemActor;
  readonly at: Date;
  readonly fromStatus: CaseStatus | null;
  readonly toStatus: CaseStatus;
  /** The action's fields (minus `kind`/`expectedVersion`) plus derived facts, JSON-serialisable. */
  readonly payload: Readonly<Record<string, unknown>>;
};

/** A stored event: the store assigns the id. */
export type CaseEvent = NewCaseEvent & { readonly id: string };

/** A timer event as the domain defines it. */
export type TimerEvent = NewCaseEvent & {
  readonly action: TimerEventKind;
  readonly actor: SystemActor;
  readonly payload: TimerEventPayload;
};

/**
 * The timer event for a case whose running step reached `state` at `at`, or null when no timer
 * runs (terminal, closed or paused cases are never swept).
 */
export function timerEvent(
  c: Pick<Case, 'id' | 'districtCode' | 'status' | 'version' | 'deadlines'>,
  state: 'warning' | 'overdue',
  at: Date,
): TimerEvent | null {
  const step = activeStep(c.status);
  const d = step === null ? undefined : c.deadlines[step];
  if (step === null || d === undefined || d.pausedAt !== undefined) return null;
  return {
    caseId: c.id,
    districtCode: c.districtCode,
    seq: c.version + 1,
    action: timerEventKindOf(state),
    actor: { userId: SYSTEM_USER_ID, role: 'system', districtCode: c.districtCode },
    at,
    fromStatus: c.status,
    toStatus: c.status,
    payload: { step, dueAt: d.dueAt, warnAt: d.warnAt },
  };
}

/** The Chinese and English name of what an event records. */
export function eventLabel(action: CaseEventAction): { readonly zh: string; readonly en: string } {
  return (TIMER_EVENT_KINDS as readonly string[]).includes(action)
    ? TIMER_EVENT_LABELS[action as TimerEventKind]
    : (ACTION_LABELS[action as CaseActionKind] ??
        RETIRED_ACTION_LABELS[action] ?? {
          zh: action,
          en: action,
        });
}

/**
 * Actions no longer taken whose events stay in stored histories (case_events is append-only):
 * `hotline_call_back` became `rate_satisfaction` (via call_back), the case's one satisfaction event.
 */
const RETIRED_ACTION_LABELS: Readonly<Record<string, { zh: string; en: string }>> = {
  hotline_call_back: { zh: '热线回访', en: 'hotline: call back' },
};
