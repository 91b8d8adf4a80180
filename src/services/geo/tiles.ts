import { scopeFilter, type Principal } from '../../domain/access/index.ts';
import { timerStateAt } from '../../domain/deadlines/index.ts';
import {
  encodeTile,
  fromWgs84,
  thinPoints,
  TILE_EXTENT,
  tileBox,
  type Crs,
  type MultiPolygonCoords,
  type Position,
  type TileAddress,
  type TileFeature,
} from '../../domain/geo/index.ts';
import { readSpatialRevision } from '../../store/grids.store.ts';
import {
  listCaseTileRows,
  listComponentTileRows,
  listGridTileRows,
  listRegionTileRows,
  readGridExtent,
  type TileBox,
} from '../../store/tiles.store.ts';
import type { Deps } from '../deps.ts';
import { runtimeKey } from '../runtime.ts';

/**
 * The map's vector tiles (矢量瓦片): the city's own layers, encoded in domain/geo, so the console
 * draws 100,000 components without loading them as one GeoJSON. Coordinates are WGS84 unless the
 * map asks for GCJ-02 (a basemap from a Chinese map provider is in GCJ-02).
 */

/** The console map's optional basemap style URL and the coordinate system of that basemap. */
export type MapSettings = Readonly<{ styleUrl: string | null; crs: 'wgs84' | 'gcj02' }>;
export const DEFAULT_MAP_SETTINGS: MapSettings = { styleUrl: null, crs: 'wgs84' };

export const BASE_TILE_LAYERS = [
  'districts',
  'streets',
  'communities',
  'grids',
  'components',
] as const;
export type BaseTileLayer = (typeof BASE_TILE_LAYERS)[number];

/** Half a pixel on a 512-pixel tile: points closer than that with the same colour are one dot. */
const POINT_CELL = TILE_EXTENT / 1024;
/** Components change by import only; their tiles are kept this long. */
const COMPONENT_TILE_TTL_MS = 60_000;
const CACHE_MAX = 4000;

type Cached = { readonly revision: number; readonly at: number; readonly bytes: Uint8Array };

const TILE_CACHE = runtimeKey('map tiles', () => new Map<string, Cached>());

/** The WGS84 box to read for a tile; a GCJ-02 tile reads a little more (the offset is < 1 km). */
function readBox(t: TileAddress, crs: Crs): TileBox {
  const b = tileBox(t);
  const pad = crs === 'wgs84' ? 0 : 0.01;
  return [b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad];
}

function projector(crs: Crs): (lng: number, lat: number) => Position {
  if (crs === 'wgs84') return (lng, lat) => [lng, lat];
  return (lng, lat) => {
    const p = fromWgs84(lng, lat, crs);
    return [p.lng, p.lat];
  };
}

function movePolygons(polygons: MultiPolygonCoords, crs: Crs): (readonly Position[])[][] {
  const to = projector(crs);
  return polygons.map((rings) =>
    rings.map((ring) => ring.map((p) => to(p[0] as number, p[1] as number))),
  );
}

/** Degrees of one extent unit at the tile's zoom: polygons are simplified to it. */
function tolerance(t: TileAddress): number {
  return 360 / 2 ** t.z / TILE_EXTENT;
}

const REGION_LEVEL = {
  districts: 'district',
  streets: 'street',
  communities: 'community',
} as const;

async function baseFeatures(
  deps: Deps,
  layer: BaseTileLayer,
  t: TileAddress,
  crs: Crs,
): Promise<TileFeature[]> {
  const box = readBox(t, crs);
  if (layer === 'components') {
    const to = projector(crs);
    const rows = await listComponentTileRows(deps.db, box);
    const points = rows.map((r): TileFeature & { kind: 'point' } => ({
      kind: 'point',
      at: to(r.lng, r.lat),
      props: {
        code: r.code,
        category: r.categoryCode,
        big: r.categoryCode.slice(0, 2),
        status: r.status,
      },
    }));
    return thinPoints(
      t,
      points,
      POINT_CELL,
      (f) => `${String(f.props.big)}${String(f.props.status)}`,
    );
  }
  const rows =
    layer === 'grids'
      ? await listGridTileRows(deps.db, box, tolerance(t))
      : await listRegionTileRows(deps.db, REGION_LEVEL[layer], box, tolerance(t));
  return rows.map((r) => ({
    kind: 'polygon',
    polygons: movePolygons(r.polygons, crs),
    props: { code: r.code, name: r.name },
  }));
}

export type EncodedTile = { readonly bytes: Uint8Array; readonly etag: string };

/**
 * One tile of a base layer (regions, grids, components). Kept in memory per instance: region and
 * grid tiles until the spatial revision changes, component tiles for a minute.
 */
export async function baseTile(
  deps: Deps,
  layer: BaseTileLayer,
  t: TileAddress,
  crs: Crs,
): Promise<EncodedTile> {
  const cache = deps.runtime.get(TILE_CACHE, deps);
  const revision = await readSpatialRevision(deps.db);
  const now = deps.clock.now().getTime();
  const key = `${layer}/${t.z}/${t.x}/${t.y}/${crs}`;
  const hit = cache.get(key);
  const fresh =
    hit !== undefined &&
    hit.revision === revision &&
    (layer !== 'components' || now - hit.at < COMPONENT_TILE_TTL_MS);
  let bytes: Uint8Array;
  if (fresh) bytes = hit.bytes;
  else {
    bytes = encodeTile(t, [{ name: layer, features: await baseFeatures(deps, layer, t, crs) }]);
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
    cache.set(key, { revision, at: now, bytes });
  }
  const stamp = layer === 'components' ? Math.floor((hit?.at ?? now) / COMPONENT_TILE_TTL_MS) : 0;
  return { bytes, etag: `"${layer}-${revision}-${stamp}-${bytes.length}"` };
}

/**
 * The open cases of one tile that the caller may see, coloured by their running step's timer
 * (正常 / 预警 / 超期 / 暂停) at the service clock.
 */
export async function caseTile(
  deps: Deps,
  principal: Principal,
  t: TileAddress,
  crs: Crs,
): Promise<Uint8Array> {
  const rows = await listCaseTileRows(deps.db, readBox(t, crs), scopeFilter(principal));
  const now = deps.clock.now().getTime();
  const to = projector(crs);
  const points = rows.map((r): TileFeature & { kind: 'point' } => ({
    kind: 'point',
    at: to(r.lng, r.lat),
    props: {
      id: r.id,
      no: r.caseNumber,
      status: r.status,
      urgency: r.urgency,
      timer:
        r.dueAtMs === null
          ? 'none'
          : timerStateAt(r.dueAtMs, r.warnAtMs ?? r.dueAtMs, r.paused, now),
    },
  }));
  const kept = thinPoints(t, points, POINT_CELL, (f) => String(f.props.timer));
  return encodeTile(t, [{ name: 'cases', features: kept }]);
}

/** The city's extent (every unit grid) in the map's coordinate system, for the first view. */
export async function cityExtent(deps: Deps, crs: Crs): Promise<TileBox | null> {
  const b = await readGridExtent(deps.db);
  if (b === null) return null;
  const to = projector(crs);
  const [w, s] = to(b[0], b[1]);
  const [e, n] = to(b[2], b[3]);
  return [w, s, e, n];
}
