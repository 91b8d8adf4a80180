import { describe, expect, it } from 'vitest';
import { checkTrackBatch, patrolCoverage, usefulForCoverage } from './index.ts';

const NOW = new Date('2026-03-02T04:00:00Z');
const at = (iso: string) => new Date(iso);
const G1 = '530114001001001';
const G2 = '530114001001002';
const G3 = '530114001001003';
const OTHER = '530102001001001';
const MARCH = { from: at('2026-03-01T00:00:00Z'), to: at('2026-04-01T00:00:00Z') };

describe('patrol coverage (巡查覆盖率)', () => {
  it.each([
    ['no visits', [], 0, 0],
    ['one grid of three', [{ gridCode: G1, recordedAt: at('2026-03-01T08:00:00Z') }], 1, 1 / 3],
    [
      'the same grid twice counts once',
      [
        { gridCode: G2, recordedAt: at('2026-03-01T08:00:00Z') },
        { gridCode: G2, recordedAt: at('2026-03-01T08:00:30Z') },
      ],
      1,
      1 / 3,
    ],
    [
      'a grid that is not the supervisor’s does not count',
      [{ gridCode: OTHER, recordedAt: at('2026-03-01T08:00:00Z') }],
      0,
      0,
    ],
    [
      'a visit before the period or at its end does not count',
      [
        { gridCode: G1, recordedAt: at('2026-02-28T23:59:59Z') },
        { gridCode: G2, recordedAt: at('2026-04-01T00:00:00Z') },
        { gridCode: G3, recordedAt: at('2026-03-01T00:00:00Z') },
      ],
      1,
      1 / 3,
    ],
    [
      'every grid visited',
      [G1, G2, G3].map((g) => ({ gridCode: g, recordedAt: at('2026-03-10T01:00:00Z') })),
      3,
      1,
    ],
  ])('%s', (_name, visits, visited, share) => {
    const c = patrolCoverage([G1, G2, G3], visits, MARCH);
    expect(c.gridsTotal).toBe(3);
    expect(c.gridsVisited).toBe(visited);
    expect(c.share).toBeCloseTo(share, 10);
    expect(c.visited).toHaveLength(visited);
  });

  it('is zero, not a division by zero, for a supervisor without grids', () => {
    expect(patrolCoverage([], [], MARCH)).toEqual({
      gridsTotal: 0,
      gridsVisited: 0,
      share: 0,
      visited: [],
      points: 0,
    });
  });

  it('counts the points inside the supervisor’s grids in the period', () => {
    const c = patrolCoverage(
      [G1, G2],
      [
        { gridCode: G1, recordedAt: at('2026-03-01T08:00:00Z') },
        { gridCode: G1, recordedAt: at('2026-03-01T08:00:30Z') },
        { gridCode: OTHER, recordedAt: at('2026-03-01T08:01:00Z') },
      ],
      MARCH,
    );
    expect(c.points).toBe(2);
    expect(c.visited).toEqual([G1]);
  });
});

describe('a batch of patrol track points', () => {
  const p = (iso: string, accuracyM?: number) => ({
    recordedAt: at(iso),
    lng: 102.85,
    lat: 24.88,
    ...(accuracyM !== undefined ? { accuracyM } : {}),
  });

  it('keeps each instant once and puts the points in time order', () => {
    const r = checkTrackBatch(
      [p('2026-03-02T03:00:30Z'), p('2026-03-02T03:00:00Z'), p('2026-03-02T03:00:30Z')],
      NOW,
    );
    expect(r.ok && r.value.map((x) => x.recordedAt.toISOString())).toEqual([
      '2026-03-02T03:00:00.000Z',
      '2026-03-02T03:00:30.000Z',
    ]);
  });

  it.each([
    ['a point more than five minutes ahead of the server', '2026-03-02T04:05:01Z', 'future'],
    ['a point older than 31 days', '2026-01-30T03:59:59Z', 'too_old'],
  ])('refuses %s, naming the point', (_name, iso, reason) => {
    const r = checkTrackBatch([p('2026-03-02T03:00:00Z'), p(iso)], NOW);
    expect(r).toEqual({
      ok: false,
      error: { code: 'patrol.invalid_points', details: { index: 1, reason } },
    });
  });

  it('accepts a phone clock a little ahead of the server', () => {
    expect(checkTrackBatch([p('2026-03-02T04:04:59Z')], NOW).ok).toBe(true);
  });

  it.each([
    [undefined, true],
    [15, true],
    [200, true],
    [201, false],
  ])('with accuracy %s m is useful for coverage: %s', (accuracyM, useful) => {
    expect(usefulForCoverage(accuracyM === undefined ? {} : { accuracyM })).toBe(useful);
  });
});
