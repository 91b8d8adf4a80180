import { err, ok, type Result } from '../shared/index.ts';

/** How a time limit is counted (STYLE.md §4.9): never a bare number. */
export const TIME_LIMIT_UNITS = ['working_hours', 'working_days', 'calendar_hours'] as const;
export type TimeLimitUnit = (typeof TIME_LIMIT_UNITS)[number];

/** A handling time limit (处置时限), e.g. `{ amount: 4, unit: 'working_hours' }`. */
export type TimeLimit = { readonly amount: number; readonly unit: TimeLimitUnit };

/** Urgency classes (紧急程度): 紧急 urgent / 较急 pressing / 一般 normal. Names are data. */
export const URGENCY_CLASSES = ['urgent', 'pressing', 'normal'] as const;
export type UrgencyClass = (typeof URGENCY_CLASSES)[number];

/** One limit per urgency class. */
export type TimeLimits = Readonly<Record<UrgencyClass, TimeLimit>>;

// A year of hours bounds any sensible handling limit; longer work is a 挂账 (long-term hold).
const MAX_AMOUNT: Readonly<Record<TimeLimitUnit, number>> = {
  working_hours: 2000,
  working_days: 250,
  calendar_hours: 8760,
};

export type TimeLimitError = {
  readonly code: 'catalogue.invalid_time_limit';
  readonly details: { readonly reason: string; readonly value: unknown; readonly field?: string };
};

export const isTimeLimitUnit = (u: unknown): u is TimeLimitUnit =>
  typeof u === 'string' && (TIME_LIMIT_UNITS as readonly string[]).includes(u);

/**
 * Checks an untrusted `{ amount, unit }`: the unit must be one of TIME_LIMIT_UNITS and the amount
 * a positive number (at most two decimals, e.g. 0.5 working days) within a year.
 */
export function parseTimeLimit(value: unknown, field?: string): Result<TimeLimit, TimeLimitError> {
  const fail = (reason: string) =>
    err<TimeLimitError>({
      code: 'catalogue.invalid_time_limit',
      details: field === undefined ? { reason, value } : { reason, value, field },
    });
  if (typeof value !== 'object' || value === null) return fail('not an object { amount, unit }');
  const { amount, unit } = value as { amount?: unknown; unit?: unknown };
  if (!isTimeLimitUnit(unit)) return fail(`unit must be one of ${TIME_LIMIT_UNITS.join(', ')}`);
  if (typeof amount !== 'number' || !Number.isFinite(amount) || amount <= 0)
    return fail('amount must be a positive number');
  if (Math.round(amount * 100) !== amount * 100) return fail('amount has more than two decimals');
  if (amount > MAX_AMOUNT[unit]) return fail(`amount exceeds ${MAX_AMOUNT[unit]} ${unit}`);
  return ok({ amount, unit });
}

/**
 * A rough length in working hours (a working day as 8 hours, a calendar hour as one hour), used
 * only to keep urgency classes ordered; deadlines are computed on the calendar elsewhere.
 */
export function roughHours(t: TimeLimit): number {
  return t.unit === 'working_days' ? t.amount * 8 : t.amount;
}
