import { describe, expect, it } from 'vitest';
import { RateLimiter } from './rate-limit.ts';

describe('RateLimiter', () => {
  it('allows the limit per key and window, then says how long to wait', () => {
    let now = 0;
    const l = new RateLimiter(2, 60_000, { now: () => new Date(now) });
    expect(l.take('a').allowed).toBe(true);
    expect(l.take('a').allowed).toBe(true);
    expect(l.take('b').allowed).toBe(true);
    now = 15_000;
    expect(l.take('a')).toEqual({ allowed: false, retryAfterS: 45 });
    now = 60_000;
    expect(l.take('a').allowed).toBe(true);
  });
});
