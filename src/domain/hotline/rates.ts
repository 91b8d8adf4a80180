import type { RateParameters } from './parameters.ts';
import type { CallBackResult, OrderStatus } from './order.ts';

/**
 * The three hotline rates (响应率、处置率、服务满意率), written once here and used by
 * GET /hotline/rates and by the assessment's hotline family (domain/indicators/hotline.ts).
 * standards.md names them without a formula; docs/hotline.md gives these, over the orders
 * received in a period, judged at `asOf`:
 *
 *   响应率 response   = responded (within the limit, if responseOnTimeOnly)
 *                       / orders whose first response limit has passed or that responded
 *   处置率 handling   = orders replied (every reply within its limit, if handlingOnTimeOnly)
 *                       / orders whose current handling limit has passed or that are replied
 *   服务满意率         = (satisfied + basicallySatisfiedWeight × basically satisfied)
 *                       / orders closed by a call-back (its final result; a reopened order counts
 *                         once, by the call-back that closed it)
 *
 * An order whose limit has not passed (a limit passes after its instant: one exactly at `asOf` is
 * still running) and that has not acted yet is not judged (it is neither in
 * the numerator nor the denominator). A rate with nothing to judge is null.
 */
export type OrderFacts = {
  readonly caseId: string;
  readonly streetCode: string;
  readonly unitId: string;
  readonly status: OrderStatus;
  readonly respondDueAt: Date;
  /** The first response (the one judged), or null. */
  readonly respondedAt: Date | null;
  readonly respondedLate: boolean;
  readonly handleDueAt: Date;
  readonly handledLate: boolean;
  readonly callBackResult: CallBackResult | null;
};

export type RateKind = 'response' | 'handling' | 'satisfaction';
export const RATE_KINDS: readonly RateKind[] = ['response', 'handling', 'satisfaction'];

export type Rate = {
  readonly numerator: number;
  readonly denominator: number;
  /** Percentage rounded to the parameters' decimals; null when nothing was judged. */
  readonly percent: number | null;
};

export type RateSet = { readonly [K in RateKind]: Rate };

/** What one order adds to each rate's numerator and denominator (0 / 0 when not judged). */
export function orderContribution(
  o: OrderFacts,
  p: RateParameters,
  asOf: Date,
): { readonly [K in RateKind]: { readonly num: number; readonly den: number } } {
  const t = asOf.getTime();
  const responded = o.respondedAt !== null;
  const responseJudged = responded || o.respondDueAt.getTime() < t;
  const responseCounts = responded && !(p.responseOnTimeOnly && o.respondedLate);
  const handled = o.status === 'replied' || o.status === 'closed';
  const handlingJudged = handled || o.handleDueAt.getTime() < t;
  const handlingCounts = handled && !(p.handlingOnTimeOnly && o.handledLate);
  const calledBack = o.status === 'closed' && o.callBackResult !== null;
  const satisfied =
    o.callBackResult === 'satisfied'
      ? 1
      : o.callBackResult === 'basically_satisfied'
        ? p.basicallySatisfiedWeight
        : 0;
  return {
    response: { num: responseCounts ? 1 : 0, den: responseJudged ? 1 : 0 },
    handling: { num: handlingCounts ? 1 : 0, den: handlingJudged ? 1 : 0 },
    satisfaction: { num: calledBack ? satisfied : 0, den: calledBack ? 1 : 0 },
  };
}

/** A percentage rounded half away from zero to `decimals` places (null for 0 / 0). */
export function percentOf(num: number, den: number, decimals: number): number | null {
  if (den === 0) return null;
  const f = 10 ** decimals;
  // Through a decimal string, so 93.405 rounds up as a person would round it.
  return Math.round(Number(((num / den) * 100 * f).toPrecision(12))) / f;
}

/** The three rates of a set of orders. */
export function hotlineRates(
  orders: readonly OrderFacts[],
  p: RateParameters,
  asOf: Date,
): RateSet {
  const sums: Record<RateKind, { num: number; den: number }> = {
    response: { num: 0, den: 0 },
    handling: { num: 0, den: 0 },
    satisfaction: { num: 0, den: 0 },
  };
  for (const o of orders) {
    const c = orderContribution(o, p, asOf);
    for (const k of RATE_KINDS) {
      sums[k].num += c[k].num;
      sums[k].den += c[k].den;
    }
  }
  const rate = (k: RateKind): Rate => {
    const { num, den } = sums[k];
    return { numerator: num, denominator: den, percent: percentOf(num, den, p.decimals) };
  };
  return {
    response: rate('response'),
    handling: rate('handling'),
    satisfaction: rate('satisfaction'),
  };
}

export type GroupRates = { readonly key: string; readonly orders: number; readonly rates: RateSet };

/** The rates per street or per receiving unit (department), keys in order. */
export function ratesBy(
  orders: readonly OrderFacts[],
  by: 'street' | 'unit',
  p: RateParameters,
  asOf: Date,
): GroupRates[] {
  const groups = new Map<string, OrderFacts[]>();
  for (const o of orders) {
    const key = by === 'street' ? o.streetCode : o.unitId;
    const list = groups.get(key);
    if (list) list.push(o);
    else groups.set(key, [o]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, list]) => ({ key, orders: list.length, rates: hotlineRates(list, p, asOf) }));
}

/**
 * 平均响应率 etc. as the sources report them ("6个街道 … 平均响应率93.41%"): the unweighted mean
 * of the groups' percentages (groups with nothing judged left out), rounded once more.
 */
export function averageRates(
  groups: readonly GroupRates[],
  p: RateParameters,
): { readonly [K in RateKind]: number | null } {
  const mean = (k: RateKind): number | null => {
    const xs = groups.map((g) => g.rates[k]).filter((r) => r.denominator > 0);
    if (xs.length === 0) return null;
    // The mean of the unrounded ratios: rounding each group first would drift.
    const sum = xs.reduce((s, r) => s + r.numerator / r.denominator, 0);
    return percentOf(sum, xs.length, p.decimals);
  };
  return {
    response: mean('response'),
    handling: mean('handling'),
    satisfaction: mean('satisfaction'),
  };
}
