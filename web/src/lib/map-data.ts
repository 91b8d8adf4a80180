/** Case points coloured by the running step's timer (the API's state, never recomputed here). */
export const TIMER_COLOURS = {
  on_time: '#52c41a',
  warning: '#fa8c16',
  overdue: '#f5222d',
  paused: '#8c8c8c',
  none: '#1677ff',
} as const;
