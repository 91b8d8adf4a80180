import { describe, expect, it } from 'vitest';
import type { DuplicateCandidate, DuplicateProbe } from './index.ts';
import { findLikelyDuplicates } from './index.ts';

const T0 = new Date('2026-11-24T02:00:00Z');
const MIN = 60_000;
// At latitude 25°, 0.0001° of latitude is about 11.1 m.
const point = (northM: number) => ({ point: { lng: 102.71, lat: 25.04 + northM / 111_195 } });

const report: DuplicateProbe = {
  kind: 'event',
  categoryScheme: 'gb47678',
  categoryCode: '01001',
  location: point(0),
  reportedAt: T0,
};

const candidate = (
  id: string,
  northM: number,
  minutesAgo: number,
  o: Partial<DuplicateCandidate> = {},
): DuplicateCandidate => ({
  id,
  caseNumber: `530102-20261124-${id}`,
  status: 'handling',
  kind: 'event',
  categoryScheme: 'gb47678',
  categoryCode: '01001',
  location: point(northM),
  createdAt: new Date(T0.getTime() - minutesAgo * MIN),
  ...o,
});

const window = { maxDistanceM: 50, maxAgeMs: 60 * MIN };
const ids = (cs: readonly DuplicateCandidate[]) =>
  findLikelyDuplicates(report, cs, window).map((d) => d.caseId);

describe('findLikelyDuplicates', () => {
  it('offers open cases of the same category nearest first, with the distance', () => {
    const found = findLikelyDuplicates(
      report,
      [candidate('far', 40, 5), candidate('near', 10, 50)],
      window,
    );
    expect(found.map((d) => d.caseId)).toEqual(['near', 'far']);
    expect(found[0]?.distanceM).toBeCloseTo(10, 1);
    expect(found[0]?.ageMs).toBe(50 * MIN);
  });

  it.each<[string, DuplicateCandidate]>([
    ['farther than the distance', candidate('x', 51, 5)],
    ['older than the window', candidate('x', 5, 61)],
    ['of another category', candidate('x', 5, 5, { categoryCode: '01002' })],
    ['of another kind', candidate('x', 5, 5, { kind: 'component' })],
    ['of another catalogue', candidate('x', 5, 5, { categoryScheme: 'cjt214' })],
    ['closed', candidate('x', 5, 5, { status: 'closed' })],
    ['merged', candidate('x', 5, 5, { status: 'merged' })],
  ])('leaves out a case %s', (_why, c) => {
    expect(ids([c])).toEqual([]);
  });

  it('keeps cases exactly at the limits and those opened just after the report', () => {
    expect(ids([candidate('edge', 49.99, 60), candidate('after', 0, -5)])).toEqual([
      'after',
      'edge',
    ]);
  });

  it('orders equally distant cases by age, then by id', () => {
    expect(ids([candidate('b', 10, 30), candidate('a', 10, 30), candidate('c', 10, 5)])).toEqual([
      'c',
      'a',
      'b',
    ]);
  });
});
