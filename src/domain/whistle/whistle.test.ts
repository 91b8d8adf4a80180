import { describe, expect, it } from 'vitest';
import type { Result } from '../shared/index.ts';
import {
  applyWhistleEvent,
  blowWhistle,
  closeWhistle,
  foldWhistle,
  missedReports,
  reportStep,
  type BlowInput,
  type Whistle,
  type WhistleEvent,
} from './whistle.ts';

const T0 = new Date('2026-03-02T01:00:00Z');
const h = (n: number) => new Date(T0.getTime() + n * 3_600_000);
const WHISTLER = { userId: 'u-street', role: 'dispatcher' } as const;
const HANDLER = { userId: 'u-cgj', role: 'unit_handler' } as const;

const input = (over: Partial<BlowInput> = {}): BlowInput => ({
  id: 'WH-530114-1',
  case: {
    id: 'case-1',
    districtCode: '530114',
    streetCode: '530114001',
    communityCode: '530114001002',
    open: true,
  },
  place: { level: 'street', regionCode: '530114001' },
  reason: '占道经营反复出现',
  unitIds: ['cgj', 'power'],
  units: [
    {
      id: 'cgj',
      kind: 'district_bureau',
      districtCode: '530114',
      regionCode: '530114',
      active: true,
    },
    { id: 'power', kind: 'utility', districtCode: '530100', regionCode: '530100', active: true },
  ],
  due: { acknowledge: h(2), arrive: h(8), feedback: h(24) },
  ...over,
});

function value<T>(r: Result<T, { code: string }>): T {
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

describe('blowing a whistle', () => {
  it('opens the whistle with one summons per unit, each with the level’s deadlines', () => {
    const { whistle, event } = value(blowWhistle(input(), WHISTLER, T0));
    expect(event).toMatchObject({ kind: 'blown', version: 1, unitId: null });
    expect(whistle).toMatchObject({ status: 'open', level: 'street', version: 1 });
    expect(whistle.summons.map((s) => [s.unitId, s.due.feedback])).toEqual([
      ['cgj', h(24)],
      ['power', h(24)],
    ]);
  });

  it.each([
    ['a closed case', { case: { ...input().case, open: false } }, 'whistle.case_not_open'],
    ['no reason', { reason: '  ' }, 'whistle.reason_required'],
    ['no units', { unitIds: [] }, 'whistle.no_units'],
    ['a unit twice', { unitIds: ['cgj', 'cgj'] }, 'whistle.duplicate_units'],
    [
      'too many units',
      { unitIds: Array.from({ length: 21 }, (_, i) => `u${i}`) },
      'whistle.too_many_units',
    ],
    ['an unknown unit', { unitIds: ['cgj', 'nobody'] }, 'whistle.unit_not_found'],
  ] as const)('refuses %s', (_what, over, code) => {
    expect(blowWhistle(input(over), WHISTLER, T0)).toMatchObject({ ok: false, error: { code } });
  });
});

/** A whistle after the steps, in order; returns the whistle and every event. */
function play(steps: readonly [string, 'acknowledge' | 'arrive' | 'feedback', number][]) {
  const first = value(blowWhistle(input(), WHISTLER, T0));
  let w: Whistle = first.whistle;
  const events: WhistleEvent[] = [first.event];
  for (const [unitId, step, at] of steps) {
    const r = value(reportStep(w, { unitId, step, note: '已处置' }, HANDLER, h(at)));
    w = r.whistle;
    events.push(r.event);
  }
  return { w, events };
}

describe('reporting (报到)', () => {
  it('records each step in order, marking a step after its deadline late', () => {
    const { w, events } = play([
      ['cgj', 'acknowledge', 1],
      ['cgj', 'arrive', 9],
    ]);
    expect(events.map((e) => [e.kind, e.payload.late])).toEqual([
      ['blown', undefined],
      ['acknowledged', false],
      ['arrived', true],
    ]);
    expect(w.summons[0]?.done).toEqual({ acknowledge: h(1), arrive: h(9), feedback: null });
  });

  it('derives the same whistle from its timeline as the decisions produced', () => {
    const { w, events } = play([
      ['cgj', 'acknowledge', 1],
      ['power', 'acknowledge', 3],
      ['cgj', 'arrive', 4],
      ['cgj', 'feedback', 20],
    ]);
    expect(foldWhistle(events)).toEqual(w);
  });

  it.each([
    ['a unit not summoned', 'other', 'acknowledge', 'whistle.unit_not_summoned'],
    ['arriving before acknowledging', 'cgj', 'arrive', 'whistle.step_out_of_order'],
  ] as const)('refuses %s', (_what, unitId, step, code) => {
    const { w } = play([]);
    expect(reportStep(w, { unitId, step }, HANDLER, h(1))).toMatchObject({
      ok: false,
      error: { code },
    });
  });

  it('refuses a step reported twice and feedback without a note', () => {
    const { w } = play([
      ['cgj', 'acknowledge', 1],
      ['cgj', 'arrive', 2],
    ]);
    expect(reportStep(w, { unitId: 'cgj', step: 'arrive' }, HANDLER, h(3))).toMatchObject({
      error: { code: 'whistle.already_reported' },
    });
    expect(
      reportStep(w, { unitId: 'cgj', step: 'feedback', note: ' ' }, HANDLER, h(3)),
    ).toMatchObject({ error: { code: 'whistle.note_required' } });
  });
});

describe('closing and the sweep', () => {
  it('closes once, with a note, and takes no reports afterwards', () => {
    const { w } = play([['cgj', 'acknowledge', 1]]);
    const closed = value(closeWhistle(w, { outcome: 'resolved', note: '已解决' }, WHISTLER, h(5)));
    expect(closed.whistle).toMatchObject({
      status: 'resolved',
      closedAt: h(5),
      outcomeNote: '已解决',
    });
    expect(
      closeWhistle(closed.whistle, { outcome: 'unresolved', note: 'x' }, WHISTLER, h(6)),
    ).toMatchObject({ error: { code: 'whistle.closed' } });
    expect(
      reportStep(closed.whistle, { unitId: 'power', step: 'acknowledge' }, HANDLER, h(6)),
    ).toMatchObject({ error: { code: 'whistle.closed' } });
    expect(closeWhistle(w, { outcome: 'resolved', note: '' }, WHISTLER, h(5))).toMatchObject({
      error: { code: 'whistle.note_required' },
    });
  });

  it('records every step past its deadline once, and nothing on a closed whistle', () => {
    const { w } = play([['cgj', 'acknowledge', 1]]);
    const sys = { userId: 'system', role: 'system' } as const;
    // At 9 h: power missed acknowledge (2 h) and arrive (8 h); cgj missed arrive (8 h).
    const missed = missedReports(w, sys, h(9));
    expect(missed.map((e) => [e.unitId, e.payload.step, e.version])).toEqual([
      ['cgj', 'arrive', 3],
      ['power', 'acknowledge', 4],
      ['power', 'arrive', 5],
    ]);
    const swept = missed.reduce<Whistle>(applyWhistleEvent, w);
    expect(swept.summons.map((s) => s.missed)).toEqual([['arrive'], ['acknowledge', 'arrive']]);
    expect(missedReports(swept, sys, h(9))).toEqual([]);
    // Exactly at a deadline nothing is missed yet.
    expect(missedReports(w, sys, h(2)).map((e) => e.unitId)).toEqual([]);
    const closed = value(
      closeWhistle(w, { outcome: 'unresolved', note: '未解决' }, WHISTLER, h(3)),
    );
    expect(missedReports(closed.whistle, sys, h(30))).toEqual([]);
  });
});
