/**
 * The cockpit wall's pure pieces: a fixed-size series of live samples (a wall runs for days, so
 * nothing may grow with time), the top of a tally with names, a daily trend folded into months,
 * and the reconnect delay of the stream.
 */

export type Tally = { readonly key: string; readonly count: number };
export type Named = { readonly name: string; readonly count: number };

/**
 * The last `capacity` samples in a ring: push is O(1) and never allocates after the ring is
 * full; `points()` copies out oldest first for a chart.
 */
export class BoundedSeries<T> {
  private readonly ring: (T | undefined)[];
  private next = 0;
  private filled = 0;
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error('capacity must be ≥ 1');
    this.ring = new Array<T | undefined>(capacity);
  }
  push(v: T): void {
    this.ring[this.next] = v;
    this.next = (this.next + 1) % this.capacity;
    if (this.filled < this.capacity) this.filled++;
  }
  get size(): number {
    return this.filled;
  }
  last(): T | undefined {
    return this.filled === 0
      ? undefined
      : this.ring[(this.next - 1 + this.capacity) % this.capacity];
  }
  points(): T[] {
    const out: T[] = [];
    const start = this.filled < this.capacity ? 0 : this.next;
    for (let i = 0; i < this.filled; i++) out.push(this.ring[(start + i) % this.capacity] as T);
    return out;
  }
}

/** The `n` largest entries, biggest first (ties by key), named through `names` (else the key). */
export function topNamed(
  tallies: readonly Tally[],
  n: number,
  names: ReadonlyMap<string, string>,
): Named[] {
  return [...tallies]
    .filter((t) => t.count > 0)
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, n)
    .map((t) => ({ name: names.get(t.key) ?? t.key, count: t.count }));
}

export type TrendDay = { readonly day: string; readonly new: number; readonly closed: number };
export type TrendMonth = { readonly month: string; readonly new: number; readonly closed: number };

/** Days (YYYY-MM-DD) summed into their months (YYYY-MM), oldest first. */
export function byMonth(days: readonly TrendDay[]): TrendMonth[] {
  const m = new Map<string, { new: number; closed: number }>();
  for (const d of days) {
    const k = d.day.slice(0, 7);
    const v = m.get(k) ?? { new: 0, closed: 0 };
    v.new += d.new;
    v.closed += d.closed;
    m.set(k, v);
  }
  return [...m.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, v]) => ({ month, ...v }));
}

/** A rate as the wall shows it: "87.5%", or "—" when nothing was counted. */
export function percentText(p: number | null | undefined): string {
  return p === null || p === undefined || !Number.isFinite(p) ? '—' : `${p.toFixed(1)}%`;
}

/** Reconnect delay after `failures` failed attempts: 1 s doubling, at most 60 s. */
export function backoffMs(failures: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, Math.min(failures, 16)));
}

/** Wall scale: 1 at 1920 px wide, 2 at 3840 (fonts and chart text follow it). */
export function wallScale(width: number, height: number): number {
  return Math.max(0.5, Math.min(width / 1920, height / 1080));
}

/** A case's stage on the wall's map: waiting at the centre, with a unit, or being closed. */
export function caseStage(status: string): 'intake' | 'handling' | 'closing' | 'ended' {
  switch (status) {
    case 'pending_verification':
    case 'pending_filing':
    case 'pending_dispatch':
      return 'intake';
    case 'dispatched':
    case 'handling':
    case 'on_hold':
      return 'handling';
    case 'pending_recheck':
    case 'pending_close':
      return 'closing';
    default:
      return 'ended';
  }
}

type MapCase = {
  readonly id: string;
  readonly status: string;
  readonly location: { readonly lng: number; readonly lat: number };
  readonly timer?: { readonly state: string } | null | undefined;
};

/** Open cases as map points (each once, ended ones left out), with stage and timer. */
export function openCasePoints(lists: readonly (readonly MapCase[])[]): {
  type: 'FeatureCollection';
  features: {
    type: 'Feature';
    geometry: { type: 'Point'; coordinates: [number, number] };
    properties: { id: string; stage: string; timer: string };
  }[];
} {
  const seen = new Set<string>();
  const features = [];
  for (const list of lists)
    for (const c of list) {
      const stage = caseStage(c.status);
      if (stage === 'ended' || seen.has(c.id)) continue;
      seen.add(c.id);
      features.push({
        type: 'Feature' as const,
        geometry: {
          type: 'Point' as const,
          coordinates: [c.location.lng, c.location.lat] as [number, number],
        },
        properties: { id: c.id, stage, timer: c.timer?.state ?? 'none' },
      });
    }
  return { type: 'FeatureCollection', features };
}
