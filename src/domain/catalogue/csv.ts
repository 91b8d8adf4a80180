import { err, ok, type Result } from '../shared/index.ts';

export type CsvError = {
  readonly code: 'catalogue.invalid_csv';
  readonly details: { readonly row: number; readonly reason: string };
};

/**
 * Parses RFC 4180 CSV text (quoted fields may hold commas, quotes as "", and newlines) into
 * records keyed by the header row (row numbers in errors count the header as row 1). Pure: text in, records or the first problem out.
 */
export function parseCsv(text: string): Result<Record<string, string>[], CsvError> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const c = src.charAt(i);
    if (quoted) {
      if (c === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && src[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted)
    return err({
      code: 'catalogue.invalid_csv',
      details: { row: rows.length + 1, reason: 'unclosed quote' },
    });
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  const [header, ...body] = rows.filter((r) => !(r.length === 1 && r[0] === ''));
  if (!header)
    return err({ code: 'catalogue.invalid_csv', details: { row: 1, reason: 'no header' } });
  const records: Record<string, string>[] = [];
  for (const [i, r] of body.entries()) {
    if (r.length !== header.length)
      return err({
        code: 'catalogue.invalid_csv',
        details: { row: i + 2, reason: `expected ${header.length} fields, found ${r.length}` },
      });
    records.push(Object.fromEntries(header.map((h, j) => [h, r[j] ?? ''])));
  }
  return ok(records);
}

/** Writes records as CSV with the given column order, quoting only where needed. */
export function formatCsv(
  columns: readonly string[],
  records: readonly Record<string, string>[],
): string {
  const cell = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [
    columns.join(','),
    ...records.map((r) => columns.map((c) => cell(r[c] ?? '')).join(',')),
  ];
  return lines.join('\n') + '\n';
}
