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
  const src = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  // Fields are sliced out of the text rather than built a character at a time.
  while (i <= src.length) {
    let field: string;
    if (src.charAt(i) === '"') {
      const parts: string[] = [];
      let from = i + 1;
      for (;;) {
        const q = src.indexOf('"', from);
        if (q < 0)
          return err({
            code: 'catalogue.invalid_csv',
            details: { row: rows.length + 1, reason: 'unclosed quote' },
          });
        parts.push(src.slice(from, q));
        if (src.charAt(q + 1) !== '"') {
          i = q + 1;
          break;
        }
        parts.push('"');
        from = q + 2;
      }
      field = parts.join('');
    } else {
      let j = i;
      while (j < src.length && !',\r\n'.includes(src.charAt(j))) j++;
      field = src.slice(i, j);
      i = j;
    }
    row.push(field);
    const c = src.charAt(i);
    if (c === ',') {
      i++;
      continue;
    }
    rows.push(row);
    row = [];
    if (i >= src.length) break;
    i += c === '\r' && src.charAt(i + 1) === '\n' ? 2 : 1;
    if (i >= src.length) break;
  }
  const [header, ...body] = rows.filter((r) => !(r.length === 1 && r[0] === ''));
  if (!header)
    return err({ code: 'catalogue.invalid_csv', details: { row: 1, reason: 'no header' } });
  const records: Record<string, string>[] = [];
  for (const [n, r] of body.entries()) {
    if (r.length !== header.length)
      return err({
        code: 'catalogue.invalid_csv',
        details: { row: n + 2, reason: `expected ${header.length} fields, found ${r.length}` },
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
