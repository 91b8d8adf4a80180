/**
 * Derives reference/catalogue/standards.csv and mappings.csv from the gathered category list
 * (source-categories.csv), schemes.csv and derivation-rules.json, so every default limit and
 * every legacy→current mapping can be traced to a stated rule.
 *
 *   npx tsx scripts/derive-catalogue.ts          write the two files
 *   npx tsx scripts/derive-catalogue.ts --check  exit 1 if they differ from what the rules give
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  normaliseCategoryName,
  parseAll,
  parseCategoryRow,
  readCatalogueCsv,
  parseSchemeRow,
  type Category,
  type TimeLimit,
  type TimeLimitUnit,
} from '../src/domain/catalogue/index.ts';
import { formatCsv } from '../src/domain/shared/index.ts';

type Pair = [string, string] | null;
type Limit = [number, TimeLimitUnit];
type BigClassRule = {
  scheme: string;
  kind: string;
  big: string;
  sameAs?: [string, string, string];
  urgent?: Limit;
  pressing?: Limit;
  normal?: Limit;
  unitKind?: string;
  department?: Pair;
  why?: string;
};
type Template = { zh: string; en: string };
export type Rules = {
  defaultProvenance: string;
  criteriaTemplates: Record<
    'component' | 'component_event' | 'event',
    { filing: Template; closing: Template }
  >;
  bigClassDefaults: BigClassRule[];
  nameRules: { contains: string[]; unitKind: string; department: Pair }[];
  localExamples: { names: string[]; normal: Limit; source: string }[];
  synonyms: { legacy: string; current: string; why: string }[];
};

export const STANDARD_COLUMNS = [
  'scheme',
  'kind',
  'code',
  'name_zh',
  'filing_criteria_zh',
  'filing_criteria_en',
  'closing_criteria_zh',
  'closing_criteria_en',
  'urgent_amount',
  'urgent_unit',
  'pressing_amount',
  'pressing_unit',
  'normal_amount',
  'normal_unit',
  'responsible_unit_kind',
  'responsible_department_zh',
  'responsible_department_en',
  'provenance',
] as const;
export const MAPPING_COLUMNS = [
  'legacy_scheme',
  'kind',
  'legacy_code',
  'legacy_name_zh',
  'current_scheme',
  'current_code',
  'current_name_zh',
  'basis',
  'note',
] as const;

const DIR = fileURLToPath(new URL('../reference/catalogue/', import.meta.url));
const CURRENT = 'gbt47678.5-2026';

function unwrap<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

/** The categories of every scheme, in the order of the gathered list. */
export function loadCategories(sourceCsv: string, schemesCsv: string): Category[] {
  const schemes = unwrap(parseAll(unwrap(readCatalogueCsv(schemesCsv)), parseSchemeRow));
  return unwrap(
    parseAll(unwrap(readCatalogueCsv(sourceCsv)), (r, i) => parseCategoryRow(r, i, schemes)),
  );
}

function bigClassRule(
  rules: Rules,
  c: Category,
): BigClassRule & { urgent: Limit; pressing: Limit; normal: Limit; unitKind: string; why: string } {
  const find = (scheme: string, kind: string, big: string) =>
    rules.bigClassDefaults.find(
      (r) =>
        (r.scheme === scheme || r.scheme === '*') &&
        (r.kind === kind || r.kind === '*') &&
        r.big === big,
    );
  let rule = find(c.scheme, c.kind, c.bigCode);
  if (rule?.sameAs) rule = find(...rule.sameAs);
  if (!rule?.urgent || !rule.pressing || !rule.normal || !rule.unitKind || !rule.why)
    throw new Error(`no big-class rule for ${c.scheme}/${c.kind}/${c.code}`);
  return {
    ...rule,
    urgent: rule.urgent,
    pressing: rule.pressing,
    normal: rule.normal,
    unitKind: rule.unitKind,
    why: rule.why,
  };
}

const hours = ([amount, unit]: Limit) => (unit === 'working_days' ? amount * 8 : amount);
const minLimit = (a: Limit, b: Limit): Limit => (hours(b) < hours(a) ? b : a);
const asLimit = ([amount, unit]: Limit): TimeLimit => ({ amount, unit });

/**
 * One category's default standard: big-class limits and unit kind, a name rule for the
 * responsible utility or department, and a local example's limit as the 一般 class where the
 * name matches. Urgent ≤ pressing ≤ normal is kept by shortening the faster classes.
 */
