import type { CaseQuery } from '../api/client.ts';

/**
 * Saved views of the case search (常用查询): a name and the search's query, kept per user in the
 * browser's localStorage under `gridloop.views.<userId>`. A view is only a filter set (no case
 * data), so it needs no table, route or migration; the cost is that views stay on the machine
 * where they were saved. Users who share a workstation each keep their own (the key holds the
 * user id).
 */
export type SavedView = { readonly name: string; readonly query: CaseQuery };

/** The part of window.localStorage used here (a Map-backed fake in tests). */
export type KeyValueStore = {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
};

export const MAX_VIEWS = 30;
export const MAX_NAME = 40;

const keyOf = (userId: string) => `gridloop.views.${userId}`;

/** The user's views, by name; anything unreadable in the store counts as none. */
export function loadViews(store: KeyValueStore, userId: string): SavedView[] {
  let raw: unknown;
  try {
    raw = JSON.parse(store.getItem(keyOf(userId)) ?? '[]');
  } catch {
    return [];
  }
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((v: unknown) => {
    if (typeof v !== 'object' || v === null) return [];
    const { name, query } = v as { name?: unknown; query?: unknown };
    if (typeof name !== 'string' || typeof query !== 'object' || query === null) return [];
    const q = Object.fromEntries(
      Object.entries(query).filter(([, x]) => typeof x === 'string' && x !== ''),
    ) as CaseQuery;
    return [{ name, query: q }];
  });
}

export type SaveResult = { ok: true; views: SavedView[] } | { ok: false; reason: 'name' | 'full' };

/**
 * Saves (or replaces, by name) a view. The name is trimmed and must be 1–40 characters; at most
 * 30 views per user. The cursor and page size are never kept (a view is a search, not a page).
 */
export function saveView(
  store: KeyValueStore,
  userId: string,
  name: string,
  query: CaseQuery,
): SaveResult {
  const n = name.trim();
  if (n.length === 0 || n.length > MAX_NAME) return { ok: false, reason: 'name' };
  const views = loadViews(store, userId);
  const others = views.filter((v) => v.name !== n);
  if (others.length >= MAX_VIEWS) return { ok: false, reason: 'full' };
  const kept = Object.fromEntries(
    Object.entries(query).filter(
      ([k, x]) => k !== 'cursor' && k !== 'pageSize' && x !== undefined && x !== null && x !== '',
    ),
  ) as CaseQuery;
  const next = [...others, { name: n, query: kept }].sort((a, b) =>
    a.name.localeCompare(b.name, 'zh-CN'),
  );
  store.setItem(keyOf(userId), JSON.stringify(next));
  return { ok: true, views: next };
}

export function deleteView(store: KeyValueStore, userId: string, name: string): SavedView[] {
  const next = loadViews(store, userId).filter((v) => v.name !== name);
  store.setItem(keyOf(userId), JSON.stringify(next));
  return next;
}
