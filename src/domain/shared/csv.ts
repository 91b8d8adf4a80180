import { err, ok, type Result } from './result.ts';

/**
 * The one CSV reader and writer of gridloop (RFC 4180: comma separator, double-quote quoting, CRLF
 * or LF line ends), used by the base-data importers, the catalogue and the holiday calendar.
 */

/** One CSV record with the 1-based line it starts on (quoted fields may span lines). */
export type CsvRow = { readonly line: number; readonly cells: readonly string[] };

/** Why a text is not CSV, and the line where the trouble starts. */
export type CsvProblem = { readonly line: number; readonly reason: string };

/** One record keyed by the header's column names, with the line it starts on. */
export type CsvRecord = { readonly line: number; readonly values: Record<string, string> };

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

const endsField = (c: number): boolean => c === COMMA || c === LF || c === CR;

function countLf(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Parses CSV text into rows of cells. A UTF-8 BOM is skipped; blank lines are ignored; text after a
 * closing quote and before the next separator is kept as part of the cell. Fails only on an
 * unterminated quoted field. Fields are sliced out of the text, not built a character at a time.
 */
export function parseCsv(text: string): Result<CsvRow[], CsvProblem> {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const n = src.length;
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let line = 1;
  let rowLine = 1;
  let i = 0;
  for (;;) {
    let field = '';
    if (src.charCodeAt(i) === QUOTE) {
      const startLine = line;
      let from = i + 1;
      for (;;) {
        const q = src.indexOf('"', from);
        if (q < 0) {
          return err({
            line: startLine,
            reason: `unterminated quoted field starting on line ${startLine}`,
          });
        }
        const part = src.slice(from, q);
        line += countLf(part);
        field += part;
        if (src.charCodeAt(q + 1) !== QUOTE) {
          i = q + 1;
          break;
        }
        field += '"';
        from = q + 2;
      }
    }
    let j = i;
    while (j < n && !endsField(src.charCodeAt(j))) j++;
    field += src.slice(i, j);
    i = j;
    cells.push(field);
    if (i < n && src.charCodeAt(i) === COMMA) {
      i++;
      continue;
    }
    if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells });
    cells = [];
    if (i >= n) break;
    i += src.charCodeAt(i) === CR && src.charCodeAt(i + 1) === LF ? 2 : 1;
    line++;
    rowLine = line;
    if (i >= n) break;
  }
  return ok(rows);
}

/**
 * Parses CSV text whose first row names the columns into records keyed by those names. Every row
 * must have as many cells as the header.
 */
export function parseCsvRecords(text: string): Result<CsvRecord[], CsvProblem> {
  const parsed = parseCsv(text);
  if (!parsed.ok) return parsed;
  const [header, ...body] = parsed.value;
  if (!header) return err({ line: 1, reason: 'no header' });
  const records: CsvRecord[] = [];
  for (const row of body) {
    if (row.cells.length !== header.cells.length) {
      return err({
        line: row.line,
        reason: `expected ${header.cells.length} fields, found ${row.cells.length}`,
      });
    }
    records.push({
      line: row.line,
      values: Object.fromEntries(header.cells.map((h, k) => [h, row.cells[k] ?? ''])),
    });
  }
  return ok(records);
}

/** Quotes a CSV cell when it holds a comma, quote or line break (RFC 4180). */
export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const t = String(v);
  return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

/** One CSV line, CRLF-terminated as RFC 4180 asks (Excel reads it). */
export const csvLine = (
  values: readonly (string | number | boolean | null | undefined)[],
): string => values.map(csvCell).join(',') + '\r\n';

/** Records as CSV text with the given column order and LF line ends (files kept in git). */
export function formatCsv(
  columns: readonly string[],
  records: readonly Record<string, string>[],
): string {
  const lines = [
    columns.join(','),
    ...records.map((r) => columns.map((c) => csvCell(r[c] ?? '')).join(',')),
  ];
  return lines.join('\n') + '\n';
}

/** The UTF-8 byte order mark that makes Excel read a CSV file as UTF-8. */
export const UTF8_BOM = '\uFEFF';
