import type { Calendar } from '../../domain/calendar/index.ts';
import type { EffectiveStandard } from '../../domain/catalogue/index.ts';
import type { Result } from '../../domain/shared/index.ts';
import { findStepTimeLimit, type StepLimitRow } from '../../store/cases.store.ts';
import type { Db, Queryable } from '../../store/db.ts';
import { readReferenceRevision } from '../../store/reference-revision.store.ts';
import { listActiveRulesFor, type StoredDispatchRule } from '../../store/dispatch-rules.store.ts';
import { calendarForDistrict } from '../calendar/load-calendar.ts';
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

// What each database's reference data read as, while its revision stays (one per Db: tests open
// many databases in one process).
const kept = new WeakMap<Db, Kept>();

/**
 * Reference reads for a transaction of `db`: one query for the reference revision (migration
 * 0070), then what this service copy already read at that revision, else a read through `tx`
 * kept for later transactions. Every change of reference data moves the revision in its own
 * transaction, so a transaction that starts after the change commits reads it afresh. A read
 * that fails is forgotten, so a broken transaction leaves nothing behind.
 */
export async function referenceReadsFor(db: Db, tx: Queryable): Promise<ReferenceReads> {
  const revision = await readReferenceRevision(tx);
  let k = kept.get(db);
  if (k?.revision !== revision) {
    k = { revision, memo: new Map() };
    kept.set(db, k);
  }
  return memoised(tx, k.memo);
}

function memoised(tx: Queryable, memo: Memo): ReferenceReads {
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
    calendar: (d) => once(['calendar', d], () => calendarForDistrict(tx, d)),
    activeRules: (d) => once(['rules', d], () => listActiveRulesFor(tx, d)),
  };
}
