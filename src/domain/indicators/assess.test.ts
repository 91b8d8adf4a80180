import { describe, expect, it } from 'vitest';
import { assessParties, FAMILIES, findIndicator } from './assess.ts';
import { changeOf, compositeScore, gradeOf, rankBy } from './composite.ts';
import { valueOf, type Totals } from './indicator.ts';
import { parsePeriod, previousPeriod, yearAgoPeriod } from './period.ts';

const ind = (id: string) => {
  const d = findIndicator(id);
  if (!d) throw new Error(id);
  return d;
};

describe('indicator values', () => {
  it.each([
    ['unit.received', { 'unit.received': 40 }, 40],
    ['unit.closure_rate', { 'unit.closed': 39, 'unit.received': 40 }, 97.5],
    ['unit.on_time_closure_rate', { 'unit.closed_on_time': 2, 'unit.closed': 3 }, 66.67],
    ['unit.rework_rate', { 'unit.reworked': 1, 'unit.handled': 8 }, 12.5],
    ['unit.send_back_rate', { 'unit.sent_back': 0, 'unit.received': 5 }, 0],
    [
      'unit.avg_handling_hours',
      { 'unit.handling_ms': 3 * 3_600_000 + 1_800_000, 'unit.handled': 2 },
      1.75,
    ],
    ['unit.closure_rate', { 'unit.closed': 0, 'unit.received': 0 }, null],
    ['dispatcher.accuracy_rate', { 'dispatcher.dispatched': 20, 'dispatcher.sent_back': 1 }, 95],
    ['supervisor.missed_rate', { 'grid.missed': 1, 'supervisor.valid': 9 }, 10],
    ['region.problems_per_grid', { 'grid.filed': 7, 'grid.count': 4 }, 1.75],
    [
      'region.supervision_finding_rate',
      { 'grid.filed': 50, 'grid.missed': 2, 'grid.reopened': 1, 'grid.duplicate': 2 },
      10,
    ],
  ] as const)('%s of %o is %s', (id, totals, expected) => {
    expect(valueOf(ind(id), totals)).toBe(expected);
  });
});

describe('composite scores, grades, ranks and change', () => {
  it('weighs the parts that apply and rescales by their weights', () => {
    expect(compositeScore({ a: 80, b: 100 }, { a: 0.5, b: 0.5 })).toBe(90);
    expect(compositeScore({ a: 80, b: null }, { a: 0.4, b: 0.6 })).toBe(80);
    expect(compositeScore({ a: null }, { a: 1 })).toBeNull();
  });

  it('scores a department by the standard: caseload 10 %, closure 30 %, on time 30 %, rework 30 %', () => {
    const t: Totals = {
      'unit.received': 60, // band 51–100 → 90
      'unit.closed': 54, // 90 %
      'unit.handled': 50,
      'unit.handled_on_time': 40, // 80 %
      'unit.reworked': 5, // 10 % → 90
    };
    const [a] = assessParties('unit', [{ partyId: 'U1', current: t, previous: {}, yearAgo: {} }]);
    expect(a?.composite).toBe(87); // 9 + 27 + 24 + 27
    expect(a?.grade).toBe('B');
  });

  it('scores a supervisor by the standard: valid 40 %, missed 20 %, verification 20 %, re-check 20 %', () => {
    const s = FAMILIES.supervisor.parts({
      'supervisor.reported': 10,
      'supervisor.valid': 8,
      'grid.missed': 2,
      'supervisor.verified': 4,
      'supervisor.verified_on_time': 4,
      'supervisor.rechecked': 5,
      'supervisor.rechecked_on_time': 4,
    });
    expect(s).toEqual({
      valid_report_rate: 80,
      missed: 80,
      on_time_verification_rate: 100,
      on_time_recheck_rate: 80,
    });
    expect(compositeScore(s, FAMILIES.supervisor.weights)).toBe(84);
  });

  it('ranks best first with shared ranks, parties without a score last', () => {
    const r = rankBy(['a', 'b', 'c', 'd'], (x) => ({ a: 80, b: 90, c: 80, d: null })[x] ?? null);
    expect([...r.entries()].sort()).toEqual([
      ['a', 2],
      ['b', 1],
      ['c', 2],
      ['d', 4],
    ]);
  });

  it('gives month-on-month and year-on-year change with the ranking', () => {
    const rows = assessParties('unit', [
      {
        partyId: 'U1',
        current: { 'unit.received': 12 },
        previous: { 'unit.received': 10 },
        yearAgo: { 'unit.received': 0 },
      },
    ]);
    const received = rows[0]?.indicators.find((i) => i.id === 'unit.received');
    expect(received).toEqual({
      id: 'unit.received',
      value: 12,
      mom: { delta: 2, pct: 20 },
      yoy: { delta: 12, pct: null },
    });
    expect(changeOf(null, 3)).toEqual({ delta: null, pct: null });
    expect(gradeOf(39.99)).toBe('E');
  });
});

describe('assessment periods', () => {
  it.each([
    ['2024-06', '2024-06-01', '2024-07-01', '2024-05', '2023-06'],
    ['2024-01', '2024-01-01', '2024-02-01', '2023-12', '2023-01'],
    ['2024-12', '2024-12-01', '2025-01-01', '2024-11', '2023-12'],
    ['2024', '2024-01-01', '2025-01-01', '2023', '2023'],
  ])('%s runs from %s to %s, after %s, a year after %s', (s, from, to, prev, ago) => {
    const p = parsePeriod(s);
    if (!p) throw new Error(s);
    expect([p.from, p.to, previousPeriod(p).label, yearAgoPeriod(p).label]).toEqual([
      from,
      to,
      prev,
      ago,
    ]);
  });

  it.each(['2024-13', '24-06', '2024-6', '', '1999-01'])('refuses %j', (s) => {
    expect(parsePeriod(s)).toBeNull();
  });
});
