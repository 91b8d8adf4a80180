import type { Fact } from './facts.ts';

/** Facts summed by day, district, party, category and metric (a row of the daily roll-up). */
export type DailySum = {
  readonly districtCode: string;
  readonly day: string;
  readonly partyKind: string;
  readonly partyId: string;
  readonly categoryCode: string;
  readonly metric: string;
  readonly n: number;
  readonly value: number;
};

const keyOf = (f: Omit<DailySum, 'n' | 'value'>) =>
  [f.districtCode, f.day, f.partyKind, f.partyId, f.categoryCode, f.metric].join('\u0000');

/** Sums facts into daily rows, in a stable order (day, party kind, party, category, metric). */
export function sumFactsByDay(facts: Iterable<Fact>, into = new Map<string, DailySum>()) {
  for (const f of facts) {
    const k = keyOf(f);
    const was = into.get(k);
    into.set(k, {
      districtCode: f.districtCode,
      day: f.day,
      partyKind: f.partyKind,
      partyId: f.partyId,
      categoryCode: f.categoryCode,
      metric: f.metric,
      n: (was?.n ?? 0) + 1,
      value: (was?.value ?? 0) + f.value,
    });
  }
  return into;
}

/** The rows of a sum map in the roll-up's order. */
export function dailyRows(sums: ReadonlyMap<string, DailySum>): DailySum[] {
  return [...sums.values()].sort((a, b) =>
    keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0,
  );
}
