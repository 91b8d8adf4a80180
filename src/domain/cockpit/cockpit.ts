import { scopeFilter, type Principal } from '../access/index.ts';
import type { CaseStatus, SourceChannel } from '../cases/index.ts';

/**
 * The cockpit (数字驾驶舱): what leaders watch live. Pure shapes and rules; the counting is SQL
 * (store/cockpit.store.ts) and the caching and pushing are the service's.
 */

/** The region a viewer's cockpit covers: the whole city, or region code prefixes. */
export type CockpitScope =
  { readonly kind: 'all' } | { readonly kind: 'regions'; readonly prefixes: readonly string[] };

/**
 * The cockpit scope of a principal: its region scope (a district leader sees the district, a
 * street's staff the street, city staff the whole city). Units have no cockpit (the capability
 * table gives them none), so a unit principal gets an empty region list.
 */
export function cockpitScopeOf(p: Principal): CockpitScope {
  const f = scopeFilter(p);
  if (f.kind === 'all') return { kind: 'all' };
  if (f.kind === 'units') return { kind: 'regions', prefixes: [] };
  return { kind: 'regions', prefixes: [...new Set(f.prefixes)].sort() };
}

/** A stable text key of a scope (cache and subscriber keys). */
export function scopeKey(s: CockpitScope): string {
  return s.kind === 'all' ? '*' : s.prefixes.join(',');
}

/** True when a case with these region codes lies in the scope. */
export function inScope(s: CockpitScope, codes: readonly (string | null)[]): boolean {
  if (s.kind === 'all') return true;
  return s.prefixes.some((p) => codes.some((c) => c !== null && c.startsWith(p)));
}

const SHANGHAI_OFFSET_MS = 8 * 3_600_000; // Asia/Shanghai keeps no daylight saving time
export const DAY_MS = 86_400_000;

/** The start of the local (Asia/Shanghai) day holding `at`, `days` days later (negative: earlier). */
export function shanghaiDayStart(at: Date, days = 0): Date {
  const local = at.getTime() + SHANGHAI_OFFSET_MS;
  return new Date(local - (local % DAY_MS) - SHANGHAI_OFFSET_MS + days * DAY_MS);
}

/** `YYYY-MM-DD` of the local (Asia/Shanghai) day holding `at`. */
export function shanghaiDate(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** A count under a key (a status, a category code, a region code, a channel, a unit id). */
export type Tally<K extends string = string> = { readonly key: K; readonly count: number };

/** The live picture of the open cases and of today, in one scope. */
export type CockpitSummary = {
  /** when it was counted */
  readonly at: Date;
  /** `YYYY-MM-DD`, the local day "today" means */
  readonly day: string;
  readonly open: {
    readonly total: number;
    /** running step past its due instant (as the deadline sweep recorded it) */
    readonly overdue: number;
    readonly byStatus: readonly Tally<CaseStatus>[];
    readonly byCategory: readonly Tally[];
    readonly byDistrict: readonly Tally[];
    readonly byStreet: readonly Tally[];
    readonly bySource: readonly Tally<SourceChannel>[];
    /** open cases overdue per main unit (先行处置 and 协同 count for the main unit) */
    readonly overdueByUnit: readonly Tally[];
  };
  readonly today: {
    /** reported today */
    readonly new: number;
    /** reached 结案 today */
    readonly closed: number;
    /** open cases whose running step fell due today, before now */
    readonly overdue: number;
  };
};

/** New and closed cases of one local day. */
export type DayCount = { readonly day: string; readonly new: number; readonly closed: number };

/** The most-reported grids and categories of a window of days ending now. */
export type Hotspots = {
  readonly from: Date;
  readonly to: Date;
  readonly grids: readonly Tally[];
  readonly categories: readonly Tally[];
};

/** Tallies sorted by count, most first, ties by key (stable output for clients and tests). */
export function byCountDesc<K extends string>(t: readonly Tally<K>[]): Tally<K>[] {
  return [...t].sort((a, b) => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/**
 * The days of a trend, oldest first, each filled from the counts found (a day with no case is
 * a zero, not a gap).
 */
export function fillDays(
  today: Date,
  days: number,
  found: ReadonlyMap<string, { new: number; closed: number }>,
): DayCount[] {
  const out: DayCount[] = [];
  for (let i = days - 1; i >= 0; i--) {
    const day = shanghaiDate(shanghaiDayStart(today, -i));
    const f = found.get(day);
    out.push({ day, new: f?.new ?? 0, closed: f?.closed ?? 0 });
  }
  return out;
}
