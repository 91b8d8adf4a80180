/**
 * Coordinate reference systems accepted at the edge. gridloop stores WGS84 (EPSG:4326); Chinese map
 * apps and phones report GCJ-02 (国测局坐标, "Mars coordinates"), Baidu maps report BD-09.
 * The formulas are the widely published public ones (as in eviltransform / coordtransform).
 */
export type Crs = 'wgs84' | 'gcj02' | 'bd09';
export const CRS_VALUES: readonly Crs[] = ['wgs84', 'gcj02', 'bd09'];

export type LngLat = { readonly lng: number; readonly lat: number };

// Krasovsky 1940 ellipsoid, as used by the GCJ-02 obfuscation.
const KRASOVSKY_A = 6378245.0;
const KRASOVSKY_EE = 0.006693421622965943;
const BD_X_PI = (Math.PI * 3000.0) / 180.0;
// Iterative inverses stop when the forward transform reproduces the input to this many degrees.
const INVERSE_TOLERANCE_DEG = 1e-9;
const INVERSE_MAX_STEPS = 30;

/** The GCJ-02 offset applies only inside this rough box around China; outside, GCJ-02 = WGS84. */
export function isInChina(lng: number, lat: number): boolean {
  return lng >= 72.004 && lng <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
}

function offsetLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r +=
    ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function offsetLng(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r +=
    ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

/** WGS84 → GCJ-02 (identity outside China). */
export function wgs84ToGcj02(lng: number, lat: number): LngLat {
  if (!isInChina(lng, lat)) return { lng, lat };
  const radLat = (lat / 180.0) * Math.PI;
  const s = Math.sin(radLat);
  const magic = 1 - KRASOVSKY_EE * s * s;
  const sqrtMagic = Math.sqrt(magic);
  const dLat =
    (offsetLat(lng - 105.0, lat - 35.0) * 180.0) /
    (((KRASOVSKY_A * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLng =
    (offsetLng(lng - 105.0, lat - 35.0) * 180.0) /
    ((KRASOVSKY_A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return { lng: lng + dLng, lat: lat + dLat };
}

/** GCJ-02 → BD-09. */
export function gcj02ToBd09(lng: number, lat: number): LngLat {
  const z = Math.sqrt(lng * lng + lat * lat) + 0.00002 * Math.sin(lat * BD_X_PI);
  const theta = Math.atan2(lat, lng) + 0.000003 * Math.cos(lng * BD_X_PI);
  return { lng: z * Math.cos(theta) + 0.0065, lat: z * Math.sin(theta) + 0.006 };
}

/**
 * Inverts a forward transform by fixed-point iteration: start from `start`, and move the guess by
 * the residual until forward(guess) reproduces the target.
 */
function invert(
  forward: (lng: number, lat: number) => LngLat,
  lng: number,
  lat: number,
  start: LngLat,
): LngLat {
  let gLng = start.lng;
  let gLat = start.lat;
  for (let step = 0; step < INVERSE_MAX_STEPS; step++) {
    const f = forward(gLng, gLat);
    const eLng = lng - f.lng;
    const eLat = lat - f.lat;
    gLng += eLng;
    gLat += eLat;
    if (Math.abs(eLng) < INVERSE_TOLERANCE_DEG && Math.abs(eLat) < INVERSE_TOLERANCE_DEG) break;
  }
  return { lng: gLng, lat: gLat };
}

/** GCJ-02 → WGS84 by iteration (error < 1e-7°; identity outside China). */
export function gcj02ToWgs84(lng: number, lat: number): LngLat {
  if (!isInChina(lng, lat)) return { lng, lat };
  return invert(wgs84ToGcj02, lng, lat, { lng, lat });
}

/** BD-09 → GCJ-02: the published closed form, refined by iteration to < 1e-7°. */
export function bd09ToGcj02(lng: number, lat: number): LngLat {
  const x = lng - 0.0065;
  const y = lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * BD_X_PI);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * BD_X_PI);
  const start = { lng: z * Math.cos(theta), lat: z * Math.sin(theta) };
  return invert(gcj02ToBd09, lng, lat, start);
}

/** WGS84 → BD-09 (through GCJ-02). */
export function wgs84ToBd09(lng: number, lat: number): LngLat {
  const g = wgs84ToGcj02(lng, lat);
  return gcj02ToBd09(g.lng, g.lat);
}

/** BD-09 → WGS84 (through GCJ-02). */
export function bd09ToWgs84(lng: number, lat: number): LngLat {
  const g = bd09ToGcj02(lng, lat);
  return gcj02ToWgs84(g.lng, g.lat);
}

/** Converts a coordinate in any accepted CRS to the stored WGS84. */
export function toWgs84(lng: number, lat: number, crs: Crs): LngLat {
  switch (crs) {
    case 'wgs84':
      return { lng, lat };
    case 'gcj02':
      return gcj02ToWgs84(lng, lat);
    case 'bd09':
      return bd09ToWgs84(lng, lat);
  }
}

/** Converts a stored WGS84 coordinate to the CRS a map client draws in. */
export function fromWgs84(lng: number, lat: number, crs: Crs): LngLat {
  switch (crs) {
    case 'wgs84':
      return { lng, lat };
    case 'gcj02':
      return wgs84ToGcj02(lng, lat);
    case 'bd09':
      return wgs84ToBd09(lng, lat);
  }
}
