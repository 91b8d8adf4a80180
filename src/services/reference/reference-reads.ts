import type { Calendar } from '../../domain/calendar/index.ts';
import type { EffectiveStandard } from '../../domain/catalogue/index.ts';
import type { Result } from '../../domain/shared/index.ts';
import { findStepTimeLimit, type StepLimitRow } from '../../store/cases.store.ts';
import type { Queryable } from '../../store/db.ts';
import { listActiveRulesFor, type StoredDispatchRule } from '../../store/dispatch-rules.store.ts';
import { calendarForDistrict } from '../calendar/load-calendar.ts';
import {
  readEffectiveStandard,
  type CatalogueLookupError,
  type EffectiveStandardInput,
} from '../catalogue/query-catalogue.ts';

/**
 * The reference data a case write consults (category standards, centre step limits, calendars,
 * dispatch rules), read through one transaction and remembered for that transaction's life: a
 * batch of 30 intakes in one district asks the database once per distinct category and district,
 * not 30 times. Nothing outlives the transaction, so no cache can go stale.
 */
export type ReferenceReads = {
  readonly tx: Queryable;
  standard(input: EffectiveStandardInput): Promise<Result<EffectiveStandard, CatalogueLookupError>>;
  stepLimit(districtCode: string, step: string): Promise<StepLimitRow | null>;
  calendar(districtCode: string): Promise<Calendar>;
  activeRules(districtCode: string): Promise<StoredDispatchRule[]>;
};

export function referenceReads(tx: Queryable): ReferenceReads {
  const memo = new Map<string, Promise<unknown>>();
  const once = <T>(parts: readonly unknown[], read: () => Promise<T>): Promise<T> => {
    const key = JSON.stringify(parts);
    let p = memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = read();
      memo.set(key, p);
    }
    return p;
  };
  return {
    tx,
    standard: (i) =>
      once(['standard', i.districtCode ?? null, i.scheme ?? null, i.kind, i.code], () =>
        readEffectiveStandard(tx, i),
      ),
    stepLimit: (d, step) => once(['step', d, step], () => findStepTimeLimit(tx, d, step)),
    calendar: (d) => once(['calendar', d], () => calendarForDistrict(tx, d)),
    activeRules: (d) => once(['rules', d], () => listActiveRulesFor(tx, d)),
  };
}
