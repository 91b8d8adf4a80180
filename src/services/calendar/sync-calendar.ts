import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  DEFAULT_CALENDAR_SETTINGS,
  parseHolidayReference,
  type HolidayReferenceRow,
} from '../../domain/calendar/index.ts';
import * as store from '../../store/calendar.store.ts';
import {
  findReferenceChecksum,
  saveReferenceChecksum,
} from '../../store/catalogue-reference.store.ts';
import type { Deps } from '../deps.ts';

/** Shipped with the project (never read from ../shared at run time). */
const HOLIDAYS_FILE = fileURLToPath(
  new URL('../../../reference/calendar/cn-public-holidays.csv', import.meta.url),
);

export type CalendarSyncReport = {
  dataset: 'calendar';
  /** false when the loaded copy already had this checksum */
  applied: boolean;
  checksum: string;
  days: number;
  written: number;
  removed: number;
};

/** Parses the shipped holiday list; a file that does not parse is a bug in the release. */
export async function readShippedHolidays(file = HOLIDAYS_FILE): Promise<{
  rows: HolidayReferenceRow[];
  checksum: string;
}> {
  const text = await readFile(file, 'utf8');
  const parsed = parseHolidayReference(text);
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.error)}`);
  return { rows: parsed.value, checksum: createHash('sha256').update(text).digest('hex') };
}

/**
 * Creates the default calendar (Asia/Shanghai, gridloop default hours) when missing and loads the
 * shipped holidays and make-up days into it, in one transaction. Idempotent; skipped when the
 * file is unchanged unless `force`. Days edited through the API are never overwritten.
 */
export async function syncCalendarReference(
  deps: Deps,
  opts: { file?: string; force?: boolean } = {},
): Promise<CalendarSyncReport> {
  const { rows, checksum } = await readShippedHolidays(opts.file);
  const report = { dataset: 'calendar' as const, checksum, days: rows.length };
  if (!opts.force && (await findReferenceChecksum(deps.db, 'calendar')) === checksum)
    return { ...report, applied: false, written: 0, removed: 0 };
  const now = deps.clock.now();
  const counts = await deps.db.transaction(async (tx) => {
    await store.insertCalendar(
      tx,
      {
        ...DEFAULT_CALENDAR_SETTINGS,
        districtCode: null,
        parentId: null,
        nameZh: '默认工作日历（国务院放假调休安排）',
        nameEn: 'Default working calendar (State Council holiday notices)',
      },
      now,
    );
    const c = await store.replaceReferenceDays(tx, DEFAULT_CALENDAR_SETTINGS.id, rows, now);
    await saveReferenceChecksum(tx, 'calendar', checksum, now);
    return c;
  });
  return { ...report, applied: true, ...counts };
}
