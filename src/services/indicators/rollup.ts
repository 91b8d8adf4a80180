import type { Calendar } from '../../domain/calendar/index.ts';
import {
  NEW_TRACK,
  dailyRows,
  foldCaseEvent,
  sumFactsByDay,
  type CaseTrack,
  type DailySum,
  type Fact,
} from '../../domain/indicators/index.ts';
import * as store from '../../store/assessment.store.ts';
import type { Queryable } from '../../store/db.ts';
import { calendarForDistrict, type CalendarCache } from '../calendar/load-calendar.ts';
import type { Deps } from '../deps.ts';

/** Events folded per roll-up transaction. */
const BATCH = 2000;

export type RollupReport = {
  readonly events: number;
  readonly facts: number;
  readonly position: number;
};

async function calendarOf(q: Queryable, cache: Map<string, Calendar>, district: string) {
  let cal = cache.get(district);
  if (cal === undefined) {
    cal = await calendarForDistrict(q, district, new Map() as CalendarCache);
    cache.set(district, cal);
  }
  return cal;
}

/**
 * One step of the incremental roll-up (issue #10 §3): in one transaction, reads the case events
 * committed after the stored outbox position (commit order, so none is skipped), folds each
 * into its case's stored track, appends the facts, adds them to the daily sums and moves the
 * position. Two copies never fold the same events (the position row is locked).
 */
export async function rollUpOnce(deps: Deps, batch = BATCH): Promise<RollupReport> {
  return deps.db.transaction(async (tx) => {
    const from = await store.lockRollupPosition(tx);
    const rows = await store.readEventsAfter(tx, from, batch);
    if (rows.length === 0) return { events: 0, facts: 0, position: from };
    const keys = [
      ...new Map(
        rows.map((r) => [
          `${r.item.profile.districtCode}/${r.item.profile.caseId}`,
          { districtCode: r.item.profile.districtCode, caseId: r.item.profile.caseId },
        ]),
      ).values(),
    ];
    const tracks = await store.readTracks(tx, keys);
    const calendars = new Map<string, Calendar>();
    const facts: Fact[] = [];
    for (const { item } of rows) {
      const key = `${item.profile.districtCode}/${item.profile.caseId}`;
      const cal = await calendarOf(tx, calendars, item.profile.districtCode);
      const r = foldCaseEvent(tracks.get(key) ?? NEW_TRACK, item.event, item.profile, cal);
      tracks.set(key, r.track);
      facts.push(...r.facts);
    }
    await store.insertFacts(tx, facts);
    await store.addDaily(tx, dailyRows(sumFactsByDay(facts)));
    await store.saveTracks(
      tx,
      keys.map((k) => ({ ...k, track: tracks.get(`${k.districtCode}/${k.caseId}`) ?? NEW_TRACK })),
    );
    const last = rows[rows.length - 1]?.position ?? from;
    await store.setRollupPosition(tx, last);
    return { events: rows.length, facts: facts.length, position: last };
  });
}

/** Rolls up until the outbox is read to its end (a job's tick; tests). */
export async function rollUpAll(deps: Deps, batch = BATCH): Promise<RollupReport> {
  let events = 0;
  let facts = 0;
  for (;;) {
    const r = await rollUpOnce(deps, batch);
    events += r.events;
    facts += r.facts;
    if (r.events < batch) return { events, facts, position: r.position };
  }
}

/** Cases folded per page of the recompute. */
const PAGE = 500;

/**
 * The full recompute (issue #10 §3): folds the whole event log of a district afresh, case by
 * case in version order, with the same fold as the roll-up, and returns the daily sums. Events
 * committed after the outbox position `head` are left out, so the result matches a roll-up
 * that has read up to `head`.
 */
export async function recomputeDaily(
  deps: Deps,
  districtCode: string,
  head?: number,
): Promise<DailySum[]> {
  const upTo = head ?? (await store.outboxHead(deps.db));
  const cal = await calendarForDistrict(deps.db, districtCode);
  const sums = new Map<string, DailySum>();
  let after = '';
  for (;;) {
    const ids = await store.pageCaseIds(deps.db, districtCode, after, PAGE);
    const last = ids[ids.length - 1];
    if (last === undefined) break;
    const events = await store.readCaseHistories(deps.db, districtCode, ids, upTo);
    let track: CaseTrack = NEW_TRACK;
    let current = '';
    for (const { event, profile } of events) {
      if (profile.caseId !== current) {
        current = profile.caseId;
        track = NEW_TRACK;
      }
      const r = foldCaseEvent(track, event, profile, cal);
      track = r.track;
      sumFactsByDay(r.facts, sums);
    }
    after = last;
  }
  return dailyRows(sums);
}

/** The stored daily roll-up of a district (to compare with the recompute). */
export async function storedDaily(deps: Deps, districtCode: string): Promise<DailySum[]> {
  return store.listDaily(deps.db, districtCode);
}
