import { err, ok, parseCsv, type Result } from '../shared/index.ts';
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
 * Parses the shipped holiday list (CSV, read by the shared parser). Every row
 * is checked; the first bad line is reported with its 1-based number.
 */
export function parseHolidayReference(
  text: string,
): Result<HolidayReferenceRow[], HolidayReferenceError> {
  const fail = (line: number, reason: string) =>
    err<HolidayReferenceError>({ code: 'calendar.reference_invalid', details: { line, reason } });
  const parsed = parseCsv(text);
  if (!parsed.ok) return fail(parsed.error.line, parsed.error.reason);
  const [header, ...lines] = parsed.value;
  if (header?.line !== 1 || header.cells.map((c) => c.trim()).join(',') !== HEADER)
    return fail(1, `header must be ${HEADER}`);
  const rows: HolidayReferenceRow[] = [];
  const seen = new Set<string>();
  for (const { line, cells: raw } of lines) {
    const cells = raw.map((c) => c.trim());
    const [date = '', kind, nameZh = '', nameEn = '', status, source = ''] = cells;
    if (cells.length !== 6) return fail(line, `expected 6 fields, got ${cells.length}`);
    if (!isLocalDate(date)) return fail(line, `not a date: ${date}`);
    if (seen.has(date)) return fail(line, `date listed twice: ${date}`);
    if (kind !== 'holiday' && kind !== 'makeup_workday')
      return fail(line, 'kind must be holiday or makeup_workday');
    if (status !== 'official' && status !== 'provisional')
      return fail(line, 'status must be official or provisional');
    if (nameZh === '' || source === '') return fail(line, 'name_zh and source are required');
    seen.add(date);
    rows.push({ date, kind, nameZh, nameEn, status, source });
  }
  return ok(rows);
}
