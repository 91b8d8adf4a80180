import { pinyinInitials } from './pinyin.ts';

/** A catalogue category as the picker searches it. */
export type PickCategory = {
  readonly kind: 'component' | 'event';
  readonly code: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly bigNameZh: string;
  /** Plain words that mean this category (the portal's keywords for it). */
  readonly keywords: readonly string[];
};

type Indexed = PickCategory & { readonly initials: readonly string[] };

/** The searchable form of the catalogue: initials of the name and of each keyword, once. */
export function indexCategories(cats: readonly PickCategory[]): Indexed[] {
  return cats.map((c) => ({
    ...c,
    initials: [...new Set([c.nameZh, ...c.keywords].map(pinyinInitials).filter((x) => x !== ''))],
  }));
}

/** How well a category matches: lower is better; null: no match. */
function rank(c: Indexed, q: string): number | null {
  if (/^[0-9]+$/.test(q)) return c.code.startsWith(q) ? 0 : null;
  if (/^[a-z]+$/.test(q)) {
    if (c.initials[0]?.startsWith(q)) return 0;
    if (c.initials.some((i) => i.startsWith(q))) return 1;
    if (c.initials.some((i) => i.includes(q))) return 3;
    if (c.nameEn.toLowerCase().includes(q)) return 4;
    return null;
  }
  if (c.nameZh.includes(q)) return c.nameZh.startsWith(q) ? 0 : 1;
  if (c.keywords.some((k) => k.includes(q) || q.includes(k))) return 2;
  if (c.bigNameZh.includes(q)) return 3;
  if (c.nameEn.toLowerCase().includes(q)) return 4;
  return null;
}

/**
 * Categories matching what the supervisor typed: a code prefix (010), pinyin initials (jg →
 * 井盖), Chinese name or keyword (also a keyword inside a phrase), big class or English; best
 * first, then events before components, then by code.
 */
export function searchCategories(cats: readonly Indexed[], query: string, limit = 30): Indexed[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const hits: { c: Indexed; r: number }[] = [];
  for (const c of cats) {
    const r = rank(c, q);
    if (r !== null) hits.push({ c, r });
  }
  return hits
    .sort(
      (a, b) =>
        a.r - b.r || a.c.kind.localeCompare(b.c.kind) * -1 || a.c.code.localeCompare(b.c.code),
    )
    .slice(0, limit)
    .map((h) => h.c);
}

/** Something near the supervisor with a category: a component (部件) or an open case. */
export type NearbyThing = {
  readonly kind: 'component' | 'event';
  readonly categoryCode: string;
  readonly distanceM: number;
};

/**
 * Categories suggested from what is near: each category once, the nearest first (a manhole
 * cover 5 m away before a lamp 40 m away), ties by how many such things are near.
 */
export function suggestCategories(
  near: readonly NearbyThing[],
  limit = 6,
): { kind: 'component' | 'event'; categoryCode: string; distanceM: number; count: number }[] {
  const by = new Map<
    string,
    { kind: 'component' | 'event'; categoryCode: string; distanceM: number; count: number }
  >();
  for (const t of near) {
    const key = `${t.kind}:${t.categoryCode}`;
    const seen = by.get(key);
    if (!seen) by.set(key, { ...t, count: 1 });
    else
      by.set(key, {
        ...seen,
        distanceM: Math.min(seen.distanceM, t.distanceM),
        count: seen.count + 1,
      });
  }
  return [...by.values()]
    .sort((a, b) => a.distanceM - b.distanceM || b.count - a.count)
    .slice(0, limit);
}
