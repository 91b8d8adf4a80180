import { describe, expect, it } from 'vitest';
import type { Whistle } from '../whistle/index.ts';
import { assessParties } from './assess.ts';
import { whistleFacts, whistleTotals } from './whistles.ts';

const T0 = Date.parse('2026-06-01T02:00:00Z');
const h = (hours: number) => new Date(T0 + hours * 3_600_000);
// each step due 1, 4 and 24 hours after the whistle
const due = (at: number) => ({ acknowledge: h(at + 1), arrive: h(at + 4), feedback: h(at + 24) });
const done = (a: number | null, b: number | null, c: number | null) => ({
  acknowledge: a === null ? null : h(a),
  arrive: b === null ? null : h(b),
  feedback: c === null ? null : h(c),
});

function whistle(
  id: string,
  level: Whistle['level'],
  at: number,
  summons: Whistle['summons'],
  closedAt: number | null = null,
): Whistle {
  return {
    id,
    districtCode: '530114',
    caseId: `case-${id}`,
    level,
    regionCode: '530114001',
    streetCode: '530114001',
    communityCode: null,
    reason: '需多部门协同',
    whistledBy: 'u-street',
    whistledAt: h(at),
    status: closedAt === null ? 'open' : 'resolved',
    outcomeNote: null,
    closedBy: null,
    closedAt: closedAt === null ? null : h(closedAt),
    version: 1,
    summons,
  };
}

const PERIOD = { from: h(0), to: h(24 * 30) };
const ASOF = h(24 * 40);

const WHISTLES: Whistle[] = [
  // street whistle: A on time (the feedback exactly at its deadline), B late on arrival
  whistle('w1', 'street', 0, [
    { unitId: 'A', due: due(0), done: done(0.5, 3, 24), missed: [] },
    { unitId: 'B', due: due(0), done: done(1, 5, 20), missed: [] },
  ]),
  // community whistle: A never fed back (deadline passed while open), C on time
  whistle('w2', 'community', 48, [
    { unitId: 'A', due: due(48), done: done(48.5, 50, null), missed: ['feedback'] },
    { unitId: 'C', due: due(48), done: done(48.2, 49, 60), missed: [] },
  ]),
  // district whistle closed after 2 hours: B acknowledged late, the rest waived → late;
  // C acknowledged on time and the rest waived → on time
  whistle(
    'w3',
    'district',
    100,
    [
      { unitId: 'B', due: due(100), done: done(101.5, null, null), missed: [] },
      { unitId: 'C', due: due(100), done: done(100.5, null, null), missed: [] },
    ],
    102,
  ),
  // blown at the period's end: the next period's
  whistle('w4', 'street', 24 * 30, [
    { unitId: 'A', due: due(720), done: done(null, null, null), missed: [] },
  ]),
  // still open, nothing due yet at asOf → pending, in none of the three outcomes
  whistle('w5', 'street', 24 * 29.99, [
    {
      unitId: 'C',
      due: { acknowledge: h(24 * 50), arrive: h(24 * 51), feedback: h(24 * 52) },
      done: done(null, null, null),
      missed: [],
    },
  ]),
];

describe('the whistle-and-report family (吹哨报到)', () => {
  const totals = whistleTotals(whistleFacts(WHISTLES, PERIOD, ASOF));

  it('counts per department the summonses by level and how each was reported', () => {
    expect(Object.fromEntries(totals)).toEqual({
      A: {
        'whistle.summoned': 2,
        'whistle.summoned.street': 1,
        'whistle.summoned.community': 1,
        'whistle.on_time': 1,
        'whistle.never': 1,
      },
      B: {
        'whistle.summoned': 2,
        'whistle.summoned.street': 1,
        'whistle.summoned.district': 1,
        'whistle.late': 2,
      },
      C: {
        'whistle.summoned': 3,
        'whistle.summoned.community': 1,
        'whistle.summoned.district': 1,
        'whistle.summoned.street': 1,
        'whistle.on_time': 2,
      },
    });
  });

  it('rates, scores and ranks the departments', () => {
    const rows = assessParties(
      'whistle',
      [...totals].map(([partyId, current]) => ({ partyId, current, previous: {}, yearAgo: {} })),
    );
    const value = (party: string, id: string) =>
      rows.find((r) => r.partyId === party)?.indicators.find((i) => i.id === id)?.value;
    expect(value('A', 'whistle.on_time_report_rate')).toBe(50);
    expect(value('B', 'whistle.on_time_report_rate')).toBe(0);
    expect(value('C', 'whistle.on_time_report_rate')).toBe(100);
    expect(value('C', 'whistle.summons')).toBe(3);
    expect(value('A', 'whistle.never_reported')).toBe(1);
    expect(value('B', 'whistle.reported_late')).toBe(2);
    expect(rows.map((r) => [r.partyId, r.rank, r.composite, r.grade])).toEqual([
      ['C', 1, 100, 'A'],
      ['A', 2, 50, 'D'],
      ['B', 3, 0, 'E'],
    ]);
  });

  it('judges at the given instant: before the feedback deadline A’s second summons is pending', () => {
    const early = whistleTotals(whistleFacts(WHISTLES, PERIOD, h(60)));
    expect(early.get('A')).toEqual({
      'whistle.summoned': 2,
      'whistle.summoned.street': 1,
      'whistle.summoned.community': 1,
      'whistle.on_time': 1,
    });
  });
});
