import type { StepDeadline } from './deadline.ts';

/** 正常 on time / 预警 warning / 超期 overdue / 暂停 paused (挂账). */
export const TIMER_STATES = ['on_time', 'warning', 'overdue', 'paused'] as const;
export type TimerState = (typeof TIMER_STATES)[number];

/**
 * The state from precomputed instants (epoch ms). The deadline instant itself is still on time;
 * the warning instant already warns. O(1): no calendar walking, which is what lets the sweep check
 * a million open timers in well under a second (calendar arithmetic happens once, when a timer is
 * started, paused, resumed or extended, and its instants are stored with it).
 */
export function timerStateAt(
  dueAtMs: number,
  warnAtMs: number,
  paused: boolean,
  nowMs: number,
): TimerState {
  if (paused) return 'paused';
  if (nowMs > dueAtMs) return 'overdue';
  if (nowMs >= warnAtMs) return 'warning';
  return 'on_time';
}

/** The state of a step's timer at `now`. */
export function timerState(d: StepDeadline, now: Date): TimerState {
  return timerStateAt(
    d.dueAt.getTime(),
    d.warnAt.getTime(),
    d.pausedAt !== undefined,
    now.getTime(),
  );
}

/** One open timer as the sweep job loads it: instants as epoch ms, plus the last recorded state. */
export type SweepEntry = {
  readonly id: string;
  readonly state: TimerState;
  readonly dueAtMs: number;
  readonly warnAtMs: number;
  readonly paused: boolean;
};

export type TimerStateChange = {
  readonly id: string;
  readonly from: TimerState;
  readonly to: TimerState;
};

/**
 * The overdue/warning sweep: the timers whose state at `now` differs from their recorded one, in
 * input order. Each check is `timerStateAt`, two comparisons per timer.
 */
export function sweepTimers(entries: Iterable<SweepEntry>, now: Date): TimerStateChange[] {
  const nowMs = now.getTime();
  const changes: TimerStateChange[] = [];
  for (const e of entries) {
    const to = timerStateAt(e.dueAtMs, e.warnAtMs, e.paused, nowMs);
    if (to !== e.state) changes.push({ id: e.id, from: e.state, to });
  }
  return changes;
}
