import type { CategoryKind, Urgency } from '../cases/index.ts';
import { err, ok, parseCsvRecords, type Result } from '../shared/index.ts';

/**
 * A channel's own word for a kind of problem (an Open311 service code, a hotline type) and the
 * catalogue category it stands for. Kept as data: reference/channels/<channel>.csv.
 */
export type VocabularyEntry = {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly kind: CategoryKind;
  readonly categoryCode: string;
  readonly keywords: readonly string[];
  /** null: the catalogue's default urgency for the category */
  readonly urgency: Urgency | null;
  /** The channel's own further columns (an Open311 description, group, attributes), as text. */
  readonly extra: Readonly<Record<string, string>>;
};

/** A channel's whole vocabulary, in file order (codes unique). */
export type ChannelVocabulary = readonly VocabularyEntry[];

export type VocabularyProblem = {
  readonly code: 'intake.invalid_vocabulary';
  readonly details: { readonly line: number; readonly reason: string };
};

const REQUIRED = ['kind', 'category_code', 'name_zh', 'name_en'] as const;
const KNOWN = new Set(['code', 'service_code', ...REQUIRED, 'keywords', 'urgency']);
const URGENCY = new Set<string>(['urgent', 'pressing', 'normal']);

/**
 * Reads a vocabulary CSV: a code column (`code`, or `service_code` as Open311 names it), name_zh,
 * name_en, kind (component|event), category_code, optional keywords (`;`-separated) and urgency;
 * other columns are kept in `extra`. Refused as a whole at the first bad row.
 */
export function readChannelVocabulary(
  text: string,
): Result<ChannelVocabulary, VocabularyProblem> {
  const parsed = parseCsvRecords(text);
  const bad = (line: number, reason: string) =>
    err({ code: 'intake.invalid_vocabulary' as const, details: { line, reason } });
  if (!parsed.ok) return bad(parsed.error.line, parsed.error.reason);
  const entries: VocabularyEntry[] = [];
  const seen = new Set<string>();
  for (const { line, values: v } of parsed.value) {
    const code = (v.code ?? v.service_code ?? '').trim();
    if (code === '') return bad(line, 'no code');
    if (seen.has(code)) return bad(line, `code ${code} twice`);
    const missing = REQUIRED.filter((k) => !v[k]?.trim());
    if (missing.length > 0) return bad(line, `missing ${missing.join(', ')}`);
    if (v.kind !== 'component' && v.kind !== 'event') return bad(line, `kind ${v.kind ?? ''}`);
    const urgency = v.urgency?.trim() ?? '';
    if (urgency !== '' && !URGENCY.has(urgency)) return bad(line, `urgency ${urgency}`);
    seen.add(code);
    entries.push({
      code,
      nameZh: (v.name_zh ?? '').trim(),
      nameEn: (v.name_en ?? '').trim(),
      kind: v.kind,
      categoryCode: (v.category_code ?? '').trim(),
      keywords: (v.keywords ?? '')
        .split(';')
        .map((k) => k.trim())
        .filter((k) => k !== ''),
      urgency: urgency === '' ? null : (urgency as Urgency),
      extra: Object.fromEntries(Object.entries(v).filter(([k]) => !KNOWN.has(k))),
    });
  }
  return ok(entries);
}

/** The entry of a channel code, or undefined. */
export function vocabularyEntry(
  vocabulary: ChannelVocabulary,
  code: string,
): VocabularyEntry | undefined {
  return vocabulary.find((e) => e.code === code);
}

/** The channel code of a catalogue category (the first entry naming it), or undefined. */
export function codeOfCategory(
  vocabulary: ChannelVocabulary,
  kind: CategoryKind,
  categoryCode: string,
): VocabularyEntry | undefined {
  return vocabulary.find((e) => e.kind === kind && e.categoryCode === categoryCode);
}
