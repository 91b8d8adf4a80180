import { REPORT_STEPS, WHISTLE_LEVELS, type ReportStep, type WhistleLevel } from './levels.ts';
import type { Whistle } from './whistle.ts';

/**
 * How one report step stands for the assessment at `asOf`:
 * - on_time: reported at or before its deadline;
 * - late: reported after its deadline;
 * - never: not reported, and its deadline passed while the whistle was open (未报到; it turns
 *   late if the unit reports before the whistle closes);
 * - pending: not reported, the whistle open and the deadline still ahead;
 * - waived: not reported, and the whistle closed before the deadline (nothing was owed).
 */
export type StepOutcome = 'on_time' | 'late' | 'never' | 'pending' | 'waived';

export function stepOutcome(
  due: Date,
  done: Date | null,
  closedAt: Date | null,
  asOf: Date,
): StepOutcome {
  if (done !== null) return done.getTime() <= due.getTime() ? 'on_time' : 'late';
  const end = closedAt !== null && closedAt.getTime() < asOf.getTime() ? closedAt : asOf;
  if (due.getTime() < end.getTime()) return 'never';
  return closedAt !== null ? 'waived' : 'pending';
}

/**
 * A department's report on one whistle, from its steps: never if any step was never reported,
 * else pending if any is still owed, else late if any was late, else on time (all waived: waived).
 */
export function departmentOutcome(steps: readonly StepOutcome[]): StepOutcome {
  for (const o of ['never', 'pending', 'late', 'on_time'] as const) {
    if (steps.includes(o)) return o;
  }
  return 'waived';
}

export type OutcomeCounts = Record<StepOutcome, number>;

export type LevelStats = {
  readonly level: WhistleLevel;
  /** Whistles blown in the period (吹哨次数). */
  readonly whistles: number;
  readonly open: number;
  readonly resolved: number;
  readonly unresolved: number;
  /** Departments summoned (报到单位次数) and how each reported overall. */
  readonly departments: OutcomeCounts & { readonly summoned: number };
  /** The same per step. */
  readonly steps: Readonly<Record<ReportStep, OutcomeCounts>>;
};

const zero = (): OutcomeCounts => ({ on_time: 0, late: 0, never: 0, pending: 0, waived: 0 });

/**
 * The assessment's counts per level for the whistles blown in [from, to) (the period is half-open,
 * so a whistle blown at the boundary belongs to the later period only), judged at `asOf`. Every
 * report of such a whistle counts in the whistle's period, whenever it came.
 */
export function whistleStats(
  whistles: readonly Whistle[],
  period: { readonly from: Date; readonly to: Date },
  asOf: Date,
): LevelStats[] {
  return WHISTLE_LEVELS.map((level) => {
    const mine = whistles.filter(
      (w) =>
        w.level === level &&
        w.whistledAt.getTime() >= period.from.getTime() &&
        w.whistledAt.getTime() < period.to.getTime(),
    );
    const departments = { summoned: 0, ...zero() };
    const steps = { acknowledge: zero(), arrive: zero(), feedback: zero() };
    for (const w of mine) {
      for (const s of w.summons) {
        const outcomes = REPORT_STEPS.map((step) => {
          const o = stepOutcome(s.due[step], s.done[step], w.closedAt, asOf);
          steps[step][o] += 1;
          return o;
        });
        departments.summoned += 1;
        departments[departmentOutcome(outcomes)] += 1;
      }
    }
    const count = (st: Whistle['status']) => mine.filter((w) => w.status === st).length;
    return {
      level,
      whistles: mine.length,
      open: count('open'),
      resolved: count('resolved'),
      unresolved: count('unresolved'),
      departments,
      steps,
    };
  });
}
