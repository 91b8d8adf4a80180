/**
 * An indicator (考核指标): a named formula over the summed facts of one party and period.
 * Counts sum a metric; rates divide two sums (× 100 %); `hours` divide a duration by a count.
 * Every indicator is documented once in docs/indicators.md (a test holds the two together).
 */

/** Summed facts of one party over a period, by metric (plus service-supplied figures such as
 * `grid.count`, the number of unit grids of a region). A missing metric is 0. */
export type Totals = Readonly<Record<string, number>>;

export type Family =
  'unit' | 'supervisor' | 'operator' | 'dispatcher' | 'region' | 'whistle' | 'hotline';

export type IndicatorKind = 'count' | 'rate' | 'hours' | 'ratio';

export type IndicatorDef = {
  readonly id: string;
  readonly family: Family;
  readonly name: { readonly zh: string; readonly en: string };
  readonly kind: IndicatorKind;
  /** Metrics summed into the numerator (the count itself for a count). */
  readonly numerator: readonly string[];
  /** Metrics summed into the denominator (rates, hours, ratios). */
  readonly denominator?: readonly string[];
  /** Metrics subtracted from the numerator (准确派遣率: dispatched − sent back). */
  readonly minus?: readonly string[];
  /** Whether a lower value is better (rework rate, overdue count): the ranking reads it. */
  readonly lowerIsBetter?: boolean;
};

const sum = (t: Totals, ms: readonly string[] | undefined): number =>
  (ms ?? []).reduce((a, m) => a + (t[m] ?? 0), 0);

/**
 * The value of an indicator: a count as summed, a rate in percent (0..100, 2 decimals), hours
 * (2 decimals), a ratio (2 decimals); null when the denominator is 0 (nothing was due: the
 * indicator does not apply, it is not 0 % or 100 %).
 */
export function valueOf(def: IndicatorDef, t: Totals): number | null {
  const num = sum(t, def.numerator) - sum(t, def.minus);
  if (def.kind === 'count') return num;
  const den = sum(t, def.denominator);
  if (den === 0) return null;
  const round2 = (x: number) => Math.round(x * 100) / 100;
  if (def.kind === 'rate') return round2((num / den) * 100);
  if (def.kind === 'hours') return round2(num / den / 3_600_000);
  return round2(num / den);
}

/** The metrics behind an indicator (what its traceability lists). */
export function metricsOf(def: IndicatorDef): readonly string[] {
  return [...def.numerator, ...(def.minus ?? []), ...(def.denominator ?? [])];
}

/** A score band table: the first row whose `upTo` (inclusive) holds the count gives the score. */
export type Band = { readonly upTo: number; readonly score: number };

export function bandScore(bands: readonly Band[], n: number, above: number): number {
  for (const b of bands) if (n <= b.upTo) return b.score;
  return above;
}
