import { describe, expect, it } from 'vitest';
import { parseBbox, parsePoint } from './index.ts';

describe('point input', () => {
  it.each([
    [
      { lng: '102.7', lat: '25.04' },
      { lng: 102.7, lat: 25.04, crs: 'wgs84' },
    ],
    [
      { lng: 102.7, lat: 25.04, crs: 'gcj02' },
      { lng: 102.7, lat: 25.04, crs: 'gcj02' },
    ],
    [
      { lng: '-180', lat: '-90', crs: 'bd09' },
      { lng: -180, lat: -90, crs: 'bd09' },
    ],
    [
      { lng: '180', lat: '90', crs: '' },
      { lng: 180, lat: 90, crs: 'wgs84' },
    ],
    [
      { lng: ' 1.5e2 ', lat: '.5' },
      { lng: 150, lat: 0.5, crs: 'wgs84' },
    ],
  ])('accepts %j', (input, point) => {
    expect(parsePoint(input)).toEqual({ ok: true, value: point });
  });

  it.each([
    [{ lat: '25' }, 'lng', 'missing'],
    [{ lng: '', lat: '25' }, 'lng', 'missing'],
    [{ lng: 'NaN', lat: '25' }, 'lng', 'not_a_number'],
    [{ lng: Number.NaN, lat: 25 }, 'lng', 'not_a_number'],
    [{ lng: 'abc', lat: '25' }, 'lng', 'not_a_number'],
    [{ lng: '0x10', lat: '25' }, 'lng', 'not_a_number'],
    [{ lng: '102,7', lat: '25' }, 'lng', 'not_a_number'],
    [{ lng: ['1', '2'], lat: '25' }, 'lng', 'not_a_number'],
    [{ lng: '1e400', lat: '25' }, 'lng', 'not_finite'],
    [{ lng: Number.POSITIVE_INFINITY, lat: 25 }, 'lng', 'not_finite'],
    [{ lng: '180.0001', lat: '25' }, 'lng', 'out_of_range'],
    [{ lng: '102', lat: '91' }, 'lat', 'out_of_range'],
    [{ lng: '102', lat: '-90.5' }, 'lat', 'out_of_range'],
    [{ lng: '102' }, 'lat', 'missing'],
  ])('refuses %j as geo.invalid_coordinates on %s (%s)', (input, field, reason) => {
    expect(parsePoint(input)).toMatchObject({
      ok: false,
      error: { code: 'geo.invalid_coordinates', details: { field, reason } },
    });
  });

  it.each(['WGS84', 'gcj-02', 'epsg:4326', 'baidu', 7])(
    'refuses crs %j as geo.invalid_crs',
    (crs) => {
      expect(parsePoint({ lng: 102, lat: 25, crs })).toEqual({
        ok: false,
        error: {
          code: 'geo.invalid_crs',
          details: { value: crs, allowed: ['wgs84', 'gcj02', 'bd09'] },
        },
      });
    },
  );

  it('reads a bounding box as minLng,minLat,maxLng,maxLat', () => {
    expect(parseBbox('102.6,24.9,102.8,25.1')).toEqual({
      ok: true,
      value: [102.6, 24.9, 102.8, 25.1],
    });
  });

  it.each(['102.6,24.9,102.8', '102.8,24.9,102.6,25.1', 'a,b,c,d', '0,0,0,1e400', '0,0,181,1', 7])(
    'refuses bounding box %j as geo.invalid_bbox',
    (value) => {
      expect(parseBbox(value)).toMatchObject({ ok: false, error: { code: 'geo.invalid_bbox' } });
    },
  );
});
