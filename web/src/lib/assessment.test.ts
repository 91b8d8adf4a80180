import { describe, expect, it } from 'vitest';
import { formatValue, lastMonth, rankingCsv, type Assessment } from './assessment.ts';

describe('assessment pages', () => {
  it('shows rates in percent, hours to a tenth and counts whole', () => {
    expect(formatValue({ kind: 'rate' }, 0.9234)).toBe('92.3%');
    expect(formatValue({ kind: 'hours' }, 12.345)).toBe('12.3');
    expect(formatValue({ kind: 'count' }, 7)).toBe('7');
    expect(formatValue({ kind: 'rate' }, null)).toBe('—');
  });

  it('looks at last month by default, across a year end', () => {
    expect(lastMonth(new Date('2026-01-15T00:00:00Z'))).toBe('2025-12');
    expect(lastMonth(new Date('2026-12-03T00:00:00Z'))).toBe('2026-11');
  });

  it('exports the ranking in rank order with every indicator', () => {
    const mom = { delta: null, pct: null };
    const a = {
      indicators: [
        {
          id: 'unit.on_time_rate',
          nameZh: '按期',
          nameEn: 'On time',
          kind: 'rate',
          lowerIsBetter: false,
        },
      ],
      parties: [
        {
          partyId: 'b',
          name: 'B',
          composite: 50,
          grade: null,
          rank: 2,
          compositeMom: mom,
          compositeYoy: mom,
          values: [],
        },
        {
          partyId: 'a',
          name: 'A',
          composite: 90,
          grade: 'A',
          rank: 1,
          compositeMom: mom,
          compositeYoy: mom,
          values: [{ id: 'unit.on_time_rate', value: 0.5, mom, yoy: mom }],
        },
      ],
    } as unknown as Assessment;
    expect(rankingCsv(a).split('\r\n').slice(0, 3)).toEqual([
      '\uFEFFrank,partyId,name,composite,grade,unit.on_time_rate',
      '1,a,A,90,A,0.5',
      '2,b,B,50,,',
    ]);
  });
});
