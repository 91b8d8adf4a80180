import Flatbush from 'flatbush';
import { err, ok, type Result } from '../shared/index.ts';
import type { OutsideAllGrids } from './errors.ts';
import { nearestOnRings, type Nearest } from './nearest.ts';

/** GeoJSON (RFC 7946) MultiPolygon coordinates: polygons → rings (outer first, then holes) → [lng, lat]. */
export type Position = readonly number[];
export type MultiPolygonCoords = readonly (readonly (readonly Position[])[])[];

/** What the index needs of a grid; callers attach whatever else they want returned (names, codes). */
export type GridShape = { readonly code: string; readonly polygons: MultiPolygonCoords };

/** The grid record of the brief: a unit grid with its region codes and geometry. */
export type GridRecord = GridShape & {
  readonly name: string;
  readonly communityCode: string;
  readonly streetCode: string;
  readonly districtCode: string;
};

/**
 * An immutable in-memory locate index. Geometry is flattened into typed arrays:
 * grid g owns rings ringsOf[g] .. ringsOf[g+1]-1; ring r owns vertices ringStart[r] .. ringStart[r+1]-1
 * (closing vertex dropped), stored as x,y pairs in `coords`. A uniform cell table over the whole
 * extent lists, per cell, the grids whose bounding box touches it (filled through a flatbush tree,
 * which also answers nearest-grid queries), so a lookup allocates nothing.
 */
export type GridIndex<T extends GridShape> = {
  /** Grids in ascending code order (the slot order). */
  readonly grids: readonly T[];
  readonly tree: Flatbush | null;
  readonly bbox: Float64Array;
  readonly ringsOf: Int32Array;
  readonly ringStart: Int32Array;
  readonly coords: Float64Array;
  readonly cells: CellTable;
};

type CellTable = {
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;
  readonly nx: number;
  readonly ny: number;
  readonly invW: number;
  readonly invH: number;
  readonly start: Int32Array;
  readonly items: Int32Array;
};

// About this many cells per grid keeps 1–3 bounding-box candidates per cell for a tiling.
const CELLS_PER_GRID = 4;
const MAX_CELLS_PER_AXIS = 4096;
/**
 * A point whose distance to a grid's boundary is below this is on that boundary. It only matters
 * on the outer edge of the tiled area: inside it, the half-open rule already picks exactly one grid.
 */
export const TOUCH_TOLERANCE_M = 0.001;

function flatten(
  grids: readonly GridShape[],
): Pick<GridIndex<GridShape>, 'bbox' | 'ringsOf' | 'ringStart' | 'coords'> {
  let ringCount = 0;
  let vertexCount = 0;
  for (const g of grids)
    for (const poly of g.polygons)
      for (const ring of poly) {
        ringCount++;
        vertexCount += ring.length;
      }
  const bbox = new Float64Array(grids.length * 4);
  const ringsOf = new Int32Array(grids.length + 1);
  const ringStart = new Int32Array(ringCount + 1);
  const coords = new Float64Array(vertexCount * 2);
  let r = 0;
  let v = 0;
  grids.forEach((g, slot) => {
    ringsOf[slot] = r;
    let minX = Infinity,
      minY = Infinity,
      maxX = -Infinity,
      maxY = -Infinity;
    for (const poly of g.polygons)
      for (const ring of poly) {
        ringStart[r++] = v;
        const last = ring.length - 1;
        const closed =
          last > 0 && ring[0]?.[0] === ring[last]?.[0] && ring[0]?.[1] === ring[last]?.[1];
        const end = closed ? last : ring.length;
        for (let i = 0; i < end; i++) {
          const x = ring[i]?.[0] ?? Number.NaN;
          const y = ring[i]?.[1] ?? Number.NaN;
          coords[v * 2] = x;
          coords[v * 2 + 1] = y;
          v++;
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
        }
      }
    bbox.set([minX, minY, maxX, maxY], slot * 4);
  });
  ringsOf[grids.length] = r;
  ringStart[r] = v;
  return { bbox, ringsOf, ringStart, coords: coords.subarray(0, v * 2) };
}

