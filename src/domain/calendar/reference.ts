import { err, ok, type Result } from '../shared/index.ts';
import { isLocalDate, type LocalDate } from './calendar.ts';

/** One row of reference/calendar/cn-public-holidays.csv. */
export type HolidayReferenceRow = {
  readonly date: LocalDate;
  readonly kind: 'holiday' | 'makeup_workday';
  readonly nameZh: string;
  readonly nameEn: string;
  /** `provisional` until the State Council notice for the year is published */
  readonly status: 'official' | 'provisional';
  readonly source: string;
};

export type HolidayReferenceError = {
  readonly code: 'calendar.reference_invalid';
  readonly details: { readonly line: number; readonly reason: string };
};

const HEADER = 'date,kind,name_zh,name_en,status,source';

/**
 * Parses the shipped holiday list (a plain CSV without quoting: fields hold no commas). Every row
 * is checked; the first bad line is reported with its 1-based number.
 */
export function parseHolidayReference(
  text: string,
): Result<HolidayReferenceRow[], HolidayReferenceError> {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const fail = (line: number, reason: string) =>
    err<HolidayReferenceError>({ code: 'calendar.reference_invalid', details: { line, reason } });
  if (lines[0]?.trim() !== HEADER) return fail(1, `header must be ${HEADER}`);
  const rows: HolidayReferenceRow[] = [];
  const seen = new Set<string>();
  for (const [i, raw] of lines.entries()) {
    if (i === 0 || raw.trim() === '') continue;
    const cells = raw.split(',').map((c) => c.trim());
    const [date = '', kind, nameZh = '', nameEn = '', status, source = ''] = cells;
    if (cells.length !== 6) return fail(i + 1, `expected 6 fields, got ${cells.length}`);
    if (!isLocalDate(date)) return fail(i + 1, `not a date: ${date}`);
    if (seen.has(date)) return fail(i + 1, `date listed twice: ${date}`);
    if (kind !== 'holiday' && kind !== 'makeup_workday')
      return fail(i + 1, 'kind must be holiday or makeup_workday');
    if (status !== 'official' && status !== 'provisional')
      return fail(i + 1, 'status must be official or provisional');
    if (nameZh === '' || source === '') return fail(i + 1, 'name_zh and source are required');
    seen.add(date);
    rows.push({ date, kind, nameZh, nameEn, status, source });
  }
  return ok(rows);
}
