import type { Calendar } from '../../domain/calendar/index.ts';
import type { EffectiveStandard } from '../../domain/catalogue/index.ts';
import type { Result } from '../../domain/shared/index.ts';
import { findStepTimeLimit, type StepLimitRow } from '../../store/step-limits.store.ts';
import type { Queryable } from '../../store/db.ts';
import type { Deps } from '../deps.ts';
import { runtimeKey } from '../runtime.ts';
import { readReferenceRevision } from '../../store/reference-revision.store.ts';
import { listActiveRulesFor, type StoredDispatchRule } from '../../store/dispatch-rules.store.ts';
import { calendarForDistrict, type CalendarCache } from '../calendar/load-calendar.ts';
import {
  readEffectiveStandard,
  type CatalogueLookupError,
  type EffectiveStandardInput,
} from '../catalogue/query-catalogue.ts';

/**
 * The reference data a case write consults (category standards, centre step limits, calendars,
 * dispatch rules), read through the caller's transaction.
 */
export type ReferenceReads = {
  readonly tx: Queryable;
  standard(input: EffectiveStandardInput): Promise<Result<EffectiveStandard, CatalogueLookupError>>;
  stepLimit(districtCode: string, step: string): Promise<StepLimitRow | null>;
  calendar(districtCode: string): Promise<Calendar>;
  activeRules(districtCode: string): Promise<StoredDispatchRule[]>;
};

type Memo = Map<string, Promise<unknown>>;
type Kept = { revision: number; memo: Memo };

// What this copy read of the reference data, while its revision stays; and the calendars it
// validated (kept across revisions: each is checked against its own revision).
type Reads = { kept: Kept | null; readonly calendars: CalendarCache };
const REFERENCE_READS = runtimeKey<Reads>('reference.reads', () => ({
  kept: null,
  calendars: new Map(),
}));

/**
 * Reference reads for a transaction of `db`: one query for the reference revision (migration
 * 0070), then what this service copy already read at that revision, else a read through `tx`
 * kept for later transactions. Every change of reference data moves the revision in its own
 * transaction, so a transaction that starts after the change commits reads it afresh. A read
 * that fails is forgotten, so a broken transaction leaves nothing behind.
 */
export async function referenceReadsFor(deps: Deps, tx: Queryable): Promise<ReferenceReads> {
  const revision = await readReferenceRevision(tx);
  const reads = deps.runtime.get(REFERENCE_READS, deps);
  let k = reads.kept;
  if (k?.revision !== revision) {
    k = { revision, memo: new Map() };
    reads.kept = k;
  }
  return memoised(tx, k.memo, reads.calendars);
}

function memoised(tx: Queryable, memo: Memo, calendars: CalendarCache): ReferenceReads {
  // `keep` says which answers may outlive the transaction: a refusal (an unknown category, say)
  // is not kept, so requests naming made-up codes cannot grow the map.
  const once = <T>(
    parts: readonly unknown[],
    read: () => Promise<T>,
    keep: (answer: T) => boolean = () => true,
  ): Promise<T> => {
    const key = JSON.stringify(parts);
    let p = memo.get(key) as Promise<T> | undefined;
    if (!p) {
      const fresh = read();
      p = fresh;
      memo.set(key, fresh);
      const forget = () => {
        if (memo.get(key) === fresh) memo.delete(key);
      };
      fresh.then((answer) => {
        if (!keep(answer)) forget();
      }, forget);
    }
    return p;
  };
  return {
    tx,
    standard: (i) =>
      once(
        ['standard', i.districtCode ?? null, i.scheme ?? null, i.kind, i.code],
        () => readEffectiveStandard(tx, i),
        (r) => r.ok,
      ),
    stepLimit: (d, step) => once(['step', d, step], () => findStepTimeLimit(tx, d, step)),
    calendar: (d) => once(['calendar', d], () => calendarForDistrict(tx, d, calendars)),
    activeRules: (d) => once(['rules', d], () => listActiveRulesFor(tx, d)),
  };
}
