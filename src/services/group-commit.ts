/**
 * Group commit (组提交): writes that arrive while a batch is being written wait and go together in
 * the next batch, so N concurrent requests cost one transaction (one fsync, one lock hold) instead
 * of N. A lone write goes at once; nothing lingers on a timer, so an idle system answers as fast as
 * without batching and a busy one batches more. Reads batch the same way (sessions, duplicate
 * lookups): an item submitted after a commit is read in a batch that starts after it, so it sees
 * what a read of its own would have seen.
 *
 * `write` gets the items of one batch and answers each: a value, or an Error that fails that item
 * alone. When `write` itself throws, every item of the batch fails with that error (a writer that
 * wants to isolate one bad item retries the others itself).
 */
export type BatchWriter<I, O> = (items: readonly I[]) => Promise<readonly (O | Error)[]>;

export type GroupCommitOptions = {
  /** most items in one batch (statement size, lock hold time) */
  readonly maxBatch: number;
  /** batches being written at once (1: strictly one after another) */
  readonly maxInFlight?: number;
};

type Waiting<I, O> = {
  readonly item: I;
  readonly resolve: (o: O) => void;
  readonly reject: (e: unknown) => void;
};

export type GroupCommitStats = {
  readonly batches: number;
  readonly items: number;
  readonly largestBatch: number;
};

export class GroupCommit<I, O> {
  private readonly queue: Waiting<I, O>[] = [];
  private inFlight = 0;
  private batches = 0;
  private items = 0;
  private largest = 0;

  constructor(
    private readonly write: BatchWriter<I, O>,
    private readonly opts: GroupCommitOptions,
  ) {}

  /** Resolves with the item's answer once its batch has been written. */
  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  /** Batches written so far and their sizes (benchmarks, /metrics). */
  stats(): GroupCommitStats {
    return { batches: this.batches, items: this.items, largestBatch: this.largest };
  }

  private pump(): void {
    while (this.queue.length > 0 && this.inFlight < (this.opts.maxInFlight ?? 1)) {
      const batch = this.queue.splice(0, this.opts.maxBatch);
      this.inFlight++;
      this.batches++;
      this.items += batch.length;
      this.largest = Math.max(this.largest, batch.length);
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async run(batch: readonly Waiting<I, O>[]): Promise<void> {
    let answers: readonly (O | Error)[];
    try {
      answers = await this.write(batch.map((w) => w.item));
      if (answers.length !== batch.length) {
        throw new Error(`batch writer answered ${answers.length} of ${batch.length} items`);
      }
    } catch (e) {
      for (const w of batch) w.reject(e);
      return;
    }
    batch.forEach((w, i) => {
      const a = answers[i] as O | Error;
      if (a instanceof Error) w.reject(a);
      else w.resolve(a);
    });
  }
}
