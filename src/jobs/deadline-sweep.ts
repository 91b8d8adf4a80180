import { sweepDeadlines, type SweepReport } from '../services/deadlines/sweep.ts';
import type { Deps } from '../services/deps.ts';
import { intervalFromEnv, startPeriodic, type PeriodicJob } from './periodic.ts';
import { pruneChangeFeed } from '../services/notify/change-feed.ts';
import { sweepWhistles } from '../services/whistle/sweep-whistles.ts';

/** Default period of the deadline sweep (GRIDLOOP_SWEEP_INTERVAL_MS overrides; 0 turns it off). */
export const DEFAULT_SWEEP_INTERVAL_MS = 60_000;

export function sweepIntervalFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return intervalFromEnv('GRIDLOOP_SWEEP_INTERVAL_MS', DEFAULT_SWEEP_INTERVAL_MS, env);
}

export type SweepJob = PeriodicJob;

/**
 * Runs the deadline sweep every `intervalMs` (never two at once; a failed run is logged and the
 * next one tries again), then the whistle sweep (missed reports, services/whistle), then prunes
 * the case outbox of old changes. `stop` waits for a running sweep to finish.
 */
export function startDeadlineSweep(
  deps: Deps,
  intervalMs = DEFAULT_SWEEP_INTERVAL_MS,
  onSwept: (r: SweepReport) => void = () => undefined,
): SweepJob {
  const run = () =>
    sweepDeadlines(deps)
      .then((r) => {
        if (r.overdue + r.warning > 0) deps.log.info(r, 'deadline sweep');
        onSwept(r);
      })
      .catch((e: unknown) => deps.log.error({ err: String(e) }, 'deadline sweep failed'))
      // 吹哨报到: report steps past their limits are recorded as missed (services/whistle).
      .then(async () => {
        const w = await sweepWhistles(deps);
        if (w.missed > 0) deps.log.info(w, 'whistle sweep');
      })
      .catch((e: unknown) => deps.log.error({ err: String(e) }, 'whistle sweep failed'))
      // The case outbox keeps the recent changes the streams resume from (change-feed.ts).
      .then(async () => {
        await pruneChangeFeed(deps);
      })
      .catch((e: unknown) => deps.log.warn({ err: String(e) }, 'case outbox not pruned'));
  return startPeriodic(run, intervalMs);
}