function deriveStandard(rules: Rules, c: Category): Record<string, string> {
  const big = bigClassRule(rules, c);
  const example = rules.localExamples.find((e) => e.names.includes(c.nameZh));
  const normal = example ? example.normal : big.normal;
  const pressing = minLimit(big.pressing, normal);
  const urgent = minLimit(big.urgent, pressing);
  const nameRule = rules.nameRules.find((r) => r.contains.some((w) => c.nameZh.includes(w)));
  const department = nameRule ? nameRule.department : (big.department ?? null);
  const template =
    c.kind === 'component'
      ? rules.criteriaTemplates.component
      : c.scheme === CURRENT && Number(c.bigCode) <= 5
        ? rules.criteriaTemplates.component_event
        : rules.criteriaTemplates.event;
  const fill = (t: string) => t.replaceAll('{name}', c.nameZh).replaceAll('{nameEn}', c.nameEn);
  const provenance = example
    ? `一般 normal limit: ${example.source}; urgent/pressing: ${rules.defaultProvenance}`
    : `${rules.defaultProvenance} — ${big.why}`;
  const limit = (l: TimeLimit) => [String(l.amount), l.unit] as const;
  const [ua, uu] = limit(asLimit(urgent));
  const [pa, pu] = limit(asLimit(pressing));
  const [na, nu] = limit(asLimit(normal));
  return {
    scheme: c.scheme,
    kind: c.kind,
    code: c.code,
    name_zh: c.nameZh,
    filing_criteria_zh: fill(template.filing.zh),
    filing_criteria_en: fill(template.filing.en),
    closing_criteria_zh: fill(template.closing.zh),
    closing_criteria_en: fill(template.closing.en),
    urgent_amount: ua,
    urgent_unit: uu,
    pressing_amount: pa,
    pressing_unit: pu,
    normal_amount: na,
    normal_unit: nu,
    responsible_unit_kind: nameRule ? nameRule.unitKind : big.unitKind,
    responsible_department_zh: department?.[0] ?? '',
    responsible_department_en: department?.[1] ?? '',
    provenance: nameRule
      ? `${provenance}; unit kind and department by name rule (${nameRule.contains.join('/')}), unconfirmed`
      : provenance,
  };
}

/**
 * Legacy → current mappings, strongest basis first: identical name; identical after dropping
 * qualifiers and punctuation; a listed synonym. A legacy code with several candidates is left unmapped.
 */
function deriveMappings(rules: Rules, categories: readonly Category[]): Record<string, string>[] {
  const current = categories.filter((c) => c.scheme === CURRENT);
  const out: Record<string, string>[] = [];
  for (const c of categories.filter((x) => x.scheme !== CURRENT)) {
    const same = current.filter((x) => x.kind === c.kind);
    const synonym = rules.synonyms.find((s) => s.legacy === c.nameZh);
    const candidates: [Category[], string, string][] = [
      [same.filter((x) => x.nameZh === c.nameZh), 'same_name', 'identical Chinese name'],
      [
        same.filter((x) => normaliseCategoryName(x.nameZh) === normaliseCategoryName(c.nameZh)),
        'same_name_normalised',
        'identical after dropping parenthesised qualifiers and punctuation',
      ],
      [
        synonym ? same.filter((x) => x.nameZh === synonym.current) : [],
        'order_and_synonym',
        synonym?.why ?? '',
      ],
    ];
    const hit = candidates.find(([list]) => list.length === 1);
    const target = hit?.[0][0];
    if (!hit || !target) continue;
    out.push({
      legacy_scheme: c.scheme,
      kind: c.kind,
      legacy_code: c.code,
      legacy_name_zh: c.nameZh,
      current_scheme: CURRENT,
      current_code: target.code,
      current_name_zh: target.nameZh,
      basis: hit[1],
      note: hit[2],
    });
  }
  return out;
}

export function deriveCatalogue(
  sourceCsv: string,
  schemesCsv: string,
  rules: Rules,
): { standards: string; mappings: string } {
  const categories = loadCategories(sourceCsv, schemesCsv);
  return {
    standards: formatCsv(
      STANDARD_COLUMNS,
      categories.map((c) => deriveStandard(rules, c)),
    ),
    mappings: formatCsv(MAPPING_COLUMNS, deriveMappings(rules, categories)),
  };
}

/** Reads the inputs from reference/catalogue/. */
export function deriveFromReferenceDir(dir = DIR): { standards: string; mappings: string } {
  const read = (f: string) => readFileSync(dir + f, 'utf8');
  return deriveCatalogue(
    read('source-categories.csv'),
    read('schemes.csv'),
    JSON.parse(read('derivation-rules.json')) as Rules,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const derived = deriveFromReferenceDir();
  const check = process.argv.includes('--check');
  let drift = false;
  for (const [file, text] of [
    ['standards.csv', derived.standards],
    ['mappings.csv', derived.mappings],
  ] as const) {
    if (check) {
      if (readFileSync(DIR + file, 'utf8') !== text) {
        console.error(`${file} is out of date: run npx tsx scripts/derive-catalogue.ts`);
        drift = true;
      }
    } else writeFileSync(DIR + file, text);
  }
  process.exitCode = drift ? 1 : 0;
}
