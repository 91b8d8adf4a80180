/**
 * Writes of the shipped reference data: the catalogue tables the sync fills from reference/catalogue
 * (schemes, categories, urgency classes, standards, mappings) and the checksum of each loaded data
 * set. Reads and district overrides are in catalogue.store.ts.
 *
 * Each table is written in one statement (unnest of column arrays): a few hundred rows in one
 * round trip on PGlite and PostgreSQL alike.
 */
import type {
  Category,
  CategoryMapping,
  CategoryScheme,
  StandardRow,
  UrgencyClassName,
} from '../domain/catalogue/index.ts';
import type { Queryable } from './db.ts';

async function upsertColumns(
  db: Queryable,
  table: string,
  columns: readonly (readonly [name: string, pgType: string])[],
  key: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.map(([n]) => n);
  const arrays = columns.map((_, i) => rows.map((r) => r[i] ?? null));
  const unnest = columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ');
  const updates = names.filter((n) => !key.includes(n)).map((n) => `${n} = EXCLUDED.${n}`);
  await db.query(
    `INSERT INTO ${table} (${names.join(', ')}) SELECT * FROM unnest(${unnest})
     ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${updates.join(', ')}`,
    arrays,
  );
}

export async function upsertSchemes(
  db: Queryable,
  schemes: readonly CategoryScheme[],
): Promise<void> {
  // Only one default: clear the flag first so moving it between schemes never breaks the unique index.
  await db.query('UPDATE category_schemes SET is_default = false WHERE is_default');
  await upsertColumns(
    db,
    'category_schemes',
    [
      ['id', 'text'],
      ['family', 'text'],
      ['name_zh', 'text'],
      ['name_en', 'text'],
      ['standard', 'text'],
      ['is_default', 'boolean'],
      ['source', 'text'],
      ['confirmed', 'text'],
    ],
    ['id'],
    schemes.map((s) => [
      s.id,
      s.family,
      s.nameZh,
      s.nameEn,
      s.standard,
      s.isDefault,
      s.source,
      s.confirmed,
    ]),
  );
}

export async function upsertCategories(
  db: Queryable,
  categories: readonly Category[],
): Promise<void> {
  await upsertColumns(
    db,
    'categories',
    [
      ['scheme_id', 'text'],
      ['kind', 'text'],
      ['code', 'text'],
      ['big_code', 'text'],
      ['big_name_zh', 'text'],
      ['big_name_en', 'text'],
      ['name_zh', 'text'],
      ['name_en', 'text'],
      ['source', 'text'],
      ['standard', 'text'],
      ['confirmed', 'text'],
      ['sort_order', 'int4'],
    ],
    ['scheme_id', 'kind', 'code'],
    categories.map((c, i) => [
      c.scheme,
      c.kind,
      c.code,
      c.bigCode,
      c.bigNameZh,
      c.bigNameEn,
      c.nameZh,
      c.nameEn,
      c.provenance.source,
      c.provenance.standard,
      c.provenance.confirmed,
      i,
    ]),
  );
}

export async function upsertUrgencyClasses(
  db: Queryable,
  rows: readonly (UrgencyClassName & { provenance: string })[],
): Promise<void> {
  await upsertColumns(
    db,
    'urgency_classes',
    [
      ['id', 'text'],
      ['name_zh', 'text'],
      ['name_en', 'text'],
      ['rank', 'int4'],
      ['provenance', 'text'],
    ],
    ['id'],
    rows.map((u) => [u.id, u.nameZh, u.nameEn, u.rank, u.provenance]),
  );
}

export async function upsertStandards(db: Queryable, rows: readonly StandardRow[]): Promise<void> {
  await upsertColumns(
    db,
    'category_standards',
    [
      ['scheme_id', 'text'],
      ['kind', 'text'],
      ['code', 'text'],
      ['filing_criteria_zh', 'text'],
      ['filing_criteria_en', 'text'],
      ['closing_criteria_zh', 'text'],
      ['closing_criteria_en', 'text'],
      ['urgent_amount', 'numeric'],
      ['urgent_unit', 'text'],
      ['pressing_amount', 'numeric'],
      ['pressing_unit', 'text'],
      ['normal_amount', 'numeric'],
      ['normal_unit', 'text'],
      ['responsible_unit_kind', 'text'],
      ['responsible_department_zh', 'text'],
      ['responsible_department_en', 'text'],
      ['provenance', 'text'],
    ],
    ['scheme_id', 'kind', 'code'],
    rows.map(({ scheme, kind, code, standard: s }) => [
      scheme,
      kind,
      code,
      s.filingCriteria.zh,
      s.filingCriteria.en,
      s.closingCriteria.zh,
      s.closingCriteria.en,
      s.timeLimits.urgent.amount,
      s.timeLimits.urgent.unit,
      s.timeLimits.pressing.amount,
      s.timeLimits.pressing.unit,
      s.timeLimits.normal.amount,
      s.timeLimits.normal.unit,
      s.responsibleUnitKind,
      s.responsibleDepartment?.zh ?? null,
      s.responsibleDepartment?.en ?? null,
      s.provenance,
    ]),
  );
}

export async function upsertMappings(
  db: Queryable,
  rows: readonly CategoryMapping[],
): Promise<void> {
  await upsertColumns(
    db,
    'category_mappings',
    [
      ['legacy_scheme_id', 'text'],
      ['kind', 'text'],
      ['legacy_code', 'text'],
      ['current_scheme_id', 'text'],
      ['current_code', 'text'],
      ['basis', 'text'],
      ['note', 'text'],
    ],
    ['legacy_scheme_id', 'kind', 'legacy_code'],
    rows.map((m) => [
      m.legacy.scheme,
      m.legacy.kind,
      m.legacy.code,
      m.current.scheme,
      m.current.code,
      m.basis,
      m.note,
    ]),
  );
}

/** The checksum of the loaded copy of a shipped data set, or null if never loaded. */
export async function findReferenceChecksum(
  db: Queryable,
  dataset: string,
): Promise<string | null> {
  const r = await db.query<{ checksum: string }>(
    'SELECT checksum FROM reference_data_versions WHERE dataset = $1',
    [dataset],
  );
  return r.rows[0]?.checksum ?? null;
}

export async function saveReferenceChecksum(
  db: Queryable,
  dataset: string,
  checksum: string,
  at: Date,
): Promise<void> {
  await db.query(
    `INSERT INTO reference_data_versions (dataset, checksum, loaded_at) VALUES ($1, $2, $3)
     ON CONFLICT (dataset) DO UPDATE SET checksum = EXCLUDED.checksum, loaded_at = EXCLUDED.loaded_at`,
    [dataset, checksum, at],
  );
}
