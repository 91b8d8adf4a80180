import {
  readImportFile,
  refuseImport,
  importProblem,
  validateComponentRecords,
  validateGridRecords,
  validateRegionRecords,
  validateStorefrontRecords,
  type ComponentCategoryLookup,
  type ComponentRow,
  type ImportFormat,
  type ImportProblem,
  type ImportRefusal,
  type SourceRecord,
  type StorefrontRow,
} from '../../domain/base-data/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import {
  bumpSpatialRevision,
  insertComponents,
  insertGrids,
  insertRegions,
  insertStorefronts,
} from '../../store/base-data.store.ts';
import type { Queryable } from '../../store/db.ts';
import {
  checkComponentDrafts,
  checkGridDrafts,
  checkLooseGeometries,
  checkRegionDrafts,
  checkStorefrontDrafts,
  loadComponentCategoryLookup,
} from '../../store/import-checks.store.ts';
import type { Deps } from '../deps.ts';
import { invalidateGridIndex } from '../geo/locate.ts';

export type ImportKind = 'regions' | 'grids' | 'components' | 'storefronts';

export type ImportInput = {
  readonly kind: ImportKind;
  readonly format: ImportFormat;
  /** file text (GeoJSON or CSV), or an already parsed GeoJSON document */
  readonly content: unknown;
  /** restrict the import to one district (6 digits) */
  readonly district?: string | undefined;
  /** validate only; write nothing */
  readonly dryRun?: boolean | undefined;
  /** the component catalogue; read from the catalogue tables when absent */
  readonly categories?: ComponentCategoryLookup | undefined;
};

export type ImportSummary = {
  readonly kind: ImportKind;
  readonly dryRun: boolean;
  /** rows written (or that would be written, on a dry run) */
  readonly count: number;
  /** the spatial revision after a region or grid import; null otherwise */
  readonly spatialRevision: number | null;
};

/**
 * The reason when the database refused the import's data (SQLSTATE class 22 data exception,
 * 23 integrity violation, XX internal such as a GEOS topology exception); null for other errors,
 * which are bugs and propagate.
 */
function dbRefusal(e: unknown): string | null {
  const x = e as { message?: unknown; detail?: unknown; code?: unknown };
  if (typeof x.code !== 'string' || !/^(22|23|XX)[0-9A-Z]{3}$/.test(x.code)) return null;
  return [x.message, x.detail].filter((v) => typeof v === 'string' && v !== '').join(': ');
}

type Step = { problems: ImportProblem[]; write: (q: Queryable) => Promise<number> };

async function planRegions(
  q: Queryable,
  records: SourceRecord[],
  input: ImportInput,
): Promise<Step> {
  const v = validateRegionRecords(records, { district: input.district });
  const problems = [
    ...v.problems,
    ...(await checkRegionDrafts(q, v.drafts)),
    ...(await checkLooseGeometries(q, v.loose)),
  ];
  // Drafts come parents first, as the regions' foreign key needs.
  const rows = v.drafts.map((d) => d.row);
  return { problems, write: (tx) => insertRegions(tx, rows) };
}

async function planGrids(q: Queryable, records: SourceRecord[], input: ImportInput): Promise<Step> {
  const v = validateGridRecords(records, { district: input.district });
  const problems = [
    ...v.problems,
    ...(await checkGridDrafts(q, v.drafts)),
    ...(await checkLooseGeometries(q, v.loose)),
  ];
  const rows = v.drafts.map((d) => d.row);
  return { problems, write: (tx) => insertGrids(tx, rows) };
}

async function planComponents(
  q: Queryable,
  records: SourceRecord[],
  input: ImportInput,
): Promise<Step> {
  const categories = input.categories ?? (await loadComponentCategoryLookup(q));
  const v = validateComponentRecords(records, { district: input.district, categories });
  const checked = await checkComponentDrafts(q, v.drafts);
  const rows: ComponentRow[] = [];
  for (const d of v.drafts) {
    const grid = checked.grids.get(d.index);
    if (grid !== undefined) rows.push({ ...d.row, gridCode: grid });
  }
  return {
    problems: [...v.problems, ...checked.problems, ...(await checkLooseGeometries(q, v.loose))],
    write: (tx) => insertComponents(tx, rows),
  };
}

