export {
  DEFAULT_WARN_FRACTION,
  clockOf,
  extendDeadline,
  extendDeadlineBy,
  extendDeadlineTo,
  remainingTime,
  pauseDeadline,
  resumeDeadline,
  startDeadline,
  timeUsed,
} from './deadline.ts';
export type { DeadlineClock, DeadlineError, StepDeadline } from './deadline.ts';
export { sweepTimers, timerState, timerStateAt } from './timer-state.ts';
export type { SweepEntry, TimerState, TimerStateChange } from './timer-state.ts';
