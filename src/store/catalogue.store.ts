/**
 * Reads of the category catalogue and the districts' overrides of its standards (read and saved
 * here). The shipped reference data is written by catalogue-reference.store.ts.
 */
import type {
  Category,
  CategoryKey,
  CategoryKind,
  CategoryMapping,
  CategoryScheme,
  ManagementStandard,
  MappingBasis,
  ResponsibleUnitKind,
  StandardOverride,
  StandardRow,
  Text,
  TimeLimit,
  TimeLimitUnit,
  UrgencyClass,
  UrgencyClassName,
} from '../domain/catalogue/index.ts';
import type { Queryable, Row } from './db.ts';

type SchemeRow = Row & {
  id: string;
  family: 'current' | 'legacy';
  name_zh: string;
  name_en: string;
  standard: string;
  is_default: boolean;
  source: string;
  confirmed: string;
};

const toScheme = (r: SchemeRow): CategoryScheme => ({
  id: r.id,
  family: r.family,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  standard: r.standard,
  isDefault: r.is_default,
  source: r.source,
  confirmed: r.confirmed,
});

export async function listSchemes(db: Queryable): Promise<CategoryScheme[]> {
  const r = await db.query<SchemeRow>(
    'SELECT * FROM category_schemes ORDER BY is_default DESC, id',
  );
  return r.rows.map(toScheme);
}

export async function findScheme(db: Queryable, id: string): Promise<CategoryScheme | null> {
  const r = await db.query<SchemeRow>('SELECT * FROM category_schemes WHERE id = $1', [id]);
  const row = r.rows[0];
  return row ? toScheme(row) : null;
}

type CategoryRow = Row & {
  scheme_id: string;
  kind: CategoryKind;
  code: string;
  big_code: string;
  big_name_zh: string;
  big_name_en: string | null;
  name_zh: string;
  name_en: string;
  source: string;
  standard: string;
  confirmed: string;
};

const toCategory = (r: CategoryRow): Category => ({
  scheme: r.scheme_id,
  kind: r.kind,
  code: r.code,
  bigCode: r.big_code,
  bigNameZh: r.big_name_zh,
  bigNameEn: r.big_name_en,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  provenance: { source: r.source, standard: r.standard, confirmed: r.confirmed },
});

/** Categories of one scheme in catalogue order, optionally of one kind and big class. */
export async function listCategories(
  db: Queryable,
  filter: { scheme: string; kind?: CategoryKind | undefined; bigCode?: string | undefined },
): Promise<Category[]> {
  const r = await db.query<CategoryRow>(
    `SELECT * FROM categories
     WHERE scheme_id = $1 AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR big_code = $3)
     ORDER BY kind, code`,
    [filter.scheme, filter.kind ?? null, filter.bigCode ?? null],
  );
  return r.rows.map(toCategory);
}

export async function findCategory(db: Queryable, key: CategoryKey): Promise<Category | null> {
  const r = await db.query<CategoryRow>(
    'SELECT * FROM categories WHERE scheme_id = $1 AND kind = $2 AND code = $3',
    [key.scheme, key.kind, key.code],
  );
  const row = r.rows[0];
  return row ? toCategory(row) : null;
}

const text = (zh: unknown, en: unknown): Text | null =>
  typeof zh === 'string' ? { zh, en: typeof en === 'string' ? en : null } : null;

const limit = (amount: unknown, unit: unknown): TimeLimit | null =>
  amount === null || unit === null ? null : { amount: Number(amount), unit: unit as TimeLimitUnit };

type StandardDbRow = Row & {
  filing_criteria_zh: string;
  closing_criteria_zh: string;
  responsible_unit_kind: ResponsibleUnitKind;
  provenance: string;
};

const toStandard = (r: StandardDbRow): ManagementStandard => {
  // The three limits are NOT NULL in category_standards.
  const u = (name: UrgencyClass): TimeLimit => ({
    amount: Number(r[`${name}_amount`]),
    unit: r[`${name}_unit`] as TimeLimitUnit,
  });
  return {
    filingCriteria: {
      zh: r.filing_criteria_zh,
      en: (r.filing_criteria_en as string | null) ?? null,
    },
    closingCriteria: {
      zh: r.closing_criteria_zh,
      en: (r.closing_criteria_en as string | null) ?? null,
    },
    timeLimits: { urgent: u('urgent'), pressing: u('pressing'), normal: u('normal') },
    responsibleUnitKind: r.responsible_unit_kind,
    responsibleDepartment: text(r.responsible_department_zh, r.responsible_department_en),
    provenance: r.provenance,
  };
};

/** A category's default management standard (every shipped category has one). */
export async function findStandard(
  db: Queryable,
  key: CategoryKey,
): Promise<ManagementStandard | null> {
  const r = await db.query<StandardDbRow>(
    'SELECT * FROM category_standards WHERE scheme_id = $1 AND kind = $2 AND code = $3',
    [key.scheme, key.kind, key.code],
  );
  const row = r.rows[0];
  return row ? toStandard(row) : null;
}

/** Default standards of one scheme, optionally of one kind and big class, in code order. */
export async function listStandards(
  db: Queryable,
  filter: { scheme: string; kind?: CategoryKind | undefined; bigCode?: string | undefined },
): Promise<StandardRow[]> {
  const r = await db.query<StandardDbRow & { scheme_id: string; kind: CategoryKind; code: string }>(
    `SELECT * FROM category_standards
     WHERE scheme_id = $1 AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR left(code, 2) = $3)
     ORDER BY kind, code`,
    [filter.scheme, filter.kind ?? null, filter.bigCode ?? null],
  );
  return r.rows.map((row) => ({
    scheme: row.scheme_id,
    kind: row.kind,
    code: row.code,
    standard: toStandard(row),
  }));
}

