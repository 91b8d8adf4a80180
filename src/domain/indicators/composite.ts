/**
 * Composite scores (综合指标值), grades, rankings and period-on-period change. Weights are
 * parameters (defaults in each family's module, overridable per request or district).
 */

export type Weights = Readonly<Record<string, number>>;

/**
 * Σ score × weight over the parts that apply, rescaled by the weights that applied (a part with
 * nothing due — a rate with a zero denominator — is left out rather than scored 0 or 100).
 * Null when no part applies. Rounded to 2 decimals.
 */
export function compositeScore(
  parts: Readonly<Record<string, number | null>>,
  weights: Weights,
): number | null {
  let total = 0;
  let used = 0;
  for (const [k, w] of Object.entries(weights)) {
    const s = parts[k];
    if (s === null || s === undefined || w <= 0) continue;
    total += s * w;
    used += w;
  }
  return used === 0 ? null : Math.round((total / used) * 100) / 100;
}

/** Grade bands A..E of a composite (standards.md §4.2, UMP; unconfirmed, so a parameter). */
export const GRADE_BANDS = [
  { grade: 'A', from: 90 },
  { grade: 'B', from: 75 },
  { grade: 'C', from: 60 },
  { grade: 'D', from: 40 },
  { grade: 'E', from: -Infinity },
] as const;

export function gradeOf(score: number | null): string | null {
  if (score === null) return null;
  return GRADE_BANDS.find((b) => score >= b.from)?.grade ?? null;
}

/**
 * Competition ranking (1, 2, 2, 4) by a value, best first; `lowerIsBetter` turns the order.
 * Parties without a value share the last rank after all that have one.
 */
export function rankBy<T>(
  items: readonly T[],
  value: (x: T) => number | null,
  lowerIsBetter = false,
): Map<T, number> {
  const withValue = items.filter((x) => value(x) !== null);
  const sorted = [...withValue].sort((a, b) => {
    const d = (value(b) ?? 0) - (value(a) ?? 0);
    return lowerIsBetter ? -d : d;
  });
  const ranks = new Map<T, number>();
  sorted.forEach((x, i) => {
    const prev = sorted[i - 1];
    ranks.set(
      x,
      prev !== undefined && value(prev) === value(x) ? (ranks.get(prev) ?? i + 1) : i + 1,
    );
  });
  for (const x of items) if (!ranks.has(x)) ranks.set(x, withValue.length + 1);
  return ranks;
}

/** Change against an earlier period: the difference and the relative change in percent. */
export type Change = { readonly delta: number | null; readonly pct: number | null };

export function changeOf(current: number | null, earlier: number | null): Change {
  if (current === null || earlier === null) return { delta: null, pct: null };
  const delta = Math.round((current - earlier) * 100) / 100;
  const pct = earlier === 0 ? null : Math.round(((current - earlier) / earlier) * 10_000) / 100;
  return { delta, pct };
}
