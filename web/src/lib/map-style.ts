import type { StyleSpecification } from 'maplibre-gl';
import type { paths } from '../api/schema.gen.ts';
import { TIMER_COLOURS } from './map-data.ts';

/** What GET /api/v1/map-settings answers: an optional basemap and where the tiles are. */
export type MapSettings =
  paths['/api/v1/map-settings']['get']['responses']['200']['content']['application/json'];

/** The layers the map page can switch on and off, in drawing order (bottom first). */
export const MAP_LAYERS = [
  'districts',
  'streets',
  'communities',
  'grids',
  'components',
  'cases',
] as const;
export type MapLayer = (typeof MAP_LAYERS)[number];

/** Component colours by big class (GB/T 30428: 01 public facilities, 02 roads, 03 utilities ...). */
export const COMPONENT_COLOURS: Record<string, string> = {
  '01': '#6a5acd',
  '02': '#8b5a2b',
  '03': '#2e8b57',
  '04': '#b8860b',
  '05': '#20b2aa',
  '06': '#c71585',
};

/** Absolute tile URL templates (MapLibre needs them absolute) for one layer. */
export function tileUrl(settings: MapSettings, layer: MapLayer, origin: string): string {
  const path =
    layer === 'cases' ? settings.tiles.cases : settings.tiles.base.replace('{layer}', layer);
  return `${origin}${path}`;
}

/** Which map layers (MapLibre layer ids) draw each of our layers. */
export const LAYER_IDS: Record<MapLayer, readonly string[]> = {
  districts: ['districts-line'],
  streets: ['streets-line'],
  communities: ['communities-line'],
  grids: ['grids-fill', 'grids-line'],
  components: ['components-dot'],
  cases: ['cases-dot'],
};

/**
 * The map style: the basemap's layers when a basemap style is set (its own sources), else a plain
 * background; over it the city's vector tiles. No glyphs or sprites: labels are popups.
 */
export function cityLayers(
  settings: MapSettings,
  origin: string,
): Pick<StyleSpecification, 'sources' | 'layers'> {
  const src = (layer: MapLayer, maxzoom: number) => ({
    type: 'vector' as const,
    tiles: [tileUrl(settings, layer, origin)],
    minzoom: 0,
    maxzoom,
  });
  const componentColour: unknown[] = ['match', ['get', 'big']];
  for (const [k, v] of Object.entries(COMPONENT_COLOURS)) componentColour.push(k, v);
  componentColour.push('#555');
  return {
    sources: {
      districts: src('districts', 14),
      streets: src('streets', 14),
      communities: src('communities', 15),
      grids: src('grids', 16),
      components: src('components', 16),
      cases: src('cases', 16),
    },
    layers: [
      {
        id: 'grids-fill',
        type: 'fill',
        source: 'grids',
        'source-layer': 'grids',
        paint: { 'fill-color': '#4f8fd6', 'fill-opacity': 0.06 },
      },
      {
        id: 'grids-line',
        type: 'line',
        source: 'grids',
        'source-layer': 'grids',
        paint: { 'line-color': '#2f6db3', 'line-width': 0.5, 'line-opacity': 0.7 },
      },
      {
        id: 'communities-line',
        type: 'line',
        source: 'communities',
        'source-layer': 'communities',
        paint: { 'line-color': '#7a7a7a', 'line-width': 1, 'line-dasharray': [3, 2] },
      },
      {
        id: 'streets-line',
        type: 'line',
        source: 'streets',
        'source-layer': 'streets',
        paint: { 'line-color': '#555', 'line-width': 1.5 },
      },
      {
        id: 'districts-line',
        type: 'line',
        source: 'districts',
        'source-layer': 'districts',
        paint: { 'line-color': '#222', 'line-width': 2.5 },
      },
      {
        id: 'components-dot',
        type: 'circle',
        source: 'components',
        'source-layer': 'components',
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 0.8, 14, 2, 17, 4],
          'circle-color': componentColour as never,
          'circle-opacity': 0.8,
        },
      },
      {
        id: 'cases-dot',
        type: 'circle',
        source: 'cases',
        'source-layer': 'cases',
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 2, 14, 4, 17, 7],
          'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 10, 0, 14, 1],
          'circle-stroke-color': '#fff',
          'circle-color': [
            'match',
            ['get', 'timer'],
            'on_time',
            TIMER_COLOURS.on_time,
            'warning',
            TIMER_COLOURS.warning,
            'overdue',
            TIMER_COLOURS.overdue,
            'paused',
            TIMER_COLOURS.paused,
            TIMER_COLOURS.none,
          ],
        },
      },
    ],
  };
}

/** The whole style with no basemap: a plain background under the city's layers. */
export function plainStyle(settings: MapSettings, origin: string): StyleSpecification {
  const city = cityLayers(settings, origin);
  return {
    version: 8,
    sources: city.sources,
    layers: [
      { id: 'bg', type: 'background', paint: { 'background-color': '#f5f3ee' } },
      ...city.layers,
    ],
  };
}

/** Counts of distinct features by a key property (the bench and the legend read them). */
export function countDistinct(
  features: readonly { properties: Record<string, unknown> | null }[],
  key: string,
): number {
  const seen = new Set<unknown>();
  for (const f of features) if (f.properties) seen.add(f.properties[key]);
  return seen.size;
}
