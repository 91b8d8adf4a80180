import type { CategoryKind } from '../../domain/cases/index.ts';
import type { ChannelVocabulary, VocabularyEntry } from '../../domain/intake/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';

/** One entry of GET /services (GeoReport v2). */
export type Open311Service = {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  /** comma-separated, as the spec has it */
  keywords: string;
  group: string;
};

export const DATATYPES = [
  'string',
  'number',
  'datetime',
  'text',
  'singlevaluelist',
  'multivaluelist',
] as const;
export type Datatype = (typeof DATATYPES)[number];

export type Open311Attribute = {
  variable: boolean;
  code: string;
  datatype: Datatype;
  required: boolean;
  datatype_description: string | null;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
};

export type ServiceDefinition = { service_code: string; attributes: Open311Attribute[] };

/**
 * The `attributes` column of reference/channels/open311-services.csv: one attribute per line,
 * `code|datatype|required|description[|key=name;key=name]` (values for the list datatypes).
 */
export function parseAttributes(cell: string): Result<Open311Attribute[], string> {
  const out: Open311Attribute[] = [];
  for (const line of cell.split('\n').map((l) => l.trim())) {
    if (line === '') continue;
    const [code = '', datatype = '', required = '', description = '', values = ''] =
      line.split('|');
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(code)) return err(`attribute code "${code}"`);
    if (!(DATATYPES as readonly string[]).includes(datatype)) return err(`datatype ${datatype}`);
    if (required !== 'true' && required !== 'false') return err(`required ${required}`);
    const list = datatype.endsWith('valuelist');
    const pairs = values
      .split(';')
      .filter((p) => p.includes('='))
      .map((p) => {
        const at = p.indexOf('=');
        return { key: p.slice(0, at).trim(), name: p.slice(at + 1).trim() };
      });
    if (list !== pairs.length > 0) return err(`values of ${code}`);
    out.push({
      variable: true,
      code,
      datatype: datatype as Datatype,
      required: required === 'true',
      datatype_description: null,
      order: out.length + 1,
      description,
      ...(list ? { values: pairs } : {}),
    });
  }
  return ok(out);
}

/** The service's attributes; a bad column is a broken reference file (thrown at load). */
export function attributesOf(e: VocabularyEntry): Open311Attribute[] {
  const r = parseAttributes(e.extra.attributes ?? '');
  if (!r.ok) throw new Error(`open311-services.csv ${e.code}: ${r.error}`);
  return r.value;
}

/** service_name: Chinese first, then English. */
export const serviceName = (e: VocabularyEntry): string => `${e.nameZh} ${e.nameEn}`;

export function serviceOf(e: VocabularyEntry): Open311Service {
  return {
    service_code: e.code,
    service_name: serviceName(e),
    description: e.extra.description ?? '',
    metadata: attributesOf(e).length > 0,
    type: 'realtime',
    keywords: e.keywords.join(','),
    group: e.extra.group ?? '',
  };
}

export const servicesOf = (v: ChannelVocabulary): Open311Service[] => v.entries.map(serviceOf);

/** The service code of a catalogue category (the first entry naming it), or undefined. */
export function codeOfCategory(
  v: ChannelVocabulary,
  kind: CategoryKind,
  categoryCode: string,
): VocabularyEntry | undefined {
  return v.entries.find((e) => e.kind === kind && e.categoryCode === categoryCode);
}

export function definitionOf(e: VocabularyEntry): ServiceDefinition {
  return { service_code: e.code, attributes: attributesOf(e) };
}

/** Values given as attribute[code]=value (repeated for a multivaluelist). */
export type AttributeValues = Readonly<Record<string, string | readonly string[]>>;

export type AttributeProblem = { readonly attribute: string; readonly reason: string };

const DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Checks the values against the definition: required ones present, list values among the keys,
 * numbers numeric, datetimes ISO 8601, no unknown codes. Returns the values keyed by code.
 */
export function checkAttributes(
  defs: readonly Open311Attribute[],
  given: AttributeValues,
): Result<Record<string, string | string[]>, AttributeProblem> {
  const out: Record<string, string | string[]> = {};
  for (const code of Object.keys(given)) {
    if (!defs.some((d) => d.code === code)) return err({ attribute: code, reason: 'unknown' });
  }
  for (const d of defs) {
    const raw = given[d.code];
    const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]) as string[];
    const values = list.map((x) => x.trim()).filter((x) => x !== '');
    if (values.length === 0) {
      if (d.required) return err({ attribute: d.code, reason: 'required' });
      continue;
    }
    if (d.datatype !== 'multivaluelist' && values.length > 1) {
      return err({ attribute: d.code, reason: 'one value only' });
    }
    for (const v of values) {
      if (v.length > 2000) return err({ attribute: d.code, reason: 'too long' });
      if (d.values && !d.values.some((x) => x.key === v)) {
        return err({
          attribute: d.code,
          reason: `not one of ${d.values.map((x) => x.key).join(', ')}`,
        });
      }
      if (d.datatype === 'number' && !Number.isFinite(Number(v))) {
        return err({ attribute: d.code, reason: 'not a number' });
      }
      if (d.datatype === 'datetime' && !DATETIME.test(v)) {
        return err({ attribute: d.code, reason: 'not an ISO 8601 date' });
      }
      if (d.datatype === 'string' && /[\r\n]/.test(v)) {
        return err({ attribute: d.code, reason: 'no line breaks in a string' });
      }
    }
    out[d.code] = d.datatype === 'multivaluelist' ? values : (values[0] ?? '');
  }
  return ok(out);
}

/** The attribute values as a line of the case's description (what the centre reads). */
export function describeAttributes(
  defs: readonly Open311Attribute[],
  values: Readonly<Record<string, string | readonly string[]>>,
): string {
  return defs
    .filter((d) => values[d.code] !== undefined)
    .map((d) => {
      const v = values[d.code] ?? [];
      const keys = Array.isArray(v) ? (v as readonly string[]) : [v as string];
      const shown = keys.map((k) => d.values?.find((x) => x.key === k)?.name ?? k);
      return `${d.description}: ${shown.join('、')}`;
    })
    .join('；');
}
