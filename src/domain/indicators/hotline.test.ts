import { describe, expect, it } from 'vitest';
import { hotlineRates, ratesBy, type OrderFacts, type RateParameters } from '../hotline/index.ts';
import { assessParties } from './assess.ts';
import { HOTLINE_INDICATORS, hotlineTotals } from './hotline.ts';
import { valueOf } from './indicator.ts';

const T = (h: number) => new Date(Date.UTC(2026, 5, 1, 0) + h * 3_600_000);
const P: RateParameters = {
  responseOnTimeOnly: true,
  handlingOnTimeOnly: false,
  basicallySatisfiedWeight: 1,
  decimals: 2,
};
let n = 0;
const order = (f: Partial<OrderFacts>): OrderFacts => ({
  caseId: `c-${++n}`,
  streetCode: '530114001',
  unitId: 'u-530114001',
  status: 'closed',
  respondDueAt: T(2),
  respondedAt: T(1),
  respondedLate: false,
  handleDueAt: T(48),
  handledLate: false,
  callBackResult: 'satisfied',
  ...f,
});

describe('the hotline indicator family', () => {
  const orders = [
    order({}),
    order({ respondedAt: T(3), respondedLate: true, callBackResult: 'dissatisfied' }),
    order({ status: 'dispatched', respondedAt: null, callBackResult: null }),
    order({
      streetCode: '530114002',
      unitId: 'u-530114-cgj',
      callBackResult: 'basically_satisfied',
    }),
  ];

  it('gives per street the numbers GET /hotline/rates gives (one formula)', () => {
    const totals = hotlineTotals(orders, 'street', P, T(50));
    for (const g of ratesBy(orders, 'street', P, T(50))) {
      const t = totals.get(g.key) ?? {};
      const [response, handling, satisfaction] = HOTLINE_INDICATORS.map((d) => valueOf(d, t));
      expect({ response, handling, satisfaction }).toEqual({
        response: g.rates.response.percent,
        handling: g.rates.handling.percent,
        satisfaction: g.rates.satisfaction.percent,
      });
    }
    // Street 001: response 1/3, handling 2/3, satisfaction 1/2.
    expect(Object.fromEntries(totals)['530114001']).toEqual({
      'hotline.responded': 1,
      'hotline.response_judged': 3,
      'hotline.handled': 2,
      'hotline.handling_judged': 3,
      'hotline.satisfied': 1,
      'hotline.called_back': 2,
    });
  });

  it('ranks departments by the weighted composite of the three rates', () => {
    const totals = hotlineTotals(orders, 'unit', P, T(50));
    const ranked = assessParties(
      'hotline',
      [...totals].map(([partyId, t]) => ({ partyId, current: t, previous: {}, yearAgo: {} })),
    );
    expect(ranked.map((r) => [r.partyId, r.composite])).toEqual([
      ['u-530114-cgj', 100],
      // 0.3 × 33.33 + 0.3 × 66.67 + 0.4 × 50
      ['u-530114001', 50],
    ]);
    expect(hotlineRates(orders, P, T(50)).response.percent).toBe(50);
  });
});
