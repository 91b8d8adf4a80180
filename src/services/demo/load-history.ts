import { formatCaseNumber, shanghaiDateStamp, type Case } from '../../domain/cases/index.ts';
import {
  historyDays,
  historyFates,
  historySize,
  type CaseFate,
} from '../../domain/demo-city/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import { appendCaseEvents } from '../../store/case-events.store.ts';
import { reserveCaseSequence } from '../../store/cases.store.ts';
import type { Queryable } from '../../store/db.ts';
import { appendWhistleEvents, insertWhistle } from '../../store/whistles.store.ts';
import { caseExists, readHistoryCity, setClosedAt } from '../../store/history.store.ts';
import { calendarForDistrict } from '../calendar/load-calendar.ts';
import { changesCommitted } from '../cases/changes.ts';
import type { Deps } from '../deps.ts';
import { rollUpOnce } from '../indicators/rollup.ts';
import { referenceReadsFor } from '../reference/reference-reads.ts';
import { castOf, playFate, type Cast, type Played } from './play-history.ts';

/**
 * `gridloop demo --history 12m` (issue #10 §6): months of cases for the demo city, played through
 * the workflow (play-history.ts) and written by the intake's own store path — the cases, their
 * events and their case outbox rows in one multi-row statement per batch (appendCaseEvents with
 * `opened`), case numbers reserved per district and day. Triggers stay on: case_units (0190) and
 * the outbox see the history as they see live cases, and the assessment roll-up folds it from
 * the outbox like any other events (run to the end here, so the figures are there at once).
 */

/**
 * Cases per working day by default. PGlite (the embedded default) runs in this process's one
 * thread: 60 a day make ~15,000 cases and ~118,000 events a year, measured at 619 s with the
 * roll-up on a shared 2-core machine (load average ~13, 42 cases/s, 1 GB peak RSS); more would
 * keep `npm start` users waiting many minutes. PostgreSQL takes 400 a day (~100,000 cases a
 * year; 174 cases/s on the same machine). A real centre sees hundreds to thousands a day.
 */
export const DEFAULT_HISTORY_PER_DAY = { pglite: 60, postgres: 400 } as const;
/** Cases per transaction. */
const BATCH_CASES = 250;
/**
 * Bind parameters per statement. PostgreSQL takes 65,535, but PGlite mistypes the parameters of
 * a statement with more than 32,767 (text[] values arrive as plain text), so stay below that.
 */
const MAX_PARAMS = 30_000;
const CASE_PARAMS = 54 + 8;
const EVENT_PARAMS = 13;

export type HistoryLoadInput = {
  readonly months: number;
  readonly seed?: number;
  /** cases reported on an average working day */
  readonly perDay?: number;
  /** fold the history into the assessment roll-ups before returning (default true) */
  readonly rollUp?: boolean;
};

export type HistoryProgress = {
  readonly phase: 'cases' | 'rollup';
  readonly done: number;
  readonly total: number;
};

export type HistoryReport = {
  readonly seed: number;
  readonly months: number;
  readonly perDay: number;
  readonly from: string;
  readonly to: string;
  readonly cases: number;
  readonly events: number;
  /** fates the city could not play (no staff or no enabled category in a district) */
  readonly skipped: number;
  readonly whistles: number;
  readonly rolledUpEvents: number;
};

export type HistoryLoadError =
  | { readonly code: 'history.no_city'; readonly details: Record<string, never> }
  | { readonly code: 'history.already_loaded'; readonly details: { readonly caseId: string } }
  | {
      readonly code: 'history.invalid_params';
      readonly details: { readonly param: string; readonly reason: string };
    };

const invalid = (param: string, reason: string): Result<never, HistoryLoadError> =>
  err({ code: 'history.invalid_params', details: { param, reason } });

