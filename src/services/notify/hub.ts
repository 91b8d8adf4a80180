import type { Principal } from '../../domain/access/index.ts';
import type { CaseEvent, CaseStatus } from '../../domain/cases/index.ts';
import { findCase } from '../../store/cases.store.ts';
import { mayRead } from '../cases/actor.ts';
import { onCaseChange } from '../cases/changes.ts';
import type { CaseQueue } from '../cases/read-cases.ts';
import type { Deps } from '../deps.ts';
import { queuesAffected } from './queues.ts';

/** What a queue stream sends for one committed case change. */
export type QueueNotice = {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly districtCode: string;
  readonly action: string;
  readonly fromStatus: CaseStatus | null;
  readonly toStatus: CaseStatus;
  readonly version: number;
  readonly at: string;
  readonly queues: readonly CaseQueue[];
};

type Subscriber = { readonly principal: Principal; readonly send: (n: QueueNotice) => void };

/** A committed change as the sweep or a service reports it (events of the system included). */
export type ChangeSignal = Pick<
  CaseEvent,
  'caseId' | 'districtCode' | 'fromStatus' | 'toStatus' | 'seq' | 'at'
> & { readonly action: string };

const signals = new Set<(s: ChangeSignal) => void>();

/** Tells every hub about committed changes that did not come through the case services (the sweep). */
export function publishSignals(changes: readonly ChangeSignal[]): void {
  for (const c of changes) {
    for (const l of signals) {
      try {
        l(c);
      } catch {
        // A listener's failure must not fail the writer.
      }
    }
  }
}

/**
 * Fans committed case changes out to the connected queue streams: each change is sent to the
 * subscribers whose scope covers the case (district/street/grid, or the units it was sent to),
 * naming the queues it touched. The case is read once per change, only while someone listens.
 */
export class QueueHub {
  private readonly subscribers = new Set<Subscriber>();
  private readonly stops: (() => void)[] = [];

  constructor(private readonly deps: Deps) {
    this.stops.push(onCaseChange((e) => this.onChange(e)));
    const l = (s: ChangeSignal) => this.onChange(s);
    signals.add(l);
    this.stops.push(() => signals.delete(l));
  }

  /** Adds a stream; returns the function that removes it. */
  subscribe(principal: Principal, send: (n: QueueNotice) => void): () => void {
    const s = { principal, send };
    this.subscribers.add(s);
    return () => this.subscribers.delete(s);
  }

  get size(): number {
    return this.subscribers.size;
  }

  close(): void {
    for (const stop of this.stops) stop();
    this.subscribers.clear();
  }

  private onChange(e: ChangeSignal): void {
    if (this.subscribers.size === 0) return;
    void this.deliver(e).catch((err: unknown) =>
      this.deps.log.warn({ err, caseId: e.caseId }, 'queue notice not delivered'),
    );
  }

  /** Sends one change to the subscribers who may see the case (exported for tests via deliver). */
  async deliver(e: ChangeSignal): Promise<number> {
    const c = await findCase(this.deps.db, e.caseId, [e.districtCode]);
    // A change of another database in this process (tests) or a case gone: nothing to send.
    if (!c || c.districtCode !== e.districtCode) return 0;
    const notice: QueueNotice = {
      caseId: c.id,
      caseNumber: c.caseNumber,
      districtCode: c.districtCode,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      version: e.seq,
      at: e.at.toISOString(),
      queues: queuesAffected(e),
    };
    let sent = 0;
    for (const s of this.subscribers) {
      if (!mayRead(s.principal, c)) continue;
      s.send(notice);
      sent++;
    }
    return sent;
  }
}
