import { runtimeKey } from '../runtime.ts';

type Entry = { readonly startedAt: number; readonly seq: number; readonly value: Promise<unknown> };

/** Entries kept at most (scopes × kinds × windows in use); the oldest go first beyond it. */
const MAX_ENTRIES = 1000;

/**
 * The cockpit's answers of this service copy, shared by every viewer of one scope: a figure is
 * counted at most once per `maxAgeMs` per scope however many leaders watch (50 cockpits cost
 * the database one count a second, not fifty), and concurrent askers wait for the one count
 * under way (single flight). Age is measured on the service clock (`now`, ms). An asker that
 * heard of a change takes a `ticket()` then and asks with it: only a count started after the
 * ticket answers it.
 */
export class SnapshotCache {
  private readonly entries = new Map<string, Entry>();
  private seq = 0;

  get<T>(
    key: string,
    now: number,
    maxAgeMs: number,
    compute: () => Promise<T>,
    after?: number,
  ): Promise<T> {
    const hit = this.entries.get(key);
    if (
      hit &&
      now >= hit.startedAt &&
      now - hit.startedAt < maxAgeMs &&
      (after === undefined || hit.seq > after)
    ) {
      return hit.value as Promise<T>;
    }
    const value = compute();
    const entry: Entry = { startedAt: now, seq: ++this.seq, value };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    // A failed count is not kept: the next asker tries again.
    value.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    return value;
  }

  /** A mark of "now" in the cache's order of counts (see `get`'s `after`). */
  ticket(): number {
    return this.seq;
  }
}

/** This copy's cockpit cache (one per Runtime). */
export const COCKPIT_CACHE = runtimeKey('cockpit.cache', () => new SnapshotCache());