function buildCells(tree: Flatbush | null, n: number): CellTable {
  if (tree === null) {
    const start = new Int32Array(2);
    return {
      minX: 0,
      minY: 0,
      maxX: -1,
      maxY: -1,
      nx: 1,
      ny: 1,
      invW: 0,
      invH: 0,
      start,
      items: new Int32Array(0),
    };
  }
  const { minX, minY, maxX, maxY } = tree;
  const w = Math.max(maxX - minX, 1e-12);
  const h = Math.max(maxY - minY, 1e-12);
  const side = Math.sqrt((w * h) / (n * CELLS_PER_GRID));
  const nx = Math.min(MAX_CELLS_PER_AXIS, Math.max(1, Math.ceil(w / side)));
  const ny = Math.min(MAX_CELLS_PER_AXIS, Math.max(1, Math.ceil(h / side)));
  const cw = w / nx;
  const ch = h / ny;
  // Cells are searched slightly enlarged so rounding in the cell arithmetic never loses a candidate.
  const padX = cw * 1e-6;
  const padY = ch * 1e-6;
  const start = new Int32Array(nx * ny + 1);
  const lists: number[][] = [];
  let total = 0;
  for (let cy = 0; cy < ny; cy++) {
    for (let cx = 0; cx < nx; cx++) {
      const x0 = minX + cx * cw;
      const y0 = minY + cy * ch;
      const found = tree.search(x0 - padX, y0 - padY, x0 + cw + padX, y0 + ch + padY);
      // Ascending slot = ascending code: if grids ever overlap, the lowest code wins.
      found.sort((a, b) => a - b);
      start[cy * nx + cx] = total;
      total += found.length;
      lists.push(found);
    }
  }
  start[nx * ny] = total;
  const items = new Int32Array(total);
  let k = 0;
  for (const list of lists) for (const g of list) items[k++] = g;
  return { minX, minY, maxX, maxY, nx, ny, invW: nx / w, invH: ny / h, start, items };
}

/** Builds the locate index over the grids (any order; slots are assigned in ascending code order). */
export function buildGridIndex<T extends GridShape>(input: readonly T[]): GridIndex<T> {
  const grids = [...input].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const flat = flatten(grids);
  let tree: Flatbush | null = null;
  if (grids.length > 0) {
    tree = new Flatbush(grids.length);
    for (let g = 0; g < grids.length; g++) {
      const b = g * 4;
      tree.add(
        flat.bbox[b] as number,
        flat.bbox[b + 1] as number,
        flat.bbox[b + 2],
        flat.bbox[b + 3],
      );
    }
    tree.finish();
  }
  return { grids, tree, ...flat, cells: buildCells(tree, grids.length) };
}

/**
 * Even-odd ray test over all rings of grid `g` (outer rings and holes alike), with the ray going east.
 * Half-open rule: a vertex exactly at the ray's latitude counts as below it, and a crossing counts
 * only when strictly east of the point. Each edge's crossing is computed from its lower endpoint, so
 * two grids sharing an edge compute the identical number. Together this assigns a point to the grid
 * that contains the point moved an infinitesimal step east (then north): on a shared edge the point
 * belongs to the grid east of it, or north of it when the edge runs east–west.
 */