export async function loadHistory(
  deps: Deps,
  input: HistoryLoadInput,
  onProgress: (p: HistoryProgress) => void = () => {},
): Promise<Result<HistoryReport, HistoryLoadError>> {
  const seed = input.seed ?? 1;
  const perDay = input.perDay ?? DEFAULT_HISTORY_PER_DAY[deps.db.kind];
  if (!Number.isInteger(input.months) || input.months < 1 || input.months > 36)
    return invalid('history', 'months must be 1..36');
  if (!Number.isInteger(perDay) || perDay < 1 || perDay > 100_000)
    return invalid('per-day', 'must be an integer 1..100000');
  if (!Number.isInteger(seed)) return invalid('seed', 'must be an integer');

  const city = await readHistoryCity(deps.db);
  const firstGrid = city.grids[0];
  if (firstGrid === undefined || city.users.length === 0)
    return err({ code: 'history.no_city', details: {} });
  const cast = castOf(city);
  const end = deps.clock.now();
  const cal = await calendarForDistrict(deps.db, firstGrid.districtCode);
  const days = historyDays(cal, { months: input.months, end });
  const params = { seed, casesPerDay: perDay };
  const total = historySize(params, days);
  const first = historyFates(params, days).next();
  if (!first.done && (await caseExists(deps.db, first.value.id)))
    return err({ code: 'history.already_loaded', details: { caseId: first.value.id } });

  let cases = 0;
  let events = 0;
  let skipped = 0;
  let whistles = 0;
  let drawn = 0;
  let batch: CaseFate[] = [];
  const flush = async () => {
    const fates = batch;
    batch = [];
    const written = await deps.db.transaction((tx) => writeBatch(deps, tx, cast, fates, end), {
      bulk: true,
    });
    cases += written.cases;
    events += written.events;
    whistles += written.whistles;
    skipped += fates.length - written.cases;
    drawn += fates.length;
    changesCommitted(deps);
    onProgress({ phase: 'cases', done: drawn, total });
    // PGlite runs in this thread: let a server loading in the background answer between batches.
    await new Promise((resolve) => setImmediate(resolve));
  };
  for (const fate of historyFates(params, days)) {
    batch.push(fate);
    if (batch.length >= BATCH_CASES) await flush();
  }
  if (batch.length > 0) await flush();

  let rolledUpEvents = 0;
  if (input.rollUp !== false) {
    for (;;) {
      const r = await rollUpOnce(deps, 5000);
      rolledUpEvents += r.events;
      onProgress({ phase: 'rollup', done: rolledUpEvents, total: events });
      if (r.events === 0) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  deps.log.info({ seed, months: input.months, perDay, cases, events, skipped }, 'history loaded');
  return ok({
    seed,
    months: input.months,
    perDay,
    from: days[0] ?? '',
    to: days[days.length - 1] ?? '',
    cases,
    events,
    skipped,
    whistles,
    rolledUpEvents,
  });
}

/** Plays a batch of fates and writes them: numbers, then cases + events + outbox rows. */
async function writeBatch(
  deps: Deps,
  tx: Queryable,
  cast: Cast,
  fates: readonly CaseFate[],
  end: Date,
): Promise<{ cases: number; events: number; whistles: number }> {
  const ref = await referenceReadsFor(deps, tx);
  const played: Played[] = [];
  for (const fate of fates) {
    const p = await playFate(ref, cast, fate, end);
    if (p !== null) played.push(p);
  }
  const numbered = await mintNumbers(tx, played);
  let part: Played[] = [];
  let params = 0;
  const write = async () => {
    if (part.length === 0) return;
    await appendCaseEvents(
      tx,
      part.flatMap((p) => p.events),
      { after: part.map((p) => p.case), opened: part.map((p) => ({ case: p.case, now: end })) },
    );
    part = [];
    params = 0;
  };
  for (const p of numbered) {
    const cost = CASE_PARAMS + EVENT_PARAMS * p.events.length;
    if (params + cost > MAX_PARAMS) await write();
    part.push(p);
    params += cost;
  }
  await write();
  await setClosedAt(tx, numbered.flatMap(lastClosing));
  // 吹哨: after their cases (a whistle references its case); rare, one statement pair each
  const whistles = numbered.flatMap((p) => p.whistles);
  for (const w of whistles) {
    await insertWhistle(tx, w.whistle);
    await appendWhistleEvents(tx, w.events);
  }
  return {
    whistles: whistles.length,
    cases: numbered.length,
    events: numbered.reduce((n, p) => n + p.events.length, 0),
  };
}

/** Case numbers by district and local report day, in report order (as intake mints them). */
async function mintNumbers(tx: Queryable, played: readonly Played[]): Promise<Played[]> {
  const groups = new Map<string, Played[]>();
  for (const p of played) {
    const key = `${p.case.districtCode}|${shanghaiDateStamp(p.case.createdAt)}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const out: Played[] = [];
  for (const key of [...groups.keys()].sort()) {
    const group = (groups.get(key) ?? []).sort(
      (a, b) => a.case.createdAt.getTime() - b.case.createdAt.getTime(),
    );
    const [district = '', day = ''] = key.split('|');
    const localDate = `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}`;
    let seq = await reserveCaseSequence(tx, district, localDate, group.length);
    for (const p of group) {
      const c: Case = {
        ...p.case,
        caseNumber: formatCaseNumber(district, p.case.createdAt, seq++),
      };
      out.push({ ...p, case: c });
    }
  }
  return out;
}

/** The last closing of a closed case, when something came after it. */
function lastClosing(p: Played): { caseId: string; closedAt: Date }[] {
  if (p.case.status !== 'closed' && p.case.status !== 'evaluated') return [];
  const closing = p.events.findLast((e) => e.toStatus === 'closed' && e.fromStatus !== 'closed');
  if (closing === undefined || closing.at.getTime() === p.case.updatedAt.getTime()) return [];
  return [{ caseId: p.case.id, closedAt: closing.at }];
}
