import { URGENCIES, type CategoryKind, type Urgency } from '../cases/index.ts';
import { err, ok, parseCsvRecords, type Result } from '../shared/index.ts';

/**
 * A channel's own words for problems (Open311 service codes, 12345 hotline types, the portal's
 * plain words) mapped to catalogue categories, kept as data: `reference/channels/<channel>.csv`
 * with the columns below (extra columns are the channel's own and kept in `extra`). Adding a
 * channel is an adapter plus one such file.
 *
 *   code,name_zh,name_en,kind,category_code,urgency,keywords
 *   pothole,道路破损,Road surface damage,component,0102,,坑洞;路面
 */
export type VocabularyEntry = {
  /** The channel's code (an Open311 service_code, a hotline type number). */
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly kind: CategoryKind;
  readonly categoryCode: string;
  /** The urgency the channel's word implies (e.g. 燃气泄漏 → urgent); null: the report says. */
  readonly urgency: Urgency | null;
  readonly keywords: readonly string[];
  /** The channel's other columns, by header name. */
  readonly extra: Readonly<Record<string, string>>;
};

export type ChannelVocabulary = {
  readonly channel: string;
  readonly entries: readonly VocabularyEntry[];
};

export type VocabularyProblem = { readonly line: number; readonly reason: string };

const REQUIRED = ['code', 'name_zh', 'name_en', 'kind', 'category_code'] as const;
const KNOWN = new Set<string>([...REQUIRED, 'urgency', 'keywords']);

function entryOf(
  line: number,
  v: Record<string, string>,
): Result<VocabularyEntry, VocabularyProblem> {
  for (const col of REQUIRED) {
    if ((v[col] ?? '').trim() === '') return err({ line, reason: `${col} is empty` });
  }
  const kind = v.kind?.trim();
  if (kind !== 'component' && kind !== 'event') {
    return err({ line, reason: `kind ${kind} is not component or event` });
  }
  const urgency = (v.urgency ?? '').trim();
  if (urgency !== '' && !(URGENCIES as readonly string[]).includes(urgency)) {
    return err({ line, reason: `urgency ${urgency} is not one of ${URGENCIES.join(', ')}` });
  }
  const extra = Object.fromEntries(Object.entries(v).filter(([k]) => !KNOWN.has(k)));
  return ok({
    code: (v.code ?? '').trim(),
    nameZh: (v.name_zh ?? '').trim(),
    nameEn: (v.name_en ?? '').trim(),
    kind,
    categoryCode: (v.category_code ?? '').trim(),
    urgency: urgency === '' ? null : (urgency as Urgency),
    keywords: (v.keywords ?? '')
      .split(/[;；]/)
      .map((k) => k.trim())
      .filter((k) => k !== ''),
    extra,
  });
}

/** Reads a channel's vocabulary file; every row is checked, codes must be unique. */
export function parseVocabulary(
  channel: string,
  csv: string,
): Result<ChannelVocabulary, VocabularyProblem> {
  const records = parseCsvRecords(csv);
  if (!records.ok) return records;
  const entries: VocabularyEntry[] = [];
  const seen = new Set<string>();
  for (const r of records.value) {
    const e = entryOf(r.line, r.values);
    if (!e.ok) return e;
    if (seen.has(e.value.code))
      return err({ line: r.line, reason: `code ${e.value.code} repeats` });
    seen.add(e.value.code);
    entries.push(e.value);
  }
  return ok({ channel, entries });
}

/** The entry of a channel code, or undefined when the channel does not know it. */
export function lookupCode(v: ChannelVocabulary, code: string): VocabularyEntry | undefined {
  return v.entries.find((e) => e.code === code);
}
