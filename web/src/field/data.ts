import type { FeatureCollection } from 'geojson';
import { api, type Case, type Me } from '../api/client.ts';
import { CATEGORY_KEYWORDS } from './lib/pinyin-table.gen.ts';
import type { PickCategory } from './lib/category-search.ts';
import { kvGet, kvSet } from './lib/outbox-db.ts';

/**
 * What the field app reads from the API, each kept on the phone after a good answer so the app
 * opens, draws and reports with the network off (the copy is shown, marked as such).
 */
export type Loaded<T> = { readonly value: T; readonly fresh: boolean };

async function cached<T>(
  key: string,
  load: () => Promise<T | undefined>,
): Promise<Loaded<T> | null> {
  try {
    const value = await load();
    if (value !== undefined) {
      await kvSet(key, value);
      return { value, fresh: true };
    }
  } catch {
    // the network is down: fall back to the copy
  }
  const copy = await kvGet<T>(key);
  return copy === undefined ? null : { value: copy, fresh: false };
}

/** The signed-in supervisor; null when the server says the session is gone. */
export async function loadMe(): Promise<Loaded<Me> | null | 'signed_out'> {
  try {
    const r = await api.GET('/api/v1/auth/me');
    if (r.response.status === 401) return 'signed_out';
    if (r.data) {
      await kvSet('me', r.data);
      return { value: r.data, fresh: true };
    }
  } catch {
    // offline
  }
  const copy = await kvGet<Me>('me');
  return copy === undefined ? null : { value: copy, fresh: false };
}

export const forgetMe = (): Promise<unknown> => kvSet('me', undefined);

/** The catalogue with each category's plain words (for search by keyword and initials). */
export function loadCategories(district: string): Promise<Loaded<PickCategory[]> | null> {
  return cached('categories', async () => {
    const r = await api.GET('/api/v1/categories', { params: { query: { district } } });
    return r.data?.items.map((c) => ({
      kind: c.kind,
      code: c.code,
      nameZh: c.name.zh,
      nameEn: c.name.en ?? '',
      bigNameZh: c.bigName.zh,
      keywords: CATEGORY_KEYWORDS[`${c.kind}:${c.code}`] ?? [],
    }));
  });
}

/** The supervisor's grids: their district's (the region scope narrows what the map shows). */
export function loadGrids(district: string): Promise<Loaded<FeatureCollection> | null> {
  return cached('grids', async () => {
    const r = await api.GET('/api/v1/grids', { params: { query: { district } } });
    return r.data;
  });
}

// The API's own terminal states (the app shows what the API says; it computes no status).
const CLOSED = new Set<Case['status']>(['closed', 'evaluated', 'cancelled', 'merged', 'not_filed']);

/** Open cases of the supervisor's region (the newest 200), to draw near the grids. */
export function loadOpenCases(): Promise<Loaded<Case[]> | null> {
  return cached('open-cases', async () => {
    const r = await api.GET('/api/v1/cases', { params: { query: { pageSize: 200 } } });
    return r.data?.items.filter((c) => !CLOSED.has(c.status));
  });
}

/** The supervisor's queue: reports to verify (核实) and handled cases to re-check (核查). */
export function loadTasks(): Promise<Loaded<{ verify: Case[]; recheck: Case[] }> | null> {
  return cached('tasks', async () => {
    const [v, r] = await Promise.all([
      api.GET('/api/v1/cases', { params: { query: { queue: 'to_verify', pageSize: 100 } } }),
      api.GET('/api/v1/cases', { params: { query: { queue: 'to_recheck', pageSize: 100 } } }),
    ]);
    if (!v.data || !r.data) return undefined;
    return { verify: v.data.items, recheck: r.data.items };
  });
}

export type NearbyComponent = {
  readonly code: string;
  readonly categoryCode: string;
  readonly lng: number;
  readonly lat: number;
};

/** The grid the supervisor stands in and its components (部件), for suggestions and the map. */
export async function loadComponentsAround(
  lng: number,
  lat: number,
): Promise<{ grid: string; components: NearbyComponent[] } | null> {
  try {
    const at = await api.GET('/api/v1/locate', { params: { query: { lng, lat } } });
    const grid = at.data?.grid.code;
    if (!grid) return null;
    const r = await fetch(`/api/v1/components?grid=${grid}&format=geojson`, {
      credentials: 'same-origin',
    });
    if (!r.ok) return { grid, components: [] };
    const fc = (await r.json()) as FeatureCollection;
    const components = fc.features.flatMap((f) => {
      if (f.geometry.type !== 'Point') return [];
      const p = (f.properties ?? {}) as {
        code?: string;
        category_code?: string;
        categoryCode?: string;
      };
      const categoryCode = p.category_code ?? p.categoryCode;
      const [x, y] = f.geometry.coordinates;
      if (!categoryCode || x === undefined || y === undefined) return [];
      return [{ code: p.code ?? '', categoryCode, lng: x, lat: y }];
    });
    return { grid, components };
  } catch {
    return null;
  }
}
