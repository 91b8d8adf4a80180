import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  parseAll,
  parseBigClassRow,
  parseCategoryRow,
  readCatalogueCsv,
  parseMappingRow,
  parseSchemeRow,
  parseStandardRow,
  parseUrgencyRow,
  type Category,
  type CategoryMapping,
  type CategoryScheme,
  type StandardRow,
  type UrgencyClassName,
} from '../../domain/catalogue/index.ts';
import * as store from '../../store/catalogue-reference.store.ts';
import type { Deps } from '../deps.ts';

/** Shipped with the project (never read from ../shared at run time). */
const CATALOGUE_DIR = fileURLToPath(new URL('../../../reference/catalogue/', import.meta.url));

const FILES = {
  schemes: 'schemes.csv',
  categories: 'source-categories.csv',
  bigClasses: 'big-classes.csv',
  urgency: 'urgency-classes.csv',
  standards: 'standards.csv',
  mappings: 'mappings.csv',
} as const;
type Files = Record<keyof typeof FILES, string>;

type ParsedCatalogue = {
  schemes: CategoryScheme[];
  categories: Category[];
  urgencyClasses: (UrgencyClassName & { provenance: string })[];
  standards: StandardRow[];
  mappings: CategoryMapping[];
};

export type CatalogueSyncReport = {
  dataset: 'catalogue';
  /** false when the loaded copy already had this checksum. */
  applied: boolean;
  checksum: string;
  /** What was loaded; null when skipped. */
  counts: { schemes: number; categories: number; standards: number; mappings: number } | null;
};

function must<T>(file: string, r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  // Shipped data that does not parse is a bug in the release, not an expected failure.
  if (!r.ok) throw new Error(`reference/catalogue/${file}: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** Parses the shipped files and checks every standard and mapping names a shipped category. */
function parseCatalogue(files: Files): ParsedCatalogue {
  const records = (f: keyof Files) => must(FILES[f], readCatalogueCsv(files[f]));
  const schemes = must(FILES.schemes, parseAll(records('schemes'), parseSchemeRow));
  const family = (id: string) => schemes.find((s) => s.id === id)?.family ?? null;
  const categories = must(
    FILES.categories,
    parseAll(records('categories'), (r, i) => parseCategoryRow(r, i, schemes)),
  );
  const bigClasses = must(FILES.bigClasses, parseAll(records('bigClasses'), parseBigClassRow));
  const bigNameEn = new Map(
    bigClasses.map((b) => [`${b.scheme}/${b.kind}/${b.bigCode}`, b.nameEn]),
  );
  const named = categories.map((c) => ({
    ...c,
    bigNameEn: bigNameEn.get(`${c.scheme}/${c.kind}/${c.bigCode}`) ?? null,
  }));
  const unnamed = named
    .filter((c) => c.bigNameEn === null)
    .map((c) => `${c.scheme}/${c.kind}/${c.bigCode}`);
  if (unnamed.length > 0)
    throw new Error(
      `reference/catalogue/big-classes.csv lacks ${[...new Set(unnamed)].join(', ')}`,
    );
  const urgencyClasses = must(
    FILES.urgency,
    parseAll(records('urgency'), (r, i) => {
      const u = parseUrgencyRow(r, i);
      return u.ok ? { ok: true, value: { ...u.value, provenance: r.provenance ?? '' } } : u;
    }),
  );
  const standards = must(
    FILES.standards,
    parseAll(records('standards'), (r, i) => parseStandardRow(r, i, family)),
  );
  const mappings = must(FILES.mappings, parseAll(records('mappings'), parseMappingRow));
  const keys = new Set(categories.map((c) => `${c.scheme}/${c.kind}/${c.code}`));
  const missing = [
    ...standards.map((s) => `${s.scheme}/${s.kind}/${s.code}`),
    ...mappings.flatMap((m) => [m.legacy, m.current].map((k) => `${k.scheme}/${k.kind}/${k.code}`)),
  ].filter((k) => !keys.has(k));
  if (missing.length > 0)
    throw new Error(`reference/catalogue: unknown categories ${missing.join(', ')}`);
  if (standards.length !== categories.length)
    throw new Error('reference/catalogue/standards.csv must give every category one standard');
  return {
    schemes,
    categories: named,
    urgencyClasses,
    standards,
    mappings,
  };
}

async function readCatalogueFiles(dir = CATALOGUE_DIR): Promise<Files> {
  const entries = await Promise.all(
    Object.entries(FILES).map(async ([k, f]) => [k, await readFile(dir + f, 'utf8')] as const),
  );
  return Object.fromEntries(entries) as Files;
}

/**
 * Loads the shipped catalogue into the database in one transaction, idempotently (upserts by
 * key). Skips the work when the files' checksum matches the loaded copy, unless `force`.
 * District overrides are never touched.
 */
export async function syncCatalogue(
  deps: Deps,
  opts: { dir?: string; force?: boolean } = {},
): Promise<CatalogueSyncReport> {
  const files = await readCatalogueFiles(opts.dir);
  const hash = createHash('sha256');
  for (const k of Object.keys(FILES).sort()) hash.update(files[k as keyof Files]).update('\0');
  const checksum = hash.digest('hex');
  if (!opts.force && (await store.findReferenceChecksum(deps.db, 'catalogue')) === checksum)
    return { dataset: 'catalogue', applied: false, checksum, counts: null };
  const parsed = parseCatalogue(files);
  const counts = {
    schemes: parsed.schemes.length,
    categories: parsed.categories.length,
    standards: parsed.standards.length,
    mappings: parsed.mappings.length,
  };
  await deps.db.transaction(async (tx) => {
    await store.upsertSchemes(tx, parsed.schemes);
    await store.upsertCategories(tx, parsed.categories);
    await store.upsertUrgencyClasses(tx, parsed.urgencyClasses);
    await store.upsertStandards(tx, parsed.standards);
    await store.upsertMappings(tx, parsed.mappings);
    await store.saveReferenceChecksum(tx, 'catalogue', checksum, deps.clock.now());
  });
  return { dataset: 'catalogue', applied: true, checksum, counts };
}