const toOverride = (r: Row): StandardOverride => {
  const limits: Partial<Record<UrgencyClass, TimeLimit>> = {};
  for (const u of ['urgent', 'pressing', 'normal'] as const) {
    const l = limit(r[`${u}_amount`], r[`${u}_unit`]);
    if (l) limits[u] = l;
  }
  return {
    districtCode: r.district_code as string,
    key: { scheme: r.scheme_id as string, kind: r.kind as CategoryKind, code: r.code as string },
    enabled: (r.enabled as boolean | null) ?? null,
    filingCriteria: text(r.filing_criteria_zh, r.filing_criteria_en),
    closingCriteria: text(r.closing_criteria_zh, r.closing_criteria_en),
    timeLimits: limits,
    responsibleUnitKind: (r.responsible_unit_kind as ResponsibleUnitKind | null) ?? null,
    responsibleDepartment: text(r.responsible_department_zh, r.responsible_department_en),
    note: (r.note as string | null) ?? null,
  };
};

export async function findOverride(
  db: Queryable,
  districtCode: string,
  key: CategoryKey,
): Promise<StandardOverride | null> {
  const r = await db.query(
    `SELECT * FROM category_overrides
     WHERE district_code = $1 AND scheme_id = $2 AND kind = $3 AND code = $4`,
    [districtCode, key.scheme, key.kind, key.code],
  );
  const row = r.rows[0];
  return row ? toOverride(row) : null;
}

export async function listOverrides(
  db: Queryable,
  districtCode: string,
): Promise<StandardOverride[]> {
  const r = await db.query(
    'SELECT * FROM category_overrides WHERE district_code = $1 ORDER BY scheme_id, kind, code',
    [districtCode],
  );
  return r.rows.map(toOverride);
}

/** Replaces a district's override of one category (the whole row: unset fields go back to NULL). */
export async function saveOverride(db: Queryable, o: StandardOverride, at: Date): Promise<void> {
  const l = o.timeLimits;
  await db.query(
    `INSERT INTO category_overrides (district_code, scheme_id, kind, code, enabled,
       filing_criteria_zh, filing_criteria_en, closing_criteria_zh, closing_criteria_en,
       urgent_amount, urgent_unit, pressing_amount, pressing_unit, normal_amount, normal_unit,
       responsible_unit_kind, responsible_department_zh, responsible_department_en, note, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20)
     ON CONFLICT (district_code, scheme_id, kind, code) DO UPDATE SET
       enabled = EXCLUDED.enabled,
       filing_criteria_zh = EXCLUDED.filing_criteria_zh, filing_criteria_en = EXCLUDED.filing_criteria_en,
       closing_criteria_zh = EXCLUDED.closing_criteria_zh, closing_criteria_en = EXCLUDED.closing_criteria_en,
       urgent_amount = EXCLUDED.urgent_amount, urgent_unit = EXCLUDED.urgent_unit,
       pressing_amount = EXCLUDED.pressing_amount, pressing_unit = EXCLUDED.pressing_unit,
       normal_amount = EXCLUDED.normal_amount, normal_unit = EXCLUDED.normal_unit,
       responsible_unit_kind = EXCLUDED.responsible_unit_kind,
       responsible_department_zh = EXCLUDED.responsible_department_zh,
       responsible_department_en = EXCLUDED.responsible_department_en,
       note = EXCLUDED.note, updated_at = EXCLUDED.updated_at`,
    [
      o.districtCode,
      o.key.scheme,
      o.key.kind,
      o.key.code,
      o.enabled,
      o.filingCriteria?.zh ?? null,
      o.filingCriteria?.en ?? null,
      o.closingCriteria?.zh ?? null,
      o.closingCriteria?.en ?? null,
      l.urgent?.amount ?? null,
      l.urgent?.unit ?? null,
      l.pressing?.amount ?? null,
      l.pressing?.unit ?? null,
      l.normal?.amount ?? null,
      l.normal?.unit ?? null,
      o.responsibleUnitKind,
      o.responsibleDepartment?.zh ?? null,
      o.responsibleDepartment?.en ?? null,
      o.note,
      at,
    ],
  );
}

type MappingDbRow = Row & {
  legacy_scheme_id: string;
  kind: CategoryKind;
  legacy_code: string;
  current_scheme_id: string;
  current_code: string;
  basis: MappingBasis;
  note: string;
};

const toMapping = (r: MappingDbRow): CategoryMapping => ({
  legacy: { scheme: r.legacy_scheme_id, kind: r.kind, code: r.legacy_code },
  current: { scheme: r.current_scheme_id, kind: r.kind, code: r.current_code },
  basis: r.basis,
  note: r.note,
});

export async function listMappings(
  db: Queryable,
  filter: { legacyScheme?: string | undefined; kind?: CategoryKind | undefined } = {},
): Promise<CategoryMapping[]> {
  const r = await db.query<MappingDbRow>(
    `SELECT * FROM category_mappings
     WHERE ($1::text IS NULL OR legacy_scheme_id = $1) AND ($2::text IS NULL OR kind = $2)
     ORDER BY legacy_scheme_id, kind, legacy_code`,
    [filter.legacyScheme ?? null, filter.kind ?? null],
  );
  return r.rows.map(toMapping);
}

export async function listUrgencyClasses(db: Queryable): Promise<UrgencyClassName[]> {
  const r = await db.query<{ id: UrgencyClass; name_zh: string; name_en: string; rank: number }>(
    'SELECT id, name_zh, name_en, rank FROM urgency_classes ORDER BY rank',
  );
  return r.rows.map((u) => ({ id: u.id, nameZh: u.name_zh, nameEn: u.name_en, rank: u.rank }));
}
