export {
  DEFAULT_WARN_FRACTION,
  clockOf,
  extendDeadline,
  pauseDeadline,
  resumeDeadline,
  startDeadline,
  timeUsed,
} from './deadline.ts';
export type { DeadlineClock, DeadlineError, StepDeadline } from './deadline.ts';
export { TIMER_STATES, sweepTimers, timerState, timerStateAt } from './timer-state.ts';
export type { SweepEntry, TimerState, TimerStateChange } from './timer-state.ts';
