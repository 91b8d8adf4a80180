export { ok, err, assertNever } from './result.ts';
export type { Ok, Err, Result } from './result.ts';
export type { DomainError } from './error.ts';
export {
  csvCell,
  csvLine,
  formatCsv,
  parseCsv,
  parseCsvRecords,
  UTF8_BOM,
  type CsvProblem,
  type CsvRecord,
  type CsvRow,
} from './csv.ts';
