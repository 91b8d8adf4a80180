import { describe, expect, it } from 'vitest';
import { decideLoginThrottle } from './index.ts';

const now = new Date('2026-03-02T02:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const policy = { maxFailures: 3, windowSeconds: 600 };

describe('login throttle', () => {
  it.each([
    ['no failures', [], { allowed: true }],
    ['fewer failures than the limit', [minutesAgo(1), minutesAgo(2)], { allowed: true }],
    [
      'the limit reached within the window: wait until the oldest counted failure leaves it',
      [minutesAgo(1), minutesAgo(2), minutesAgo(4)],
      { allowed: false, retryAfterSeconds: 360 },
    ],
    [
      'failures older than the window do not count',
      [minutesAgo(1), minutesAgo(2), minutesAgo(11)],
      { allowed: true },
    ],
    [
      'with more failures than the limit the wait follows the limit-th most recent',
      [minutesAgo(9), minutesAgo(1), minutesAgo(2), minutesAgo(3)],
      { allowed: false, retryAfterSeconds: 420 },
    ],
  ])('%s', (_name, failures, expected) => {
    expect(decideLoginThrottle(failures, now, policy)).toEqual(expected);
  });
});
