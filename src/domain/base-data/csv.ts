import { err, ok, type Result } from '../shared/index.ts';

/** One CSV record with the 1-based line it starts on (quoted fields may span lines). */
export type CsvRow = { readonly line: number; readonly cells: readonly string[] };

/**
 * Parses CSV text (RFC 4180: comma separator, double-quote quoting, CRLF or LF). A UTF-8 BOM is
 * skipped; blank lines are ignored. Fails only on an unterminated quoted field.
 */
export function parseCsv(text: string): Result<CsvRow[], string> {
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let line = 1;
  let rowLine = 1;
  let quoted = false;
  let quoteLine = 0;
  const endRow = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0] !== '') rows.push({ line: rowLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < src.length; i++) {
    const c = src.charAt(i);
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (c === '\n') line++;
        cell += c;
      }
      continue;
    }
    if (c === '"') {
      quoted = true;
      quoteLine = line;
    } else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else cell += c;
  }
  if (quoted) return err(`unterminated quoted field starting on line ${quoteLine}`);
  if (cell !== '' || cells.length > 0) endRow();
  return ok(rows);
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

/** The UTF-8 byte order mark that makes Excel read a CSV file as UTF-8. */
export const UTF8_BOM = '\uFEFF';
