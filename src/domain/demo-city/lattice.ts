import type { LinearRing, MultiPolygonGeometry, Position } from '../base-data/index.ts';
import { hashUnit, type Rng } from './random.ts';

/**
 * The demo city is drawn on a lattice of jittered vertices. Every region and grid is a rectangle of
 * lattice cells whose ring runs through every lattice vertex on its perimeter, so neighbours share
 * exactly the same vertices: children tile their parent with no gaps or overlaps, and a parent's
 * ring is exactly the union of its children.
 */
export type Lattice = {
  readonly cols: number;
  readonly rows: number;
  readonly west: number;
  readonly south: number;
  readonly dLng: number;
  readonly dLat: number;
  readonly seed: number;
};

/** Cells [x0, x1) × [y0, y1); y grows northwards. */
export type CellRect = {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
};

// ≤ 0.2 of a cell keeps every jittered cell a convex quadrilateral.
const JITTER = 0.18;
const round7 = (v: number): number => Math.round(v * 1e7) / 1e7;

/** The jittered, rounded position of lattice vertex (i, j). */
export function vertex(l: Lattice, i: number, j: number): Position {
  const jx = (hashUnit(l.seed, i, j, 1) - 0.5) * 2 * JITTER;
  const jy = (hashUnit(l.seed, i, j, 2) - 0.5) * 2 * JITTER;
  return [round7(l.west + (i + jx) * l.dLng), round7(l.south + (j + jy) * l.dLat)];
}

export const rectCells = (r: CellRect): number => (r.x1 - r.x0) * (r.y1 - r.y0);

/** Counter-clockwise closed ring through every lattice vertex on the rectangle's perimeter. */
export function rectRing(l: Lattice, r: CellRect): LinearRing {
  const ring: Position[] = [];
  for (let i = r.x0; i < r.x1; i++) ring.push(vertex(l, i, r.y0));
  for (let j = r.y0; j < r.y1; j++) ring.push(vertex(l, r.x1, j));
  for (let i = r.x1; i > r.x0; i--) ring.push(vertex(l, i, r.y1));
  for (let j = r.y1; j > r.y0; j--) ring.push(vertex(l, r.x0, j));
  ring.push(vertex(l, r.x0, r.y0));
  return ring;
}

export function rectGeometry(l: Lattice, r: CellRect): MultiPolygonGeometry {
  return { type: 'MultiPolygon', coordinates: [[rectRing(l, r)]] };
}

/** A point inside cell (i, j) by bilinear interpolation; u, v in (0, 1) keep it strictly inside. */
export function pointInCell(l: Lattice, i: number, j: number, u: number, v: number): Position {
  const [ax, ay] = vertex(l, i, j);
  const [bx, by] = vertex(l, i + 1, j);
  const [cx, cy] = vertex(l, i + 1, j + 1);
  const [dx, dy] = vertex(l, i, j + 1);
  const x = (1 - v) * ((1 - u) * ax + u * bx) + v * ((1 - u) * dx + u * cx);
  const y = (1 - v) * ((1 - u) * ay + u * by) + v * ((1 - u) * dy + u * cy);
  return [round7(x), round7(y)];
}

/**
 * Splits a rectangle into exactly k rectangles (k ≤ its cell count) by cutting the longer side
 * near the middle and sharing k out in proportion, always leaving each side enough cells.
 */
export function splitRect(r: CellRect, k: number, rng: Rng): CellRect[] {
  const w = r.x1 - r.x0;
  const h = r.y1 - r.y0;
  if (k <= 1) return [r];
  if (k > w * h) throw new Error(`cannot split ${w}x${h} cells into ${k}`);
  const alongX = w >= h;
  const len = alongX ? w : h;
  const across = alongX ? h : w;
  const p = Math.min(len - 1, Math.max(1, Math.round(len * (0.4 + 0.2 * rng.next()))));
  const k1 = Math.min(
    k - 1,
    p * across,
    Math.max(1, k - (len - p) * across, Math.round((k * p) / len)),
  );
  const [a, b]: [CellRect, CellRect] = alongX
    ? [
        { ...r, x1: r.x0 + p },
        { ...r, x0: r.x0 + p },
      ]
    : [
        { ...r, y1: r.y0 + p },
        { ...r, y0: r.y0 + p },
      ];
  return [...splitRect(a, k1, rng), ...splitRect(b, k - k1, rng)];
}

/**
 * Shares `total` among items in proportion to their weights, each getting at least 1 and at most
 * its cap (largest remainder). Requires items ≤ total ≤ sum of caps.
 */
export function allocate(
  total: number,
  weights: readonly number[],
  caps: readonly number[],
): number[] {
  const n = weights.length;
  const capSum = caps.reduce((s, c) => s + c, 0);
  if (n > total || total > capSum)
    throw new Error(`cannot share ${total} among ${n} (cap ${capSum})`);
  const wSum = weights.reduce((s, w) => s + w, 0);
  const ideal = weights.map((w) => (total * w) / wSum);
  const out = ideal.map((v, i) => Math.min(caps[i] ?? 1, Math.max(1, Math.floor(v))));
  let left = total - out.reduce((s, v) => s + v, 0);
  const order = ideal.map((_, i) => i);
  while (left !== 0) {
    const step = left > 0 ? 1 : -1;
    // Most under-served first when adding, most over-served first when taking away.
    order.sort(
      (a, b) =>
        step * ((ideal[b] ?? 0) - (out[b] ?? 0) - ((ideal[a] ?? 0) - (out[a] ?? 0))) || a - b,
    );
    for (const i of order) {
      if (left === 0) break;
      const v = out[i] ?? 0;
      if (step > 0 ? v < (caps[i] ?? 0) : v > 1) {
        out[i] = v + step;
        left -= step;
      }
    }
  }
  return out;
}
