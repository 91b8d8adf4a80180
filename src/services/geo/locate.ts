import {
  buildGridIndex,
  locateInIndex,
  parsePoint,
  toWgs84,
  type Crs,
  type GridIndex,
  type GridShape,
  type InvalidCoordinates,
  type InvalidCrs,
  type LngLat,
  type OutsideAllGrids,
} from '../../domain/geo/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import {
  listGridsForIndex,
  readSpatialRevision,
  type GridForIndex,
} from '../../store/grids.store.ts';
import type { Deps } from '../deps.ts';
import { runtimeKey } from '../runtime.ts';

export type NamedCode = { readonly code: string; readonly name: string | null };

/** Where a point is: its unit grid and the community, street and district above it. */
export type GridLocation = {
  readonly grid: NamedCode;
  readonly community: NamedCode;
  readonly street: NamedCode;
  readonly district: NamedCode;
  /** The point in WGS84, after conversion from the input CRS. */
  readonly point: LngLat;
};

export type LocateInput = { readonly lng: number; readonly lat: number; readonly crs?: Crs };
export type LocateError = InvalidCoordinates | InvalidCrs | OutsideAllGrids;

/**
 * A copy of the service checks the database's spatial revision at most this often; a change made
 * by another copy is seen within this delay. An import through this copy calls invalidateGridIndex().
 */
export const REVISION_CHECK_INTERVAL_MS = 2000;

type Entry = GridShape & { readonly location: Omit<GridLocation, 'point'> };
type Built = {
  readonly index: GridIndex<Entry>;
  readonly revision: number;
  readonly checkedAtMs: number;
  readonly generation: number;
};
type Slot = {
  current: Built | null;
  pending: { generation: number; built: Promise<Built> } | null;
  /** Bumped by invalidateGridIndex(); an index built under an older generation is rebuilt. */
  generation: number;
};

// One index per service copy (its Runtime); another copy's changes arrive by spatial_revision.
const LOCATE_INDEX = runtimeKey<Slot>('geo.locate-index', () => ({
  current: null,
  pending: null,
  generation: 0,
}));

function toEntry(g: GridForIndex): Entry {
  return {
    code: g.code,
    polygons: g.polygons,
    location: {
      grid: { code: g.code, name: g.name },
      community: { code: g.communityCode, name: g.communityName },
      street: { code: g.streetCode, name: g.streetName },
      district: { code: g.districtCode, name: g.districtName },
    },
  };
}

async function refresh(deps: Deps, slot: Slot, gen: number, nowMs: number): Promise<Built> {
  // Read the revision before the grids: a change in between only causes one more rebuild later.
  const revision = await readSpatialRevision(deps.db);
  const cur = slot.current;
  if (cur !== null && cur.generation === gen && cur.revision === revision) {
    return { ...cur, checkedAtMs: nowMs };
  }
  const grids = await listGridsForIndex(deps.db);
  const index = buildGridIndex(grids.map(toEntry));
  deps.log.info({ grids: grids.length, revision }, 'grid locate index built');
  return { index, revision, checkedAtMs: nowMs, generation: gen };
}

async function currentIndex(deps: Deps): Promise<GridIndex<Entry>> {
  const slot = deps.runtime.get(LOCATE_INDEX, deps);
  const generation = slot.generation;
  const nowMs = deps.clock.now().getTime();
  const cur = slot.current;
  const age = cur === null ? Infinity : nowMs - cur.checkedAtMs;
  if (
    cur !== null &&
    cur.generation === generation &&
    age >= 0 &&
    age < REVISION_CHECK_INTERVAL_MS
  ) {
    return cur.index;
  }
  if (slot.pending === null || slot.pending.generation !== generation) {
    const s = slot;
    const gen = generation;
    const built = refresh(deps, s, gen, nowMs).then(
      (b) => {
        if (s.pending?.built === built) s.pending = null;
        if (s.current === null || s.current.generation <= b.generation) s.current = b;
        return b;
      },
      (e: unknown) => {
        if (s.pending?.built === built) s.pending = null;
        throw e;
      },
    );
    slot.pending = { generation: gen, built };
  }
  try {
    return (await slot.pending.built).index;
  } catch (e) {
    // The database is unreachable: keep locating with the last index rather than failing.
    if (cur === null) throw e;
    // Retry after the usual interval, not on every request.
    slot.current = { ...cur, checkedAtMs: nowMs };
    deps.log.warn({ err: String(e) }, 'spatial revision check failed; using the last grid index');
    return cur.index;
  }
}

/**
 * Builds (or refreshes) this copy's locate index now, e.g. at start so the first request is fast.
 * Returns the number of grids indexed and the spatial revision it reflects.
 */
export async function warmGridIndex(deps: Deps): Promise<{ grids: number; revision: number }> {
  const index = await currentIndex(deps);
  const slot = deps.runtime.get(LOCATE_INDEX, deps);
  return { grids: index.grids.length, revision: slot.current?.revision ?? 0 };
}

/**
 * Marks this copy's locate index stale; call after changing regions or grids through it (the
 * other copies see the change by the spatial revision, within REVISION_CHECK_INTERVAL_MS).
 */
export function invalidateGridIndex(deps: Deps): void {
  deps.runtime.get(LOCATE_INDEX, deps).generation++;
}

/**
 * Locates a point (WGS84, GCJ-02 or BD-09) in the unit grids from the in-process index:
 * grid, community, street and district with names, or `geo.outside_all_grids` with the nearest
 * grid and its distance. Bad numbers give `geo.invalid_coordinates` / `geo.invalid_crs`.
 */
export async function locatePoint(
  deps: Deps,
  input: LocateInput,
): Promise<Result<GridLocation, LocateError>> {
  const parsed = parsePoint(input);
  if (!parsed.ok) return parsed;
  const point = toWgs84(parsed.value.lng, parsed.value.lat, parsed.value.crs);
  const index = await currentIndex(deps);
  const found = locateInIndex(index, point.lng, point.lat);
  if (!found.ok) return err(found.error);
  return ok({ ...found.value.location, point });
}
