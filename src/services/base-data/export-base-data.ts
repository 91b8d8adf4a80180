import {
  csvHeader,
  FEATURE_COLLECTION_CLOSE,
  FEATURE_COLLECTION_OPEN,
  toCsvLine,
  toFeatureJson,
  UTF8_BOM,
  type ExportFormat,
  type ExportKind,
  type ExportRow,
  type ExportStyle,
} from '../../domain/base-data/index.ts';
import {
  readComponentsPage,
  readGridsPage,
  readRegionsPage,
  readStorefrontsPage,
} from '../../store/base-data-read.store.ts';
import { maskPhone } from '../../domain/cases/index.ts';
import type { Queryable } from '../../store/db.ts';
import type { Deps } from '../deps.ts';

export type ExportInput = {
  readonly kind: ExportKind;
  readonly format: ExportFormat;
  readonly district?: string | undefined;
  /** components only: one grid */
  readonly grid?: string | undefined;
  /** components only: a 5-digit category or a 2-digit big class */
  readonly category?: string | undefined;
  /** CSV only: start with a UTF-8 byte order mark so Excel reads Chinese text */
  readonly bom?: boolean | undefined;
  /** components only: `standard` writes the GB/T 47678.5 abbreviations as column names */
  readonly style?: ExportStyle | undefined;
  /** storefronts only: operators' phones masked (138****1234) for a reader whose role does not need them */
  readonly maskPhones?: boolean | undefined;
  /** rows per database page */
  readonly pageSize?: number | undefined;
};

type Page<K extends ExportKind> = (
  q: Queryable,
  after: string | undefined,
) => Promise<ExportRow[K][]>;

function pager<K extends ExportKind>(input: ExportInput, limit: number): Page<K> {
  const base = { district: input.district, limit };
  const pages: { readonly [P in ExportKind]: Page<P> } = {
    regions: (q, after) => readRegionsPage(q, { ...base, after }),
    grids: (q, after) => readGridsPage(q, { ...base, after }),
    components: (q, after) =>
      readComponentsPage(q, { ...base, after, grid: input.grid, category: input.category }),
    storefronts: async (q, after) => {
      const rows = await readStorefrontsPage(q, { ...base, after });
      if (!input.maskPhones) return rows;
      return rows.map((r) => ({
        ...r,
        contactPhone: r.contactPhone === null ? null : maskPhone(r.contactPhone),
      }));
    },
  };
  return pages[input.kind as K];
}

const keyOf = (kind: ExportKind, row: ExportRow[ExportKind]): string =>
  kind === 'storefronts' ? (row as ExportRow['storefronts']).id : (row as { code: string }).code;

/**
 * Streams an export as text chunks (one per database page): a GeoJSON FeatureCollection or CSV
 * with a header line. Pages are read by key, so memory stays at one page whatever the row count;
 * each page is a consistent snapshot, the whole export is not.
 */
export async function* exportBaseData(deps: Deps, input: ExportInput): AsyncGenerator<string> {
  const limit = input.pageSize ?? 5000;
  const page = pager(input, limit);
  const csv = input.format === 'csv';
  const style = input.style ?? 'plain';
  yield csv ? (input.bom ? UTF8_BOM : '') + csvHeader(input.kind, style) : FEATURE_COLLECTION_OPEN;
  let after: string | undefined;
  let first = true;
  for (;;) {
    const rows = await page(deps.db, after);
    if (rows.length === 0) break;
    const parts = rows.map((r) =>
      csv ? toCsvLine(input.kind, r, style) : toFeatureJson(input.kind, r, style),
    );
    yield csv ? parts.join('') : (first ? '' : ',\n') + parts.join(',\n');
    first = false;
    const last = rows[rows.length - 1];
    if (rows.length < limit || last === undefined) break;
    after = keyOf(input.kind, last);
  }
  if (!csv) yield FEATURE_COLLECTION_CLOSE;
}
