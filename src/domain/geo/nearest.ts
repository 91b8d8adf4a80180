/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;

/**
 * The nearest point of a grid's boundary to a query point. `planarM` is measured in a local
 * equirectangular projection centred on the query point (used to compare grids; exact enough at
 * city scale); `distanceM` is the great-circle (haversine) distance to that boundary point.
 */
export type Nearest = {
  readonly planarM: number;
  readonly distanceM: number;
  readonly lng: number;
  readonly lat: number;
  /** [minLng, minLat, maxLng, maxLat]: every point nearer than planarM lies inside this box. */
  readonly searchBox: readonly [number, number, number, number];
};

/** Flattened grid boundaries: grid g owns rings ringsOf[g]..ringsOf[g+1]-1, see GridIndex. */
export type FlatRings = {
  readonly ringsOf: Int32Array;
  readonly ringStart: Int32Array;
  readonly coords: Float64Array;
};

/** Great-circle distance between two WGS84 points on the mean-radius sphere, metres. */
export function haversineM(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLng = (lng2 - lng1) * RAD;
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Nearest point on the boundary (all rings) of grid slot `g` to (x, y). */
export function nearestOnRings(ix: FlatRings, g: number, x: number, y: number): Nearest {
  const { ringsOf, ringStart, coords } = ix;
  const ky = EARTH_RADIUS_M * RAD;
  const kx = Math.max(ky * Math.cos(y * RAD), 1e-9);
  let best = Infinity;
  let bestX = x;
  let bestY = y;
  const rEnd = ringsOf[g + 1] as number;
  for (let r = ringsOf[g] as number; r < rEnd; r++) {
    const s = (ringStart[r] as number) * 2;
    const e = (ringStart[r + 1] as number) * 2;
    if (e - s < 2) continue;
    let ax = coords[e - 2] as number;
    let ay = coords[e - 1] as number;
    for (let p = s; p < e; p += 2) {
      const bx = coords[p] as number;
      const by = coords[p + 1] as number;
      const ux = (ax - x) * kx;
      const uy = (ay - y) * ky;
      const vx = (bx - ax) * kx;
      const vy = (by - ay) * ky;
      const len2 = vx * vx + vy * vy;
      const t = len2 === 0 ? 0 : Math.min(1, Math.max(0, -(ux * vx + uy * vy) / len2));
      const dx = ux + t * vx;
      const dy = uy + t * vy;
      const d = Math.sqrt(dx * dx + dy * dy);
      if (d < best) {
        best = d;
        bestX = ax + t * (bx - ax);
        bestY = ay + t * (by - ay);
      }
      ax = bx;
      ay = by;
    }
  }
  const padLng = (best / kx) * (1 + 1e-9) + 1e-12;
  const padLat = (best / ky) * (1 + 1e-9) + 1e-12;
  return {
    planarM: best,
    distanceM: haversineM(x, y, bestX, bestY),
    lng: bestX,
    lat: bestY,
    searchBox: [x - padLng, y - padLat, x + padLng, y + padLat],
  };
}
