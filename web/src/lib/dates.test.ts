import { describe, expect, it } from 'vitest';
import { cityDateToInstant, formatInstant, timeLeft } from './dates.ts';

describe('dates in Asia/Shanghai', () => {
  it('shows instants in city time whatever the zone of the browser', () => {
    expect(formatInstant('2026-03-01T16:30:00Z')).toBe('2026-03-02 00:30');
    expect(formatInstant('2026-12-31T23:59:59Z', true)).toBe('2027-01-01 07:59:59');
    expect(formatInstant(null)).toBe('');
  });

  it('turns a city date into the instants at the start and the end of that day', () => {
    expect(cityDateToInstant('2026-03-02')).toBe('2026-03-01T16:00:00.000Z');
    expect(cityDateToInstant('2026-03-02', true)).toBe('2026-03-02T15:59:59.999Z');
  });

  it('counts down to a deadline, negative once passed', () => {
    const now = Date.parse('2026-03-02T00:00:00Z');
    expect(timeLeft('2026-03-02T02:05:00Z', now)).toBe('2h 05m');
    expect(timeLeft('2026-03-04T03:00:00Z', now)).toBe('2d 3h');
    expect(timeLeft('2026-03-01T23:00:00Z', now)).toBe('-1h 00m');
  });
});
