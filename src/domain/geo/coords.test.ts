import { describe, expect, it } from 'vitest';
import { bd09ToGcj02, gcj02ToBd09, isInChina, wgs84ToGcj02 } from './coords.ts';
import { CRS_VALUES, fromWgs84, toWgs84 } from './index.ts';

describe('coordinate systems', () => {
  // Reference values published with the coordtransform library for (116.404, 39.915).
  it.each([
    ['WGS84 → GCJ-02', wgs84ToGcj02, 116.41024449916938, 39.91640428150164],
    ['GCJ-02 → BD-09', gcj02ToBd09, 116.41036949371029, 39.92133699351021],
  ])('converts %s like the public formulas', (_name, f, lng, lat) => {
    const p = f(116.404, 39.915);
    expect(p.lng).toBeCloseTo(lng, 9);
    expect(p.lat).toBeCloseTo(lat, 9);
  });

  it('inverts BD-09 → GCJ-02 closer than the published closed form', () => {
    const bd = gcj02ToBd09(116.404, 39.915);
    const back = bd09ToGcj02(bd.lng, bd.lat);
    expect(Math.abs(back.lng - 116.404)).toBeLessThan(1e-7);
    expect(Math.abs(back.lat - 39.915)).toBeLessThan(1e-7);
  });

  const places = [
    ['Kunming Dianchi shore', 102.7123, 24.9876],
    ['Beijing Tiananmen', 116.3975, 39.9087],
    ['Shanghai Bund', 121.4903, 31.2397],
    ['Urumqi', 87.6168, 43.8256],
    ['Harbin', 126.535, 45.8038],
    ['Sanya', 109.5119, 18.2528],
  ] as const;

  it.each(
    places.flatMap(([name, lng, lat]) => CRS_VALUES.map((crs) => [name, crs, lng, lat] as const)),
  )('round-trips %s through %s to within 1e-7 degrees', (_name, crs, lng, lat) => {
    const there = fromWgs84(lng, lat, crs);
    const back = toWgs84(there.lng, there.lat, crs);
    expect(Math.abs(back.lng - lng)).toBeLessThan(1e-7);
    expect(Math.abs(back.lat - lat)).toBeLessThan(1e-7);
  });

  it('moves a Kunming GCJ-02 point by a few hundred metres, as map apps do', () => {
    const g = fromWgs84(102.7123, 24.9876, 'gcj02');
    const dLngM = (g.lng - 102.7123) * 111_195 * Math.cos((24.9876 * Math.PI) / 180);
    const dLatM = (g.lat - 24.9876) * 111_195;
    expect(Math.hypot(dLngM, dLatM)).toBeGreaterThan(100);
    expect(Math.hypot(dLngM, dLatM)).toBeLessThan(1000);
  });

  it.each([
    ['London', -0.1276, 51.5072],
    ['Null Island', 0, 0],
    ['Sydney', 151.2093, -33.8688],
  ])('leaves GCJ-02 equal to WGS84 outside China (%s)', (_name, lng, lat) => {
    expect(isInChina(lng, lat)).toBe(false);
    expect(toWgs84(lng, lat, 'gcj02')).toEqual({ lng, lat });
  });
});
