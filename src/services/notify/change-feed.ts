import {
  caseOutboxHead,
  pruneCaseOutbox,
  readCaseOutbox,
  type OutboxChange,
} from '../../store/case-outbox.store.ts';
import { rollupPosition } from '../../store/assessment.store.ts';
import type { Db } from '../../store/db.ts';
import type { Deps, Logger } from '../deps.ts';
import { runtimeKey } from '../runtime.ts';

/** The channel the outbox trigger (migration 0095) notifies at each commit. */
export const OUTBOX_CHANNEL = 'gridloop_case_outbox';

/** Changes read per query; a subscriber far behind is caught up page by page. */
const PAGE = 500;

/**
 * How often a following feed reads the outbox even without a notification: LISTEN is the fast
 * path, this is the floor (a notification lost while the listening connection was down).
 */
export const FEED_POLL_MS = 2000;

/**
 * How far behind the newest change a client may resume (Last-Event-ID): further back it gets a
 * reset instead (reload your lists), so a stale or made-up id cannot make a copy replay the
 * whole history; the outbox keeps at least twice this many recent changes (pruneChangeFeed).
 */
export const RESUME_WINDOW = 10_000;

export type FeedSubscriber = (changes: readonly OutboxChange[]) => void;

/** A subscription: `reset` when the position asked for could not be resumed (see RESUME_WINDOW). */
export type FeedSubscription = {
  readonly end: () => void;
  readonly reset: boolean;
  /**
   * The position the subscriber has been given every change up to, whether or not a change was
   * for it: a filtered stream resumes from here without replaying others' changes.
   */
  readonly position: () => number;
};

type Sub = { cursor: number; readonly send: FeedSubscriber; closed: boolean };

/**
 * Every committed case change of the database, in commit order, to the subscribers of this
 * service copy: the changes it made itself and those made by every other copy, read from the
 * case outbox (migration 0095). One reader per copy follows the outbox while someone subscribes,
 * woken by NOTIFY (PostgreSQL: a listening connection; PGlite: in-process), by this copy's own
 * commits (`kick`) and by a slow poll. A subscriber may start after a position it already has
 * (SSE Last-Event-ID): it is caught up from the outbox, then joins the live feed, and gets
 * every change after that position once, in order. One case's changes come in version order,
 * since its writers commit one after the other and positions follow commits.
 */
