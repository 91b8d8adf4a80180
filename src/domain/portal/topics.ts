import type { CategoryKind, Urgency } from '../cases/index.ts';
import { parseVocabulary, type VocabularyProblem } from '../intake/index.ts';
import { ok, type Result } from '../shared/index.ts';

/**
 * The portal's plain words for problems (反映事项): what a citizen picks instead of a catalogue
 * code, mapped to a catalogue category as data (reference/channels/portal-categories.csv, the
 * portal's channel vocabulary). A topic may imply an urgency (a missing manhole cover is 紧急);
 * otherwise the report's urgency is left to the catalogue's default. Pinyin initials of the name
 * and keywords are precomputed by scripts/gen-portal-pinyin.ts, so "jg" finds 井盖.
 */
export type Topic = {
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly kind: CategoryKind;
  readonly categoryCode: string;
  readonly urgency: Urgency | null;
  readonly keywords: readonly string[];
  readonly pinyinInitials: readonly string[];
};

export type TopicProblem = VocabularyProblem;

/**
 * Reads portal-categories.csv: the portal's channel vocabulary (domain/intake `parseVocabulary`,
 * every row checked, codes unique) with its own column `pinyin_initials`.
 */
export function parseTopics(csv: string): Result<readonly Topic[], TopicProblem> {
  const v = parseVocabulary('portal', csv);
  if (!v.ok) return v;
  return ok(
    v.value.entries.map((e) => ({
      code: e.code,
      nameZh: e.nameZh,
      nameEn: e.nameEn,
      kind: e.kind,
      categoryCode: e.categoryCode,
      urgency: e.urgency,
      keywords: e.keywords,
      pinyinInitials: (e.extra.pinyin_initials ?? '')
        .split(/[;；]/)
        .map((p) => p.trim().toLowerCase())
        .filter((p) => p !== ''),
    })),
  );
}

/** How well a topic matches: lower is better; null: no match. */
function rank(t: Topic, q: string): number | null {
  if (/^[a-z]+$/.test(q)) {
    // Letters only: pinyin initials first (jg → 井盖), then English words.
    if (t.pinyinInitials[0]?.startsWith(q)) return 0;
    if (t.pinyinInitials.some((p) => p.startsWith(q))) return 1;
    if (t.pinyinInitials.some((p) => p.includes(q))) return 3;
    if (t.nameEn.toLowerCase().includes(q)) return 4;
    return null;
  }
  if (t.nameZh.includes(q)) return t.nameZh.startsWith(q) ? 0 : 1;
  if (t.keywords.some((k) => k.includes(q) || q.includes(k))) return 2;
  if (t.nameEn.toLowerCase().includes(q)) return 4;
  return null;
}

/**
 * Topics matching what a citizen typed: Chinese (name, then keywords, also a keyword inside a
 * longer phrase: 路边井盖丢了 → 井盖), pinyin initials (jg) or English; best first, then in the
 * file's order. An empty query lists every topic.
 */
export function searchTopics(topics: readonly Topic[], query: string, limit = 20): Topic[] {
  const q = query.trim().toLowerCase().replace(/\s+/g, ' ');
  if (q === '') return topics.slice(0, limit);
  const hits: { t: Topic; r: number; i: number }[] = [];
  topics.forEach((t, i) => {
    const r = rank(t, q);
    if (r !== null) hits.push({ t, r, i });
  });
  return hits
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .slice(0, limit)
    .map((h) => h.t);
}

/** The topic a report names, or undefined. */
export function findTopic(topics: readonly Topic[], code: string): Topic | undefined {
  return topics.find((t) => t.code === code);
}
