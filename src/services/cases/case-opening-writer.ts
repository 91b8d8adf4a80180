import {
  shanghaiDateStamp,
  formatCaseNumber,
  type Case,
  type CaseEvent,
} from '../../domain/cases/index.ts';
import { ok, type Result } from '../../domain/shared/index.ts';
import { appendCaseEvents } from '../../store/case-events.store.ts';
import { reserveCaseSequence } from '../../store/cases.store.ts';
import type { Queryable } from '../../store/db.ts';
import type { Deps } from '../deps.ts';
import { runtimeKey } from '../runtime.ts';
import { attachFilesToCases } from '../../store/files.store.ts';
import { insertIdempotencyKeys, insertPublicReports } from '../../store/intake.store.ts';
import { GroupCommit, type GroupCommitStats } from '../group-commit.ts';
import { referenceReadsFor, type ReferenceReads } from '../reference/reference-reads.ts';
import { changesCommitted } from './changes.ts';
import type { CaseServiceError } from './errors.ts';
import { planOpening, type PendingOpening, type Plan } from './plan-opening.ts';

/**
 * The write side of intake (上报 / 登记 / 自行处置). Concurrent openings are written together: one
 * transaction per batch (group commit) in which each case is planned from the reference data
 * (read once per batch), then every row goes in one statement per table, and each district's
 * case numbers are reserved with one locked update held only until that commit. A batch of 30
 * costs about a dozen round trips and one fsync instead of 30 × 20 round trips and 30 fsyncs.
 * Each case is still all-or-nothing, with what its channel keeps beside it (extras.alongside): a case whose plan is refused (disabled category, illegal
 * opening) writes nothing and the rest go on; a batch the database refuses for some row's data
 * is written again one case per transaction, so the fault is answered to the request that caused
 * it. One batch is in flight per service copy (see OPENING_WRITER).
 */

export type ReportedCase = {
  readonly case: Case;
  readonly event: CaseEvent;
  /** Events of transitions made in the same transaction (auto filing and dispatch). */
  readonly followUpEvents: readonly CaseEvent[];
  /** set when a dispatch rule filed and dispatched the case at intake */
  readonly autoDispatched: { readonly ruleId: string; readonly unitId: string } | null;
};

export type OpeningOutcome =
  { readonly kind: 'opened'; readonly reported: ReportedCase } | { readonly kind: 'key_taken' };

type Answer = Result<OpeningOutcome, CaseServiceError>;

/** Most openings in one batch: ~50 parameters a case keeps a statement far below 65,535. */
const MAX_BATCH = 64;

// One queue per service copy (its Runtime): batches share its transactions.
// One batch at a time: batches of one district queue on its case-number row anyway, and with two
// in flight (measured by bench:intake) batches halve, postgres spends twice the CPU per case on
// lock waits and statements, and throughput falls by a quarter.
const OPENING_WRITER = runtimeKey(
  'cases.opening-writer',
  () =>
    new GroupCommit<PendingOpening, Answer>(writeBatch, { maxBatch: MAX_BATCH, maxInFlight: 1 }),
);

/** Queues an opening for the next batch; resolves once its batch has committed (or refused it). */
export function submitOpening(p: PendingOpening): Promise<Answer> {
  return p.deps.runtime.get(OPENING_WRITER, p.deps).submit(p);
}

/** Batches and openings written through this copy so far (bench:intake prints them). */
export function openingBatchStats(deps: Deps): GroupCommitStats {
  return deps.runtime.get(OPENING_WRITER, deps).stats();
}

async function writeBatch(items: readonly PendingOpening[]): Promise<(Answer | Error)[]> {
  const first = items[0];
  if (!first) return [];
  try {
    const db = first.deps.db;
    const written = await db.transaction(async (tx) =>
      writeInTransaction(tx, await referenceReadsFor(first.deps, tx), items),
    );
    if (written.events.length > 0) changesCommitted(first.deps);
    return written.answers;
  } catch (e) {
    const error = e instanceof Error ? e : new Error(String(e));
    // Only a refusal of some row's data is worth writing case by case. A lost connection or a
    // failed COMMIT may have committed after all: writing again could open every case twice.
    if (items.length === 1 || !refusedData(e)) return items.map(() => error);
    first.deps.log.warn(
      { err: e, openings: items.length },
      'intake batch refused by the database; writing its cases one per transaction',
    );
    const answers: (Answer | Error)[] = [];
    for (const item of items) answers.push(...(await writeBatch([item])));
    return answers;
  }
}

