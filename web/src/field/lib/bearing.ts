/** Directions to a task from where the supervisor stands: distance, bearing and a compass word. */

const R = 6_371_008.8;
const RAD = Math.PI / 180;

export type LngLat = { readonly lng: number; readonly lat: number };

/** Great-circle distance in metres. */
export function distanceM(a: LngLat, b: LngLat): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from a to b in degrees clockwise from north, 0 ≤ x < 360. */
export function bearingDeg(a: LngLat, b: LngLat): number {
  const φ1 = a.lat * RAD;
  const φ2 = b.lat * RAD;
  const Δλ = (b.lng - a.lng) * RAD;
  const y = Math.sin(Δλ) * Math.cos(φ2);
  const x = Math.cos(φ1) * Math.sin(φ2) - Math.sin(φ1) * Math.cos(φ2) * Math.cos(Δλ);
  const deg = Math.atan2(y, x) / RAD;
  return ((deg % 360) + 360) % 360;
}

const POINTS = [
  ['北', 'N'],
  ['东北', 'NE'],
  ['东', 'E'],
  ['东南', 'SE'],
  ['南', 'S'],
  ['西南', 'SW'],
  ['西', 'W'],
  ['西北', 'NW'],
] as const;

/** The nearest of the eight compass points: 10° → 北/N, 50° → 东北/NE, 350° → 北/N. */
export function compassPoint(deg: number): { zh: string; en: string } {
  const i = Math.round((((deg % 360) + 360) % 360) / 45) % 8;
  const [zh, en] = POINTS[i] ?? POINTS[0];
  return { zh, en };
}

/** "东北 320 m" / "NE 1.2 km": how far and which way, as a person reads it. */
export function directions(
  from: LngLat,
  to: LngLat,
): { zh: string; en: string; distanceM: number; bearingDeg: number } {
  const d = distanceM(from, to);
  const b = bearingDeg(from, to);
  const p = compassPoint(b);
  const far = d < 1000 ? `${Math.round(d)} m` : `${(d / 1000).toFixed(1)} km`;
  return { zh: `${p.zh} ${far}`, en: `${p.en} ${far}`, distanceM: d, bearingDeg: b };
}
