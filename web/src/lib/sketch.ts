/**
 * Where two or more nearby points sit relative to each other, drawn without any map: metres east
 * and north of their middle (an equirectangular projection, exact enough over a few hundred
 * metres), scaled into a square of `size` pixels with a margin, y downwards as SVG draws.
 */
export type SketchPoint = { readonly lng: number; readonly lat: number };
export type Placed = { readonly x: number; readonly y: number };

const EARTH_M = 6_371_008.8;
const RAD = Math.PI / 180;

export function sketch(
  points: readonly SketchPoint[],
  size: number,
  margin = 16,
): { placed: Placed[]; metresPerPixel: number } {
  if (points.length === 0) return { placed: [], metresPerPixel: 1 };
  const lng0 = points.reduce((s, p) => s + p.lng, 0) / points.length;
  const lat0 = points.reduce((s, p) => s + p.lat, 0) / points.length;
  const m = points.map((p) => ({
    e: (p.lng - lng0) * RAD * EARTH_M * Math.cos(lat0 * RAD),
    n: (p.lat - lat0) * RAD * EARTH_M,
  }));
  // At least 20 m across, so two reports on the same spot do not fill the box.
  const half = Math.max(10, ...m.map((q) => Math.max(Math.abs(q.e), Math.abs(q.n))));
  const inner = size / 2 - margin;
  const scale = inner / half;
  return {
    placed: m.map((q) => ({ x: size / 2 + q.e * scale, y: size / 2 - q.n * scale })),
    metresPerPixel: 1 / scale,
  };
}