/** SQLSTATE class 22 (data exception) or 23 (integrity constraint violation). */
function refusedData(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^2[23]/.test(code);
}

async function writeInTransaction(
  tx: Queryable,
  ref: ReferenceReads,
  items: readonly PendingOpening[],
): Promise<{ answers: Answer[]; events: CaseEvent[] }> {
  const answers: (Answer | undefined)[] = items.map(() => undefined);
  const plans = new Map<number, Plan>();
  for (const [i, item] of items.entries()) {
    const p = await planOpening(ref, item);
    if (p.ok) plans.set(i, p.value);
    else answers[i] = p;
  }

  // Keys before case numbers: a retry whose key is taken gets no number (no gaps) and the keys'
  // row locks are taken before any district's sequence lock.
  const keyed = [...plans.values()].flatMap((p) => {
    const k = p.item.extras.idempotency;
    if (!k) return [];
    const c = p.case;
    const userId = p.item.opener.scopeId;
    return [{ userId, ...k, caseId: c.id, districtCode: c.districtCode, createdAt: p.item.now }];
  });
  const recorded = await insertIdempotencyKeys(tx, keyed);
  for (const [i, p] of plans) {
    if (p.item.extras.idempotency && !recorded.has(p.case.id)) {
      plans.delete(i);
      answers[i] = ok({ kind: 'key_taken' });
    }
  }

  await attachFilesToCases(
    tx,
    [...plans.values()].map((p) => ({
      caseId: p.case.id,
      fileIds: p.case.photoIds,
      uploadedBy: p.item.opener.scopeId,
    })),
  );
  const numbered = await mintCaseNumbers(tx, [...plans.entries()]);
  // Tracking codes before the cases (their reference is checked at commit, migration 0053), so
  // the events' statement is the batch's last: it takes the outbox ordering lock, held until
  // the commit, and nothing may wait for a row lock after it.
  await insertPublicReports(
    tx,
    numbered.flatMap(([, p]) => {
      const code = p.item.extras.trackingCode;
      if (code === undefined) return [];
      return [
        {
          trackingCode: code,
          caseId: p.case.id,
          districtCode: p.case.districtCode,
          createdAt: p.item.now,
        },
      ];
    }),
  );
  const stored = await appendCaseEvents(
    tx,
    numbered.flatMap(([, p]) => p.events),
    {
      after: numbered.map(([, p]) => p.case),
      opened: numbered.map(([, p]) => ({ case: p.case, now: p.item.now })),
    },
  );

  // The channels' rows beside their cases (migration FKs name the case, so after it). They take
  // no lock another transaction holds but a unique channel reference (a 12345 order number)
  // being written by another service copy at the same instant.
  for (const [, p] of numbered) {
    const side = p.item.extras.alongside;
    if (side) await side(tx, ref, p.case);
  }

  let at = 0;
  for (const [i, p] of numbered) {
    const events = stored.slice(at, at + p.events.length);
    at += p.events.length;
    const [event, ...followUpEvents] = events;
    if (!event) throw new Error(`case ${p.case.id} opened without an event`);
    answers[i] = ok({
      kind: 'opened',
      reported: { case: p.case, event, followUpEvents, autoDispatched: p.autoDispatched },
    });
  }
  return {
    answers: answers.map((a, i) => {
      if (!a) throw new Error(`opening ${i} of the batch was never answered`);
      return a;
    }),
    events: stored,
  };
}

/**
 * Case numbers for the planned openings: one reservation per district and local day, taken in
 * (district, day) order so concurrent batches never wait on each other crosswise.
 */
async function mintCaseNumbers(
  tx: Queryable,
  plans: readonly (readonly [number, Plan])[],
): Promise<[number, Plan][]> {
  const groups = new Map<string, (readonly [number, Plan])[]>();
  for (const entry of plans) {
    const [, p] = entry;
    const key = `${p.case.districtCode}|${shanghaiDateStamp(p.item.now)}`;
    groups.set(key, [...(groups.get(key) ?? []), entry]);
  }
  const out: [number, Plan][] = [];
  for (const key of [...groups.keys()].sort()) {
    const group = groups.get(key) ?? [];
    const [districtCode = '', day = ''] = key.split('|');
    const localDate = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`;
    let seq = await reserveCaseSequence(tx, districtCode, localDate, group.length);
    for (const [i, p] of group) {
      const caseNumber = formatCaseNumber(districtCode, p.item.now, seq++);
      out.push([i, { ...p, case: { ...p.case, caseNumber } }]);
    }
  }
  return out;
}
