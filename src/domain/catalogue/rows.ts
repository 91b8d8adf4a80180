import { err, ok, type Result } from '../shared/index.ts';
import {
  isCategoryKind,
  parseCategoryCode,
  type Category,
  type CategoryScheme,
  type SchemeFamily,
} from './category.ts';
import { MAPPING_BASES, type CategoryMapping, type MappingBasis } from './mapping.ts';
import { isResponsibleUnitKind, type ManagementStandard, type Text } from './standard.ts';
import {
  parseTimeLimit,
  URGENCY_CLASSES,
  type TimeLimit,
  type UrgencyClass,
} from './time-limit.ts';

/** A shipped reference row that cannot be used; the whole file is refused. */
export type RowError = {
  readonly code: 'catalogue.invalid_row';
  readonly details: { readonly row: number; readonly reason: string };
};

type Rec = Readonly<Record<string, string>>;
type Parsed<T> = Result<T, RowError>;

const bad = (row: number, reason: string): Parsed<never> =>
  err({ code: 'catalogue.invalid_row', details: { row, reason } });

const required = (r: Rec, col: string): string | null => {
  const v = r[col]?.trim();
  return v === undefined || v === '' ? null : v;
};

/** Each row parser takes a CSV record (from parseCsv) and its row number for error messages. */
export function parseSchemeRow(
  r: Rec,
  row: number,
): Parsed<CategoryScheme & { matchStandard: string }> {
  const id = required(r, 'id');
  const family = r.family;
  if (!id) return bad(row, 'id is empty');
  if (family !== 'current' && family !== 'legacy')
    return bad(row, `family ${family} is not current|legacy`);
  const matchStandard = required(r, 'match_standard');
  if (!matchStandard) return bad(row, 'match_standard is empty');
  return ok({
    id,
    family,
    nameZh: r.name_zh ?? '',
    nameEn: r.name_en ?? '',
    standard: r.standard ?? '',
    isDefault: r.is_default === 'true',
    source: r.source ?? '',
    confirmed: r.confirmed ?? '',
    matchStandard,
  });
}

/**
 * A row of source-categories.csv (the gathered list). Its scheme is the one whose
 * `match_standard` starts the row's `standard` column.
 */
export function parseCategoryRow(
  r: Rec,
  row: number,
  schemes: readonly (CategoryScheme & { matchStandard: string })[],
): Parsed<Category> {
  const scheme = schemes.find((s) => (r.standard ?? '').startsWith(s.matchStandard));
  if (!scheme) return bad(row, `no scheme matches standard "${r.standard}"`);
  if (!isCategoryKind(r.kind)) return bad(row, `kind ${r.kind} is not component|event`);
  const code = parseCategoryCode(r.small_code ?? '', scheme.family);
  if (!code.ok) return bad(row, `code ${r.small_code}: ${code.error.details.reason}`);
  if (code.value.bigCode !== r.big_code)
    return bad(row, `big_code ${r.big_code} does not start ${r.small_code}`);
  const nameZh = required(r, 'small_name_zh');
  if (!nameZh) return bad(row, 'small_name_zh is empty');
  return ok({
    scheme: scheme.id,
    kind: r.kind,
    code: code.value.code,
    bigCode: code.value.bigCode,
    bigNameZh: r.big_name_zh ?? '',
    bigNameEn: null,
    nameZh,
    nameEn: r.name_en ?? '',
    provenance: {
      source: r.source ?? '',
      standard: r.standard ?? '',
      confirmed: r.confirmed ?? '',
    },
  });
}

const text = (r: Rec, prefix: string): Text | null => {
  const zh = required(r, `${prefix}_zh`);
  return zh === null ? null : { zh, en: required(r, `${prefix}_en`) };
};

export type StandardRow = {
  readonly scheme: string;
  readonly kind: Category['kind'];
  readonly code: string;
  readonly standard: ManagementStandard;
};