function containsPoint(ix: GridIndex<GridShape>, g: number, x: number, y: number): boolean {
  const { ringsOf, ringStart, coords } = ix;
  let inside = false;
  const rEnd = ringsOf[g + 1] as number;
  for (let r = ringsOf[g] as number; r < rEnd; r++) {
    const s = (ringStart[r] as number) * 2;
    const e = (ringStart[r + 1] as number) * 2;
    if (e - s < 6) continue;
    let jx = coords[e - 2] as number;
    let jy = coords[e - 1] as number;
    for (let p = s; p < e; p += 2) {
      const px = coords[p] as number;
      const py = coords[p + 1] as number;
      if (py > y !== jy > y) {
        const xCross =
          py < jy
            ? px + ((y - py) * (jx - px)) / (jy - py)
            : jx + ((y - jy) * (px - jx)) / (py - jy);
        if (x < xCross) inside = !inside;
      }
      jx = px;
      jy = py;
    }
  }
  return inside;
}

/** Slot of the grid containing (lng, lat) under the half-open rule, or -1. Allocates nothing. */
export function findGridSlot(ix: GridIndex<GridShape>, x: number, y: number): number {
  const c = ix.cells;
  // Also rejects NaN.
  if (!(x >= c.minX && x <= c.maxX && y >= c.minY && y <= c.maxY)) return -1;
  let cx = ((x - c.minX) * c.invW) | 0;
  let cy = ((y - c.minY) * c.invH) | 0;
  if (cx >= c.nx) cx = c.nx - 1;
  if (cy >= c.ny) cy = c.ny - 1;
  const cell = cy * c.nx + cx;
  const end = c.start[cell + 1] as number;
  const bbox = ix.bbox;
  for (let k = c.start[cell] as number; k < end; k++) {
    const g = c.items[k] as number;
    const b = g * 4;
    if (x < (bbox[b] as number) || x > (bbox[b + 2] as number)) continue;
    if (y < (bbox[b + 1] as number) || y > (bbox[b + 3] as number)) continue;
    if (containsPoint(ix, g, x, y)) return g;
  }
  return -1;
}

/** The grid containing a WGS84 point (hot path: no allocation), or undefined. */
export function findGridAt<T extends GridShape>(
  ix: GridIndex<T>,
  lng: number,
  lat: number,
): T | undefined {
  const slot = findGridSlot(ix, lng, lat);
  return slot < 0 ? undefined : ix.grids[slot];
}

/** The grid whose boundary is nearest to a point, with the distance; null when the index is empty. */
export function nearestGrid<T extends GridShape>(
  ix: GridIndex<T>,
  lng: number,
  lat: number,
): { readonly grid: T; readonly nearest: Nearest } | null {
  const { tree } = ix;
  if (tree === null) return null;
  const first = tree.neighbors(lng, lat, 1)[0];
  if (first === undefined) return null;
  let bestSlot = first;
  let best = nearestOnRings(ix, first, lng, lat);
  // Any grid nearer than `best` has its bounding box within the best distance, in the same metric.
  const box = best.searchBox;
  for (const slot of tree.search(box[0], box[1], box[2], box[3])) {
    const n = nearestOnRings(ix, slot, lng, lat);
    if (n.planarM < best.planarM || (n.planarM === best.planarM && slot < bestSlot)) {
      best = n;
      bestSlot = slot;
    }
  }
  const grid = ix.grids[bestSlot];
  return grid === undefined ? null : { grid, nearest: best };
}

/**
 * Locates a WGS84 point: the grid containing it (half-open rule on shared edges; the outer edge of
 * the tiled area belongs to its grid), or `geo.outside_all_grids` with the nearest grid and distance.
 */
export function locateInIndex<T extends GridShape>(
  ix: GridIndex<T>,
  lng: number,
  lat: number,
): Result<T, OutsideAllGrids> {
  const found = findGridAt(ix, lng, lat);
  if (found !== undefined) return ok(found);
  const near = nearestGrid(ix, lng, lat);
  if (near !== null && near.nearest.planarM <= TOUCH_TOLERANCE_M) return ok(near.grid);
  return err({
    code: 'geo.outside_all_grids',
    details: {
      nearestGridCode: near?.grid.code ?? null,
      distanceM: near === null ? null : Math.round(near.nearest.distanceM * 100) / 100,
      point: { lng, lat },
    },
  });
}
