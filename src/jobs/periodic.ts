/**
 * The mechanics every timer job shares: its period from the environment, and a runner that never
 * overlaps itself (a run still going when the next tick comes skips that tick) and whose `stop`
 * waits for the running one.
 */

/** A period in ms from `env[name]` (an integer ≥ 0; 0 turns the job off), else `fallback`. */
export function intervalFromEnv(name: string, fallback: number, env = process.env): number {
  const raw = env[name];
  const n = Number(raw);
  return raw !== undefined && Number.isInteger(n) && n >= 0 ? n : fallback;
}

export type PeriodicJob = { stop(): Promise<void> };

/** Calls `run` every `intervalMs` (never twice at once); `run` handles its own failures. */
export function startPeriodic(run: () => Promise<void>, intervalMs: number): PeriodicJob {
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = run().finally(() => {
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
