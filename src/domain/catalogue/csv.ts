import { err, ok, parseCsvRecords, type Result } from '../shared/index.ts';

export type CsvError = {
  readonly code: 'catalogue.invalid_csv';
  readonly details: { readonly row: number; readonly reason: string };
};

/**
 * Reads a catalogue reference file (CSV with a header row, parsed by the shared parser) into
 * records keyed by column name; `row` in an error is the 1-based line where the problem starts.
 */
export function readCatalogueCsv(text: string): Result<Record<string, string>[], CsvError> {
  const r = parseCsvRecords(text);
  if (!r.ok)
    return err({
      code: 'catalogue.invalid_csv',
      details: { row: r.error.line, reason: r.error.reason },
    });
  return ok(r.value.map((x) => x.values));
}
