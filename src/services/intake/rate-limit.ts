import type { Clock } from '../deps.ts';

/**
 * A fixed-window counter per key (e.g. per client IP), kept in this process's memory: cheap and
 * enough for one instance; several instances each allow `limit` per window.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly clock: Clock,
  ) {}

  /** Counts one request; `allowed: false` with the seconds to wait once the window is full. */
  take(key: string): { allowed: boolean; retryAfterS: number } {
    const now = this.clock.now().getTime();
    const w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      if (this.windows.size > 100_000) this.prune(now);
      this.windows.set(key, { start: now, count: 1 });
      return { allowed: true, retryAfterS: 0 };
    }
    if (w.count >= this.limit) {
      return { allowed: false, retryAfterS: Math.ceil((w.start + this.windowMs - now) / 1000) };
    }
    w.count++;
    return { allowed: true, retryAfterS: 0 };
  }

  private prune(now: number): void {
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}
