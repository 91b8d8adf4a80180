import { describe, expect, it } from 'vitest';
import type { WhistleLevel } from './levels.ts';
import { departmentOutcome, stepOutcome, whistleStats } from './stats.ts';
import type { Summons, Whistle } from './whistle.ts';

const at = (s: string) => new Date(s);
const T = (h: number) => new Date(Date.UTC(2026, 5, 30, 0) + h * 3_600_000); // 2026-06-30T00:00Z

describe('one step’s outcome', () => {
  const due = T(10);
  it.each([
    ['reported before the deadline', T(5), null, T(50), 'on_time'],
    ['reported exactly at the deadline', T(10), null, T(50), 'on_time'],
    ['reported after the deadline', T(11), null, T(50), 'late'],
    ['unreported, deadline passed, open', null, null, T(11), 'never'],
    ['unreported, deadline ahead, open', null, null, T(9), 'pending'],
    ['unreported, deadline exactly now', null, null, T(10), 'pending'],
    ['unreported, closed after the deadline', null, T(12), T(50), 'never'],
    ['unreported, closed before the deadline', null, T(8), T(50), 'waived'],
  ] as const)('%s: %s', (_what, done, closedAt, asOf, expected) => {
    expect(stepOutcome(due, done, closedAt, asOf)).toBe(expected);
  });

  it.each([
    [['on_time', 'on_time', 'on_time'], 'on_time'],
    [['on_time', 'late', 'on_time'], 'late'],
    [['on_time', 'late', 'pending'], 'pending'],
    [['late', 'never', 'pending'], 'never'],
    [['on_time', 'waived', 'waived'], 'on_time'],
    [['waived', 'waived', 'waived'], 'waived'],
  ] as const)('a department with steps %j reported %s', (steps, expected) => {
    expect(departmentOutcome(steps)).toBe(expected);
  });
});

let n = 0;
function summons(
  due: [number, number, number],
  done: [number | null, number | null, number | null],
): Summons {
  const d = (x: number | null) => (x === null ? null : T(x));
  return {
    unitId: `u${++n}`,
    due: { acknowledge: T(due[0]), arrive: T(due[1]), feedback: T(due[2]) },
    done: { acknowledge: d(done[0]), arrive: d(done[1]), feedback: d(done[2]) },
    missed: [],
  };
}

function whistle(
  level: WhistleLevel,
  whistledAt: Date,
  s: readonly Summons[],
  closed: { status: 'resolved' | 'unresolved'; at: Date } | null = null,
): Whistle {
  return {
    id: `w${++n}`,
    districtCode: '530114',
    caseId: 'c',
    level,
    regionCode: '530114',
    streetCode: null,
    communityCode: null,
    reason: 'r',
    whistledBy: 'u',
    whistledAt,
    status: closed?.status ?? 'open',
    outcomeNote: closed ? 'note' : null,
    closedBy: closed ? 'u' : null,
    closedAt: closed?.at ?? null,
    version: 1,
    summons: s,
  };
}

describe('the counts per level and period', () => {
  // The first half of 2026 in Asia/Shanghai: [2026-01-01T00:00+08, 2026-07-01T00:00+08).
  const H1 = { from: at('2025-12-31T16:00:00Z'), to: at('2026-06-30T16:00:00Z') };
  const asOf = T(100);
  const whistles = [
    // Blown at the very first instant of the half-year: counted.
    whistle(
      'district',
      H1.from,
      [summons([1, 2, 3], [0.5, 1.5, 2.5]), summons([1, 2, 3], [0.5, 3, 4])],
      {
        status: 'resolved',
        at: T(5),
      },
    ),
    // Blown one millisecond before the half-year: not counted.
    whistle('district', new Date(H1.from.getTime() - 1), [summons([1, 2, 3], [null, null, null])]),
    // Blown at the very end (the next period's first instant): not counted.
    whistle('street', H1.to, [summons([1, 2, 3], [null, null, null])]),
    // Blown one millisecond before the end: counted; one department never acknowledged
    // (deadline passed), one has a step still ahead.
    whistle('street', new Date(H1.to.getTime() - 1), [
      summons([20, 30, 200], [null, null, null]),
      summons([20, 30, 200], [10, 25, null]),
    ]),
    // Closed unresolved before the last deadline: the unreported feedback is waived.
    whistle('community', at('2026-03-01T02:00:00Z'), [summons([1, 2, 300], [0, 1, null])], {
      status: 'unresolved',
      at: T(50),
    }),
    whistle('community', at('2026-04-01T02:00:00Z'), [summons([1, 2, 3], [1, 2, 3])]),
  ];
  const stats = whistleStats(whistles, H1, asOf);
  const byLevel = Object.fromEntries(stats.map((s) => [s.level, s]));

  it('counts the whistles blown in [from, to) per level', () => {
    expect(stats.map((s) => [s.level, s.whistles, s.open, s.resolved, s.unresolved])).toEqual([
      ['community', 2, 1, 0, 1],
      ['street', 1, 1, 0, 0],
      ['district', 1, 0, 1, 0],
    ]);
  });

  it('counts the departments on time, late and never per level', () => {
    expect(byLevel.district?.departments).toEqual({
      summoned: 2,
      on_time: 1,
      late: 1,
      never: 0,
      pending: 0,
      waived: 0,
    });
    expect(byLevel.street?.departments).toEqual({
      summoned: 2,
      on_time: 0,
      late: 0,
      never: 1,
      pending: 1,
      waived: 0,
    });
    expect(byLevel.community?.departments).toEqual({
      summoned: 2,
      on_time: 2,
      late: 0,
      never: 0,
      pending: 0,
      waived: 0,
    });
  });

  it('counts each step too', () => {
    expect(byLevel.district?.steps.arrive).toEqual({
      on_time: 1,
      late: 1,
      never: 0,
      pending: 0,
      waived: 0,
    });
    expect(byLevel.street?.steps.feedback).toEqual({
      on_time: 0,
      late: 0,
      never: 0,
      pending: 2,
      waived: 0,
    });
    expect(byLevel.community?.steps.feedback).toEqual({
      on_time: 1,
      late: 0,
      never: 0,
      pending: 0,
      waived: 1,
    });
  });

  it('splits two adjacent periods without losing or doubling a whistle at the boundary', () => {
    const H2 = { from: H1.to, to: at('2026-12-31T16:00:00Z') };
    const first = whistleStats(whistles, H1, asOf).reduce((a, s) => a + s.whistles, 0);
    const second = whistleStats(whistles, H2, asOf).reduce((a, s) => a + s.whistles, 0);
    const before = whistleStats(whistles, { from: at('2025-01-01T00:00:00Z'), to: H1.from }, asOf);
    expect([first, second, before.reduce((a, s) => a + s.whistles, 0)]).toEqual([4, 1, 1]);
  });
});
