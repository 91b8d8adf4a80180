import { describe, expect, it } from 'vitest';
import type { RateParameters } from './parameters.ts';
import { averageRates, hotlineRates, percentOf, ratesBy, type OrderFacts } from './rates.ts';

const T = (h: number) => new Date(Date.UTC(2026, 5, 1, 0) + h * 3_600_000);
const P: RateParameters = {
  responseOnTimeOnly: true,
  handlingOnTimeOnly: false,
  basicallySatisfiedWeight: 1,
  decimals: 2,
};

let n = 0;
const order = (f: Partial<OrderFacts> = {}): OrderFacts => ({
  caseId: `c-${++n}`,
  streetCode: '530114001',
  unitId: 'u-a',
  status: 'dispatched',
  respondDueAt: T(2),
  respondedAt: null,
  respondedLate: false,
  handleDueAt: T(48),
  handledLate: false,
  callBackResult: null,
  ...f,
});

describe('the three rates on a hand-built sequence', () => {
  // Judged at T(50): both limits of every order have passed unless said otherwise.
  const orders = [
    // 1: responded on time, replied on time, satisfied
    order({ status: 'closed', respondedAt: T(1), callBackResult: 'satisfied' }),
    // 2: responded late, replied late, basically satisfied
    order({
      status: 'closed',
      respondedAt: T(3),
      respondedLate: true,
      handledLate: true,
      callBackResult: 'basically_satisfied',
    }),
    // 3: responded on time, replied, closed dissatisfied
    order({ status: 'closed', respondedAt: T(1), callBackResult: 'dissatisfied' }),
    // 4: responded on time, replied, not yet called back
    order({ status: 'replied', respondedAt: T(1) }),
    // 5: never responded, limits passed
    order(),
    // 6: reopened after a dissatisfied call-back, back at the unit: its dissatisfied result is
    // not final, it is not handled now, and its new handling limit is ahead
    order({
      status: 'dispatched',
      respondedAt: T(1),
      callBackResult: 'dissatisfied',
      handleDueAt: T(100),
    }),
    // 7: received late: nothing due yet, nothing done → not judged at all
    order({ respondDueAt: T(60), handleDueAt: T(120) }),
  ];

  it('response: on-time first responses / orders judged', () => {
    // judged: 1-6 (7's limit ahead); on time: 1, 3, 4, 6
    expect(hotlineRates(orders, P, T(50)).response).toEqual({
      numerator: 4,
      denominator: 6,
      percent: 66.67,
    });
  });

  it('handling: replied orders / orders whose current limit passed or that replied', () => {
    // judged: 1, 2, 3, 4 (replied), 5 (limit passed); 6 and 7 limits ahead; handled: 1-4
    expect(hotlineRates(orders, P, T(50)).handling).toEqual({
      numerator: 4,
      denominator: 5,
      percent: 80,
    });
    // Counting only replies within the limit drops order 2.
    expect(hotlineRates(orders, { ...P, handlingOnTimeOnly: true }, T(50)).handling).toEqual({
      numerator: 3,
      denominator: 5,
      percent: 60,
    });
  });

  it('satisfaction: (satisfied + weight × basically) / orders closed by a call-back', () => {
    expect(hotlineRates(orders, P, T(50)).satisfaction).toEqual({
      numerator: 2,
      denominator: 3,
      percent: 66.67,
    });
    expect(
      hotlineRates(orders, { ...P, basicallySatisfiedWeight: 0.5 }, T(50)).satisfaction,
    ).toEqual({ numerator: 1.5, denominator: 3, percent: 50 });
  });

  it('does not judge a limit that ends exactly now, and a rate with nothing judged is null', () => {
    const due = [order({ respondDueAt: T(10), handleDueAt: T(10) })];
    expect(hotlineRates(due, P, T(10))).toEqual({
      response: { numerator: 0, denominator: 0, percent: null },
      handling: { numerator: 0, denominator: 0, percent: null },
      satisfaction: { numerator: 0, denominator: 0, percent: null },
    });
    expect(hotlineRates(due, P, T(11)).response).toEqual({
      numerator: 0,
      denominator: 1,
      percent: 0,
    });
  });

  it('counts a late response when the parameters say every response counts', () => {
    expect(
      hotlineRates(orders, { ...P, responseOnTimeOnly: false }, T(50)).response.numerator,
    ).toBe(5);
  });
});

describe('per street and per department, and the sources’ averages', () => {
  it('groups by street and by receiving unit', () => {
    const xs = [
      order({ streetCode: 'b', unitId: 'u-1', respondedAt: T(1) }),
      order({ streetCode: 'a', unitId: 'u-1' }),
      order({ streetCode: 'a', unitId: 'u-2', respondedAt: T(1) }),
    ];
    const byStreet = ratesBy(xs, 'street', P, T(50));
    expect(byStreet.map((g) => [g.key, g.orders, g.rates.response.percent])).toEqual([
      ['a', 2, 50],
      ['b', 1, 100],
    ]);
    const byUnit = ratesBy(xs, 'unit', P, T(50));
    expect(byUnit.map((g) => [g.key, g.orders, g.rates.response.percent])).toEqual([
      ['u-1', 2, 50],
      ['u-2', 1, 100],
    ]);
    // The unweighted mean of the streets (75), not the pooled 2/3.
    expect(averageRates(byStreet, P).response).toBe(75);
    expect(hotlineRates(xs, P, T(50)).response.percent).toBe(66.67);
  });

  it('reproduces Chenggong’s first half of 2024: 6 streets, 1,329 orders, 93.41 / 100.00 / 68.59', () => {
    // Per street: orders, first responses within the limit, call-backs satisfied or basically
    // satisfied (every order was replied and called back). The sources give only the averages;
    // these counts are one split that yields them.
    const streets = [
      ['530114001', 260, 250, 185],
      ['530114002', 245, 232, 171],
      ['530114003', 230, 212, 162],
      ['530114004', 215, 204, 142],
      ['530114005', 200, 183, 133],
      ['530114006', 179, 163, 121],
    ] as const;
    const xs: OrderFacts[] = streets.flatMap(([street, total, onTime, satisfied]) =>
      Array.from({ length: total }, (_, i) =>
        order({
          streetCode: street,
          unitId: `u-${street}`,
          status: 'closed',
          respondedAt: i < onTime ? T(1) : T(5),
          respondedLate: i >= onTime,
          callBackResult:
            i < satisfied ? (i % 2 === 0 ? 'satisfied' : 'basically_satisfied') : 'dissatisfied',
        }),
      ),
    );
    expect(xs).toHaveLength(1329);
    expect(averageRates(ratesBy(xs, 'street', P, T(50)), P)).toEqual({
      response: 93.41,
      handling: 100,
      satisfaction: 68.59,
    });
  });

  it('rounds half away from zero at the parameters’ decimals', () => {
    expect(percentOf(1, 3, 2)).toBe(33.33);
    expect(percentOf(2, 3, 0)).toBe(67);
    expect(percentOf(93.405, 100, 2)).toBe(93.41);
  });
});
