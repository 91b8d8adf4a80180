import { importProblem, type ImportProblem } from './import-problem.ts';

/**
 * Reading the properties of one import record by a table of field specs: each field has one
 * canonical (English snake_case) name and accepted aliases (standard abbreviations such as
 * GLBJBSM, Chinese names, camelCase). Values come back as trimmed text or null.
 */
export type FieldSpec = {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly required?: boolean;
  /** maximum length in characters (GB/T 47678.5 Table 2) */
  readonly max?: number;
};

export type FieldValues = Readonly<Record<string, string | null>>;

const norm = (k: string): string =>
  k
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();

/** alias (normalised) → canonical name, for a spec table. */
export function aliasIndex(specs: readonly FieldSpec[]): ReadonlyMap<string, string> {
  const m = new Map<string, string>();
  for (const s of specs) {
    m.set(norm(s.name), s.name);
    for (const a of s.aliases ?? []) m.set(norm(a), s.name);
  }
  return m;
}

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  let t: string;
  if (typeof v === 'string') t = v;
  else if (typeof v === 'number' || typeof v === 'boolean') t = String(v);
  else if (Array.isArray(v)) t = v.map((x) => JSON.stringify(x).replace(/^"|"$/g, '')).join(',');
  else t = JSON.stringify(v);
  t = t.trim();
  return t === '' ? null : t;
}

/** Reads the fields of one record; reports missing required fields and over-long values. */
export function readFields(
  index: number,
  props: Readonly<Record<string, unknown>>,
  specs: readonly FieldSpec[],
  aliases: ReadonlyMap<string, string>,
): { values: FieldValues; problems: ImportProblem[] } {
  const values: Record<string, string | null> = {};
  for (const s of specs) values[s.name] = null;
  for (const [k, v] of Object.entries(props)) {
    const name = aliases.get(norm(k));
    if (name !== undefined && values[name] === null) values[name] = text(v);
  }
  const problems: ImportProblem[] = [];
  for (const s of specs) {
    const v = values[s.name] ?? null;
    if (v === null) {
      if (s.required)
        problems.push(importProblem(index, 'field.missing', { field: s.name }, s.name));
    } else if (s.max !== undefined && Array.from(v).length > s.max) {
      problems.push(importProblem(index, 'field.too_long', { field: s.name, max: s.max }, s.name));
    }
  }
  return { values, problems };
}

/** A field.invalid problem with what was expected, in both languages. */
export const invalidField = (
  index: number,
  field: string,
  value: string,
  expectedZh: string,
  expectedEn: string,
): ImportProblem =>
  importProblem(index, 'field.invalid', { field, value, expectedZh, expectedEn }, field);

/** The `synthetic` flag (invented region or grid): absent means false. */
export const SYNTHETIC_FIELD: FieldSpec = { name: 'synthetic', aliases: ['演示数据', '虚构'] };

const FLAG: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  '1': true,
  '0': false,
  是: true,
  否: false,
};

/** Reads a yes/no flag (true/false, 1/0, 是/否); absent is false; anything else is a problem. */
export function readFlag(
  index: number,
  field: string,
  value: string | null,
  problems: ImportProblem[],
): boolean {
  if (value === null) return false;
  const flag = FLAG[value.toLowerCase()];
  if (flag === undefined) {
    problems.push(
      invalidField(index, field, value, 'true/false、1/0 或 是/否', 'true/false, 1/0 or 是/否'),
    );
    return false;
  }
  return flag;
}

const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** A calendar date as 'YYYY-MM-DD' from 'YYYYMMDD' (GB/T 47678.5 日期型) or 'YYYY-MM-DD'. */
export function parseDate(v: string): string | null {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(v);
  if (!m) return null;
  const [, y = '', mo = '', d = ''] = m;
  const month = Number(mo);
  const day = Number(d);
  const year = Number(y);
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const max = month === 2 && !leap ? 28 : (DAYS[month - 1] ?? 0);
  if (month < 1 || month > 12 || day < 1 || day > max) return null;
  return `${y}-${mo}-${d}`;
}

/** Reports every value that occurs more than once, at each later occurrence. */
export function duplicateProblems(
  entries: readonly { index: number; value: string }[],
  field: string,
): ImportProblem[] {
  const first = new Map<string, number>();
  const problems: ImportProblem[] = [];
  for (const e of entries) {
    const seen = first.get(e.value);
    if (seen === undefined) first.set(e.value, e.index);
    else {
      problems.push(
        importProblem(
          e.index,
          'code.duplicate_in_file',
          { value: e.value, firstIndex: seen },
          field,
        ),
      );
    }
  }
  return problems;
}
