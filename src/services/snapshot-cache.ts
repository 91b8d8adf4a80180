type Entry = { readonly startedAt: number; readonly seq: number; readonly value: Promise<unknown> };

/**
 * Answers of this service copy shared by every asker of one key (the cockpit's figures of one
 * scope, an Open311 request list): computed at most once per `maxAgeMs` per key however many
 * ask (50 cockpits cost the database one count a second, not fifty), and concurrent askers wait
 * for the one computation under way (single flight). Age is measured on the service clock (`now`, ms). An asker that
 * heard of a change takes a `ticket()` then and asks with it: only a count started after the
 * ticket answers it.
 */
export class SnapshotCache {
  private readonly entries = new Map<string, Entry>();
  private seq = 0;

  /** `maxEntries`: keys kept at most; the least recently computed go first beyond it. */
  constructor(private readonly maxEntries = 1000) {}

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
    if (this.entries.size > this.maxEntries) {
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
