import { rollUpAll } from '../services/indicators/rollup.ts';
import type { Deps } from '../services/deps.ts';
import { intervalFromEnv, startPeriodic, type PeriodicJob } from './periodic.ts';

/** Default period of the assessment roll-up (GRIDLOOP_ROLLUP_INTERVAL_MS overrides; 0: off). */
export const DEFAULT_ROLLUP_INTERVAL_MS = 30_000;

export function rollupIntervalFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  return intervalFromEnv('GRIDLOOP_ROLLUP_INTERVAL_MS', DEFAULT_ROLLUP_INTERVAL_MS, env);
}

export type RollupJob = PeriodicJob;

/**
 * Folds newly committed case events into the assessment roll-ups every `intervalMs` (never two
 * runs at once in this copy; copies exclude each other through the locked position row).
 */
export function startAssessmentRollup(
  deps: Deps,
  intervalMs = DEFAULT_ROLLUP_INTERVAL_MS,
): RollupJob {
  const run = () =>
    rollUpAll(deps)
      .then((r) => {
        if (r.events > 0) deps.log.info(r, 'assessment roll-up');
      })
      .catch((e: unknown) => deps.log.error({ err: String(e) }, 'assessment roll-up failed'));
  return startPeriodic(run, intervalMs);
}