export class ChangeFeed {
  private readonly live = new Set<Sub>();
  private readonly catchingUp = new Set<Sub>();
  /** position of the newest change read; -1 while not following */
  private last = -1;
  private starting: Promise<void> | null = null;
  private reading = false;
  private readAgain = false;
  private stopListening: (() => Promise<void>) | null = null;
  private poll: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly log: Logger | null = null,
    private readonly resumeWindow = RESUME_WINDOW,
  ) {}

  /** Subscribers now (live or catching up). */
  get size(): number {
    return this.live.size + this.catchingUp.size;
  }

  /**
   * Sends every change committed after `after` (null: after now) to `send`, in order, each once.
   * A position the outbox cannot resume from (more than the resume window behind, or beyond the
   * newest change: not one of this database's) starts from now with `reset`. Resolves once
   * subscribed.
   */
  async subscribe(after: number | null, send: FeedSubscriber): Promise<FeedSubscription> {
    if (this.closed) throw new Error('change feed closed');
    const sub: Sub = { cursor: after ?? -1, send, closed: false };
    let reset = false;
    this.catchingUp.add(sub);
    const end = () => {
      sub.closed = true;
      this.live.delete(sub);
      this.catchingUp.delete(sub);
      if (this.size === 0) void this.stop();
    };
    try {
      await this.start();
      if (after !== null && after !== this.last) {
        const head = await caseOutboxHead(this.db);
        reset = after > head || head - after > this.resumeWindow;
      }
      if (after === null || reset) sub.cursor = this.last;
      await this.catchUp(sub);
    } catch (e) {
      end();
      throw e;
    }
    return { end, reset, position: () => sub.cursor };
  }

  /** A change was committed in this copy: read the outbox now (no-op while nobody follows). */
  kick(): void {
    if (this.last >= 0) void this.pump();
  }

  /** Ends every subscription and stops following. */
  async close(): Promise<void> {
    this.closed = true;
    for (const s of [...this.live, ...this.catchingUp]) s.closed = true;
    this.live.clear();
    this.catchingUp.clear();
    await this.stop();
  }

  private start(): Promise<void> {
    if (this.last >= 0) return Promise.resolve();
    this.starting ??= (async () => {
      try {
        // Listen first: a commit between the head read and LISTEN would otherwise wait for the poll.
        this.stopListening = await this.db.listen(OUTBOX_CHANNEL, () => this.kick());
        this.last = await caseOutboxHead(this.db);
        this.poll = setInterval(() => this.kick(), FEED_POLL_MS);
        this.poll.unref();
      } catch (e) {
        await this.stop();
        throw e;
      } finally {
        this.starting = null;
      }
    })();
    return this.starting;
  }

  private async stop(): Promise<void> {
    if (this.size > 0 && !this.closed) return;
    if (this.poll !== null) clearInterval(this.poll);
    this.poll = null;
    this.last = -1;
    const unlisten = this.stopListening;
    this.stopListening = null;
    if (unlisten) await unlisten().catch(() => undefined);
  }

  /** Reads the subscriber's own pages until it has reached what the feed has read, then joins. */
  private async catchUp(sub: Sub): Promise<void> {
    for (;;) {
      if (sub.closed) return;
      // Checked and joined without an await in between: nothing the feed reads is missed.
      if (sub.cursor >= this.last) {
        this.catchingUp.delete(sub);
        this.live.add(sub);
        return;
      }
      const target = this.last;
      const page = await readCaseOutbox(this.db, sub.cursor, PAGE);
      if (sub.closed) return;
      const fresh = page.filter((c) => c.position > sub.cursor);
      const newest = fresh.at(-1);
      if (newest) {
        sub.cursor = newest.position;
        deliver(sub, fresh);
      } else {
        // Nothing after the cursor although the feed read up to `target`: the positions in
        // between belong to transactions that rolled back.
        sub.cursor = Math.max(sub.cursor, target);
      }
    }
  }

  private async pump(): Promise<void> {
    if (this.reading) {
      this.readAgain = true;
      return;
    }
    this.reading = true;
    try {
      do {
        this.readAgain = false;
        const from = this.last;
        if (from < 0) return;
        const page = await readCaseOutbox(this.db, from, PAGE);
        const newest = page.at(-1);
        // Stopped (or stopped and started again) meanwhile: this page is of the old run.
        if (!newest || this.last !== from) continue;
        for (const sub of this.live) {
          const fresh = page.filter((c) => c.position > sub.cursor);
          if (fresh.length === 0) continue;
          sub.cursor = newest.position;
          deliver(sub, fresh);
        }
        this.last = newest.position;
        if (page.length === PAGE) this.readAgain = true;
      } while (this.readAgain);
    } catch (err) {
      // The database is away: the poll reads again; no subscriber loses its place.
      this.log?.warn({ err: String(err) }, 'case outbox not read; trying again');
    } finally {
      this.reading = false;
    }
  }
}

function deliver(sub: Sub, changes: readonly OutboxChange[]): void {
  try {
    sub.send(changes);
  } catch {
    // A subscriber's failure (a closed socket) must not stop the others.
  }
}

/**
 * Deletes outbox rows older than twice the resume window (keeping each case's newest), at most
 * `limit` a call; the deadline-sweep job calls it. Returns how many went.
 */
export async function pruneChangeFeed(deps: Deps, limit = 10_000): Promise<number> {
  const head = await caseOutboxHead(deps.db);
  // The assessment roll-up reads the outbox too: nothing it has not read yet goes.
  const rolled = await rollupPosition(deps.db);
  return pruneCaseOutbox(deps.db, Math.min(head - 2 * RESUME_WINDOW, rolled + 1), limit);
}

/** This copy's feed (one per Runtime). */
export const CHANGE_FEED = runtimeKey('notify.change-feed', ({ db, log }, onClose) => {
  const feed = new ChangeFeed(db, log);
  onClose(() => feed.close());
  return feed;
});