async function planStorefronts(
  q: Queryable,
  records: SourceRecord[],
  input: ImportInput,
): Promise<Step> {
  const v = validateStorefrontRecords(records, { district: input.district });
  const checked = await checkStorefrontDrafts(q, v.drafts, input.district);
  const rows: StorefrontRow[] = [];
  for (const d of v.drafts) {
    const grid = checked.grids.get(d.index);
    const length = d.row.frontageM ?? checked.lengths.get(d.index);
    if (grid !== undefined && length !== undefined) {
      rows.push({ ...d.row, gridCode: grid, districtCode: grid.slice(0, 6), frontageM: length });
    }
  }
  return {
    problems: [...v.problems, ...checked.problems, ...(await checkLooseGeometries(q, v.loose))],
    write: (tx) => insertStorefronts(tx, rows),
  };
}

const PLANS: Readonly<
  Record<ImportKind, (q: Queryable, r: SourceRecord[], i: ImportInput) => Promise<Step>>
> = {
  regions: planRegions,
  grids: planGrids,
  components: planComponents,
  storefronts: planStorefronts,
};

/** Kinds whose import changes what locate answers (the spatial revision). */
// Storefronts carry house addresses the gazetteer (services/geo/geocode.ts) reads.
const SPATIAL: ReadonlySet<ImportKind> = new Set(['regions', 'grids', 'storefronts']);

/** CSV problems carry the line their row starts on. */
function withLines(problems: ImportProblem[], records: readonly SourceRecord[]): ImportProblem[] {
  const lines = new Map(records.map((r) => [r.index, r.line]));
  return problems.map((p) => {
    const line = p.index === null ? undefined : lines.get(p.index);
    return line === undefined || p.line !== undefined ? p : { ...p, line };
  });
}

/**
 * Imports regions, grids, components or storefronts from GeoJSON or CSV as a whole or not at all: the file
 * is checked (structure, codes, attributes, then geometry and existing rows in PostGIS) and any
 * problem refuses the import with every problem listed (`import.invalid`). Valid rows are written
 * in the same transaction; a region or grid import bumps the spatial revision there too and marks the
 * in-process locate index stale.
 */
export async function importBaseData(
  deps: Deps,
  input: ImportInput,
): Promise<Result<ImportSummary, ImportRefusal>> {
  const { records, problems: readProblems } = readImportFile(input.format, input.content);
  if (records.length === 0) return err(refuseImport(readProblems));
  const dryRun = input.dryRun ?? false;
  try {
    const outcome = await deps.db.transaction(
      async (tx) => {
        const step = await PLANS[input.kind](tx, records, input);
        const problems = [...readProblems, ...step.problems];
        if (problems.length > 0) return err(refuseImport(withLines(problems, records)));
        if (dryRun) return ok({ count: records.length, revision: null });
        const count = await step.write(tx);
        const revision = SPATIAL.has(input.kind) ? await bumpSpatialRevision(tx) : null;
        return ok({ count, revision });
      },
      { bulk: true },
    );
    if (!outcome.ok) return outcome;
    // This copy's locate index rebuilds now; other copies see the bumped spatial revision.
    if (SPATIAL.has(input.kind) && !dryRun) invalidateGridIndex(deps);
    deps.log.info({ kind: input.kind, count: outcome.value.count, dryRun }, 'base data imported');
    return ok({
      kind: input.kind,
      dryRun,
      count: outcome.value.count,
      spatialRevision: outcome.value.revision,
    });
  } catch (e) {
    // Thrown inside the transaction, so it was rolled back: nothing was written.
    const reason = dbRefusal(e);
    if (reason === null) throw e;
    return err(refuseImport([importProblem(null, 'db.refused', { reason })]));
  }
}
