import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('GRIDLOOP_MERGE_MAX_DISTANCE_M', () => {
  it('defaults to the domain’s 100 m', () => {
    expect(loadConfig({}).caseRules.mergeMaxDistanceM).toBe(100);
    expect(loadConfig({ GRIDLOOP_MERGE_MAX_DISTANCE_M: '' }).caseRules.mergeMaxDistanceM).toBe(100);
  });
  it('takes whole metres within 1..5000', () => {
    expect(loadConfig({ GRIDLOOP_MERGE_MAX_DISTANCE_M: '250' }).caseRules.mergeMaxDistanceM).toBe(
      250,
    );
  });
  it.each(['0', '5001', '-5', '12.5', '1e3', 'abc', 'Infinity', ' '])(
    'refuses %j and names the variable',
    (raw) => {
      expect(() => loadConfig({ GRIDLOOP_MERGE_MAX_DISTANCE_M: raw })).toThrow(
        /GRIDLOOP_MERGE_MAX_DISTANCE_M/,
      );
    },
  );
});

describe('the map basemap setting', () => {
  it('has no basemap and WGS84 by default', () => {
    expect(loadConfig({}).map).toEqual({ styleUrl: null, crs: 'wgs84' });
  });
  it('takes a style URL and GCJ-02', () => {
    const env = {
      GRIDLOOP_MAP_STYLE_URL: 'https://tiles.example.cn/style.json',
      GRIDLOOP_MAP_CRS: 'gcj02',
    };
    expect(loadConfig(env).map).toEqual({ styleUrl: env.GRIDLOOP_MAP_STYLE_URL, crs: 'gcj02' });
  });
  it('refuses an unknown system and a style that is not a URL', () => {
    expect(() => loadConfig({ GRIDLOOP_MAP_CRS: 'bd09' })).toThrow(/GRIDLOOP_MAP_CRS/);
    expect(() => loadConfig({ GRIDLOOP_MAP_STYLE_URL: 'javascript:alert(1)' })).toThrow(
      /GRIDLOOP_MAP_STYLE_URL/,
    );
  });
});
