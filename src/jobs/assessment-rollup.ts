import { rollUpAll } from '../services/indicators/rollup.ts';
import type { Deps } from '../services/deps.ts';

/** Default period of the assessment roll-up (GRIDLOOP_ROLLUP_INTERVAL_MS overrides; 0: off). */
export const DEFAULT_ROLLUP_INTERVAL_MS = 30_000;

export function rollupIntervalFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.GRIDLOOP_ROLLUP_INTERVAL_MS);
  return env.GRIDLOOP_ROLLUP_INTERVAL_MS !== undefined && Number.isInteger(n) && n >= 0
    ? n
    : DEFAULT_ROLLUP_INTERVAL_MS;
}

export type RollupJob = { stop(): Promise<void> };

/**
 * Folds newly committed case events into the assessment roll-ups every `intervalMs` (never two
 * runs at once in this copy; copies exclude each other through the locked position row).
 */
export function startAssessmentRollup(
  deps: Deps,
  intervalMs = DEFAULT_ROLLUP_INTERVAL_MS,
): RollupJob {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = rollUpAll(deps)
      .then((r) => {
        if (r.events > 0) deps.log.info(r, 'assessment roll-up');
      })
      .catch((e: unknown) => deps.log.error({ err: String(e) }, 'assessment roll-up failed'))
      .finally(() => {
        running = null;
      });
  };
  const timer = intervalMs > 0 ? setInterval(tick, intervalMs) : null;
  timer?.unref();
  return {
    async stop() {
      if (timer) clearInterval(timer);
      await running;
    },
  };
}
