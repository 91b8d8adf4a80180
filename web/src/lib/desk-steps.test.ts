import { describe, expect, it } from 'vitest';
import { nextWhistleStep, orderSteps, pinnedPoint } from './desk-steps.ts';

describe('hotline order steps offered', () => {
  it('gives the unit respond then reply, and the hotline the call-back', () => {
    const unit = ['case.read', 'case.handle'] as const;
    const agent = ['case.read', 'case.report', 'case.evaluate'] as const;
    expect(orderSteps({ status: 'dispatched' }, unit)).toEqual(['respond']);
    expect(orderSteps({ status: 'responded' }, unit)).toEqual(['reply']);
    expect(orderSteps({ status: 'replied' }, unit)).toEqual([]);
    expect(orderSteps({ status: 'dispatched' }, agent)).toEqual([]);
    expect(orderSteps({ status: 'replied' }, agent)).toEqual(['call-back']);
    expect(orderSteps({ status: 'closed' }, agent)).toEqual([]);
  });
});

describe('address search', () => {
  const c = (precision: string) => ({ point: { lng: 1, lat: 2 }, precision });
  it('pins the point of a house number or a road, not of a street or a district', () => {
    expect(pinnedPoint([c('address'), c('street')])).toEqual({ lng: 1, lat: 2 });
    expect(pinnedPoint([c('road')])).toEqual({ lng: 1, lat: 2 });
    expect(pinnedPoint([c('street')])).toBeNull();
    expect(pinnedPoint([])).toBeNull();
  });
});

describe('whistle reports', () => {
  const at = '2026-03-02T01:00:00Z';
  const w = (done: {
    acknowledge: string | null;
    arrive: string | null;
    feedback: string | null;
  }) => ({
    status: 'open' as const,
    summons: [
      {
        unitId: 'u-a',
        due: { acknowledge: at, arrive: at, feedback: at },
        done,
        missed: [],
      },
    ],
  });
  it('asks a summoned unit for its steps in order', () => {
    expect(nextWhistleStep(w({ acknowledge: null, arrive: null, feedback: null }), 'u-a')).toBe(
      'acknowledge',
    );
    expect(nextWhistleStep(w({ acknowledge: at, arrive: null, feedback: null }), 'u-a')).toBe(
      'arrive',
    );
    expect(nextWhistleStep(w({ acknowledge: at, arrive: at, feedback: null }), 'u-a')).toBe(
      'feedback',
    );
    expect(nextWhistleStep(w({ acknowledge: at, arrive: at, feedback: at }), 'u-a')).toBeNull();
  });
  it('asks nothing of a unit not summoned, or on a closed whistle', () => {
    expect(
      nextWhistleStep(w({ acknowledge: null, arrive: null, feedback: null }), 'u-b'),
    ).toBeNull();
    expect(
      nextWhistleStep(
        { ...w({ acknowledge: null, arrive: null, feedback: null }), status: 'resolved' },
        'u-a',
      ),
    ).toBeNull();
  });
});
