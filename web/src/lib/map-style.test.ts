import { describe, expect, it } from 'vitest';
import {
  countDistinct,
  LAYER_IDS,
  MAP_LAYERS,
  plainStyle,
  tileUrl,
  type MapSettings,
} from './map-style.ts';

const settings: MapSettings = {
  styleUrl: null,
  crs: 'gcj02',
  bounds: null,
  tiles: {
    base: '/api/v1/tiles/{layer}/{z}/{x}/{y}.mvt?crs=gcj02',
    cases: '/api/v1/case-tiles/{z}/{x}/{y}.mvt?crs=gcj02',
  },
};

describe('the map style', () => {
  it('asks every layer from the platform itself, in the basemap’s coordinates', () => {
    expect(tileUrl(settings, 'grids', 'http://h:1')).toBe(
      'http://h:1/api/v1/tiles/grids/{z}/{x}/{y}.mvt?crs=gcj02',
    );
    expect(tileUrl(settings, 'cases', 'http://h:1')).toBe(
      'http://h:1/api/v1/case-tiles/{z}/{x}/{y}.mvt?crs=gcj02',
    );
    const style = plainStyle(settings, 'http://h:1');
    const urls = Object.values(style.sources).flatMap((s) => ('tiles' in s ? (s.tiles ?? []) : []));
    expect(urls).toHaveLength(MAP_LAYERS.length);
    expect(urls.every((u) => u.startsWith('http://h:1/api/v1/'))).toBe(true);
    // No glyphs or sprites: nothing is fetched from a font or icon server.
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
  });

  it('has a drawing layer for every switch, each reading its own source', () => {
    const ids = plainStyle(settings, '').layers.map((l) => l.id);
    for (const layer of MAP_LAYERS)
      for (const id of LAYER_IDS[layer]) {
        expect(ids).toContain(id);
        const l = plainStyle(settings, '').layers.find((x) => x.id === id);
        expect(l && 'source' in l ? l.source : null).toBe(layer);
      }
    // Cases are drawn last, over everything.
    expect(ids.at(-1)).toBe('cases-dot');
  });

  it('counts distinct features across tiles (a feature cut by tile edges counts once)', () => {
    const f = (code: string) => ({ properties: { code } });
    expect(countDistinct([f('a'), f('b'), f('a'), { properties: null }], 'code')).toBe(2);
  });
});
