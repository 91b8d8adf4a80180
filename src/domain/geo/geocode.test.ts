import { describe, expect, it } from 'vitest';
import {
  atLeast,
  buildGazetteer,
  geocode,
  normaliseAddress,
  type GazetteerRegion,
} from './geocode.ts';

const region = (code: string, name: string, lng: number): GazetteerRegion => ({
  code,
  level: code.length === 6 ? 'district' : code.length === 9 ? 'street' : 'community',
  name,
  point: { lng, lat: 25 },
});

// Two districts; 青年路 runs through a street of each; 翠湖社区 exists in both.
const REGIONS = [
  region('530102', '五华区', 102.7),
  region('530103', '盘龙区', 102.72),
  region('530102001', '华山街道', 102.701),
  region('530103002', '拓东街道', 102.721),
  region('530102001001', '翠湖社区', 102.7011),
  region('530103002003', '翠湖社区', 102.7211),
];
const house = (address: string, streetCode: string, lng: number) => ({
  address,
  streetCode,
  point: { lng, lat: 25.01 },
});
const GAZ = buildGazetteer(REGIONS, [
  house('五华区华山街道青年路10号', '530102001', 102.7101),
  house('五华区华山街道青年路30号', '530102001', 102.7103),
  house('盘龙区拓东街道青年路12号', '530103002', 102.7201),
  house('盘龙区拓东街道人民中路８号', '530103002', 102.7301),
]);

describe('geocoding an address against the base data', () => {
  it('finds a house number exactly when the street is named', () => {
    const [m, ...rest] = geocode(GAZ, '昆明市五华区华山街道青年路30号门口', null);
    expect(rest).toEqual([]);
    expect(m).toMatchObject({
      precision: 'address',
      streetCode: '530102001',
      label: '华山街道青年路30号',
    });
    expect(m?.point.lng).toBe(102.7103);
  });

  it('falls back to the nearest house on the road when the number is unknown', () => {
    const [m] = geocode(GAZ, '华山街道青年路28号', null);
    expect(m).toMatchObject({ precision: 'road', label: '华山街道青年路' });
    expect(m?.point.lng).toBe(102.7103);
  });

  it('offers every street a road runs through when no region narrows it (ambiguous)', () => {
    const ms = geocode(GAZ, '青年路12号', null);
    expect(ms.map((m) => [m.precision, m.streetCode])).toEqual([
      ['address', '530103002'],
      ['road', '530102001'],
    ]);
  });

  it("keeps to the caller's region", () => {
    const ms = geocode(GAZ, '青年路12号', '530102');
    expect(ms.map((m) => m.streetCode)).toEqual(['530102001']);
  });

  it('drops a community of the same name in a district the text did not name', () => {
    const ms = geocode(GAZ, '五华区翠湖社区垃圾桶满了', null);
    expect(ms.map((m) => [m.precision, m.districtCode])).toEqual([['community', '530102']]);
  });

  it('reads full-width digits and spaces as people type them', () => {
    expect(normaliseAddress('人民中路 ８ 号')).toBe('人民中路8号');
    const [m] = geocode(GAZ, '人民中路８号', null);
    expect(m).toMatchObject({ precision: 'address', label: '拓东街道人民中路8号' });
  });

  it('answers nothing for text that names no known place', () => {
    expect(geocode(GAZ, '楼下有只猫', null)).toEqual([]);
    expect(geocode(GAZ, '   ', null)).toEqual([]);
  });

  it('orders precisions finest first', () => {
    expect(atLeast('address', 'road')).toBe(true);
    expect(atLeast('community', 'road')).toBe(false);
  });
});