/** A row of standards.csv: one category's default management standard. */
export function parseStandardRow(
  r: Rec,
  row: number,
  family: (scheme: string) => SchemeFamily | null,
): Parsed<StandardRow> {
  const scheme = r.scheme ?? '';
  const fam = family(scheme);
  if (!fam) return bad(row, `unknown scheme ${scheme}`);
  if (!isCategoryKind(r.kind)) return bad(row, `kind ${r.kind} is not component|event`);
  const code = parseCategoryCode(r.code ?? '', fam);
  if (!code.ok) return bad(row, `code ${r.code}: ${code.error.details.reason}`);
  const limits: Partial<Record<UrgencyClass, TimeLimit>> = {};
  for (const u of URGENCY_CLASSES) {
    const t = parseTimeLimit({ amount: Number(r[`${u}_amount`]), unit: r[`${u}_unit`] }, u);
    if (!t.ok) return bad(row, `${u}: ${t.error.details.reason}`);
    limits[u] = t.value;
  }
  const { urgent, pressing, normal } = limits;
  const filing = text(r, 'filing_criteria');
  const closing = text(r, 'closing_criteria');
  if (!urgent || !pressing || !normal || !filing || !closing)
    return bad(row, 'criteria or limits missing');
  if (!isResponsibleUnitKind(r.responsible_unit_kind))
    return bad(row, `responsible_unit_kind ${r.responsible_unit_kind} is unknown`);
  const provenance = required(r, 'provenance');
  if (!provenance) return bad(row, 'provenance is empty');
  return ok({
    scheme,
    kind: r.kind,
    code: code.value.code,
    standard: {
      filingCriteria: filing,
      closingCriteria: closing,
      timeLimits: { urgent, pressing, normal },
      responsibleUnitKind: r.responsible_unit_kind,
      responsibleDepartment: text(r, 'responsible_department'),
      provenance,
    },
  });
}

/** A row of mappings.csv: legacy code → current code, with the basis for it. */
export function parseMappingRow(r: Rec, row: number): Parsed<CategoryMapping> {
  if (!isCategoryKind(r.kind)) return bad(row, `kind ${r.kind} is not component|event`);
  const legacy = parseCategoryCode(r.legacy_code ?? '', 'legacy');
  const current = parseCategoryCode(r.current_code ?? '', 'current');
  if (!legacy.ok || !current.ok) return bad(row, 'legacy_code must have 4 digits, current_code 5');
  const basis = r.basis as MappingBasis;
  if (!MAPPING_BASES.includes(basis)) return bad(row, `basis ${r.basis} is unknown`);
  const legacyScheme = required(r, 'legacy_scheme');
  const currentScheme = required(r, 'current_scheme');
  if (!legacyScheme || !currentScheme) return bad(row, 'scheme is empty');
  return ok({
    legacy: { scheme: legacyScheme, kind: r.kind, code: legacy.value.code },
    current: { scheme: currentScheme, kind: r.kind, code: current.value.code },
    basis,
    note: r.note ?? '',
  });
}

/** Parses every record with one row parser; the first bad row refuses the file. */
export function parseAll<T>(
  records: readonly Rec[],
  parse: (r: Rec, row: number) => Parsed<T>,
): Parsed<T[]> {
  const out: T[] = [];
  for (const [i, r] of records.entries()) {
    const p = parse(r, i + 2);
    if (!p.ok) return p;
    out.push(p.value);
  }
  return ok(out);
}

export type BigClassName = {
  readonly scheme: string;
  readonly kind: Category['kind'];
  readonly bigCode: string;
  readonly nameZh: string;
  readonly nameEn: string;
};

/** A row of big-classes.csv: a big class's Chinese name and gridloop's English gloss. */
export function parseBigClassRow(r: Rec, row: number): Parsed<BigClassName> {
  if (!isCategoryKind(r.kind)) return bad(row, `kind ${r.kind} is not component|event`);
  const scheme = required(r, 'scheme');
  const bigCode = r.big_code ?? '';
  const nameZh = required(r, 'name_zh');
  const nameEn = required(r, 'name_en');
  if (!scheme || !/^\d{2}$/.test(bigCode) || !nameZh || !nameEn)
    return bad(row, 'scheme, a 2-digit big_code, name_zh and name_en are required');
  return ok({ scheme, kind: r.kind, bigCode, nameZh, nameEn });
}

export type UrgencyClassName = {
  readonly id: UrgencyClass;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly rank: number;
};

/** A row of urgency-classes.csv: the display names of 紧急 / 较急 / 一般 (configurable as data). */
export function parseUrgencyRow(r: Rec, row: number): Parsed<UrgencyClassName> {
  const id = r.id as UrgencyClass;
  if (!URGENCY_CLASSES.includes(id))
    return bad(row, `urgency class ${r.id} is not one of ${URGENCY_CLASSES.join(', ')}`);
  const nameZh = required(r, 'name_zh');
  if (!nameZh) return bad(row, 'name_zh is empty');
  return ok({ id, nameZh, nameEn: r.name_en ?? '', rank: Number(r.rank) });
}
