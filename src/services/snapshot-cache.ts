type Entry = { readonly startedAt: number; readonly seq: number; readonly value: Promise<unknown> };

/**
 * Answers of this service copy shared by every asker of one key (the cockpit's figures of one
 * scope): computed at most once per `maxAgeMs` per key however many ask (50 cockpits cost the
 * database one count a second, not fifty), and concurrent askers wait for the one computation
 * under way (single flight). Age is measured on the service clock (`now`, ms). An asker that
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

type Kept = { at: number; value: unknown; refreshing: boolean };

/**
 * Answers shared by every asker of one key that may be served a little stale (stale while
 * revalidate): younger than `maxAgeMs` an answer is served as it is; up to `maxStaleMs` it is
 * still served at once while one fresh computation starts in the background; older (or never
 * computed) the asker waits for a fresh one, and concurrent askers wait for the same one. So a
 * key asked all the time costs one computation per `maxAgeMs` and nobody waits for it, and no
 * answer is older than `maxStaleMs` plus one computation.
 */
export class StaleWhileRevalidate {
  private readonly kept = new Map<string, Kept>();
  private readonly waiting = new Map<string, Promise<unknown>>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly maxStaleMs: number,
    /** keys kept at most; the least recently computed go first beyond it */
    private readonly maxEntries: number,
  ) {}

  get<T>(key: string, now: () => number, compute: () => Promise<T>): Promise<T> {
    const k = this.kept.get(key);
    const age = k === undefined ? Infinity : now() - k.at;
    if (k !== undefined && age >= 0 && age < this.maxAgeMs) return Promise.resolve(k.value as T);
    if (k !== undefined && age >= 0 && age < this.maxStaleMs) {
      if (!k.refreshing) {
        k.refreshing = true;
        // A failed refresh keeps the answer until it is too stale; the next asker tries again.
        void this.compute(key, now, compute).catch(() => {
          k.refreshing = false;
        });
      }
      return Promise.resolve(k.value as T);
    }
    return this.compute(key, now, compute);
  }

  private compute<T>(key: string, now: () => number, compute: () => Promise<T>): Promise<T> {
    const under = this.waiting.get(key);
    if (under !== undefined) return under as Promise<T>;
    const startedAt = now();
    const p = compute().then(
      (value) => {
        this.waiting.delete(key);
        this.kept.delete(key);
        this.kept.set(key, { at: startedAt, value, refreshing: false });
        if (this.kept.size > this.maxEntries) {
          const oldest = this.kept.keys().next().value;
          if (oldest !== undefined) this.kept.delete(oldest);
        }
        return value;
      },
      (e: unknown) => {
        this.waiting.delete(key);
        throw e;
      },
    );
    this.waiting.set(key, p);
    return p;
  }
}
