type Entry = {
  readonly startedAt: number;
  readonly seq: number;
  readonly value: Promise<unknown>;
  /** the computation has answered (a stale answer is served only once it has) */
  done: boolean;
  /** a fresh computation runs in the background for this stale entry */
  refreshing: boolean;
};

/**
 * Answers of this service copy shared by every asker of one key (the cockpit's figures of one
 * scope): computed at most once per `maxAgeMs` per key however many ask (50 cockpits cost the
 * database one count a second, not fifty), and concurrent askers wait for the one computation
 * under way (single flight). With `staleMs`, an answer older than `maxAgeMs` but younger than
 * `staleMs` is still served at once while one fresh computation runs in the background, so no
 * asker of a key asked all the time waits for a count. Age is measured on the service clock
 * (`now`, ms). An asker that heard of a change takes a `ticket()` then and asks with it: only a
 * count started after the ticket answers it (never a stale one).
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
    staleMs = 0,
  ): Promise<T> {
    const hit = this.entries.get(key);
    const age = hit === undefined ? Infinity : now - hit.startedAt;
    const fresh = after === undefined || (hit !== undefined && hit.seq > after);
    if (hit && age >= 0 && age < maxAgeMs && fresh) return hit.value as Promise<T>;
    if (hit && after === undefined && hit.done && age >= 0 && age < staleMs) {
      if (!hit.refreshing) {
        hit.refreshing = true;
        // The stale answer stays until the fresh one is in; a failed refresh is tried again.
        this.start(key, now, compute, false).catch(() => {
          hit.refreshing = false;
        });
      }
      return hit.value as Promise<T>;
    }
    return this.start(key, now, compute, true);
  }

  /** Starts a computation; `replaceNow`: askers from now on wait for it (else once it answers). */
  private start<T>(
    key: string,
    now: number,
    compute: () => Promise<T>,
    replaceNow: boolean,
  ): Promise<T> {
    const value = compute();
    const entry: Entry = { startedAt: now, seq: ++this.seq, value, done: false, refreshing: false };
    if (replaceNow) this.put(key, entry);
    value.then(
      () => {
        entry.done = true;
        if (!replaceNow) this.put(key, entry);
      },
      () => {
        // A failed count is not kept: the next asker tries again.
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return value;
  }

  private put(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  /** A mark of "now" in the cache's order of counts (see `get`'s `after`). */
  ticket(): number {
    return this.seq;
  }
}
