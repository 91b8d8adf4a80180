import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkCases } from '../../../test/assessment/walk.ts';
import { closeCaseWorld, openCaseWorld } from '../../../test/helpers/app.ts';
import { OWN, type CaseWorld } from '../../../test/factories.ts';
import type { DailySum } from '../../domain/indicators/index.ts';
import { recomputeDaily, rollUpAll, rollUpOnce, storedDaily } from './rollup.ts';

let w: CaseWorld;
beforeAll(async () => {
  w = await openCaseWorld();
}, 120_000);
afterAll(async () => {
  await closeCaseWorld(w);
});

const sorted = (rows: readonly DailySum[]) =>
  rows
    .map((r) =>
      JSON.stringify([r.day, r.partyKind, r.partyId, r.categoryCode, r.metric, r.n, r.value]),
    )
    .sort();

const total = (rows: readonly DailySum[], metric: string) =>
  rows.filter((r) => r.metric === metric).reduce((a, r) => a + r.value, 0);

describe('the assessment roll-up', () => {
  it('gives the same daily numbers as a full recompute from the event log', async () => {
    await walkCases(w, 16);
    // in small steps, part-way through the walk and after it, as a job would
    await rollUpOnce(w.deps, 7);
    await walkCases(w, 16);
    await rollUpAll(w.deps, 50);
    const stored = await storedDaily(w.deps, OWN);
    const recomputed = await recomputeDaily(w.deps, OWN);
    expect(stored.length).toBeGreaterThan(20);
    expect(sorted(stored)).toEqual(sorted(recomputed));
    // 32 cases: 4 of each of 8 paths; 7 file; 6 close, one of them (reopen) twice
    expect(total(stored, 'supervisor.reported')).toBe(32);
    expect(total(stored, 'grid.filed')).toBe(28);
    expect(total(stored, 'unit.closed')).toBe(28);
    expect(total(stored, 'grid.closed')).toBe(24);
    expect(total(stored, 'grid.reopened')).toBe(4);
    expect(total(stored, 'unit.sent_back')).toBe(4);
    expect(total(stored, 'unit.extended')).toBe(4);
  }, 300_000);

  it('folds nothing twice: a second run finds nothing new', async () => {
    const before = await storedDaily(w.deps, OWN);
    expect((await rollUpAll(w.deps)).events).toBe(0);
    expect(await storedDaily(w.deps, OWN)).toEqual(before);
  });
});
