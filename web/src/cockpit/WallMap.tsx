import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { FeatureCollection, Point } from 'geojson';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import { TIMER_COLOURS } from '../lib/map-data.ts';
import { wallScale } from './model.ts';

maplibregl.setWorkerUrl(workerUrl);

/** Point size by stage (with a unit largest), times the wall scale. */
const radius = (s: number): maplibregl.ExpressionSpecification => [
  'match',
  ['get', 'stage'],
  'intake',
  3 * s,
  'handling',
  4.5 * s,
  'closing',
  3.5 * s,
  4 * s,
];

export type GridFeatures = FeatureCollection;

/**
 * The wall's map: the city's own grids shaded by how many cases they had this week (feature
 * state, no new layer), and the open cases as points coloured by their timer and sized by their
 * stage. One map for the life of the wall; new figures replace the sources' data in place.
 */
export function WallMap({
  cases,
  hot,
  onGrids,
}: {
  cases: FeatureCollection<Point> | null;
  hot: ReadonlyMap<string, number>;
  onGrids: (names: Map<string, string>) => void;
}) {
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const shaded = useRef<string[]>([]);
  const bounds = useRef<maplibregl.LngLatBounds | null>(null);
  const [ready, setReady] = useState(false);
  const onGridsRef = useRef(onGrids);
  onGridsRef.current = onGrids;
  useEffect(() => {
    if (!el.current) return;
    const map = new maplibregl.Map({
      container: el.current,
      style: {
        version: 8,
        sources: {},
        layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#0a1f3f' } }],
      },
      center: [102.83, 25.02],
      zoom: 9,
      attributionControl: false,
      interactive: false,
      fadeDuration: 0,
    });
    mapRef.current = map;
    (window as unknown as { __cockpitMap?: maplibregl.Map }).__cockpitMap = map;
    map.on('load', () => {
      void api.GET('/api/v1/grids').then((g) => {
        if (!g.data || mapRef.current !== map) return;
        const fc = g.data as unknown as FeatureCollection;
        const names = new Map<string, string>();
        for (const f of fc.features) {
          const p = f.properties as { code: string; name: string } | null;
          if (p) names.set(p.code, p.name);
        }
        onGridsRef.current(names);
        map.addSource('grids', { type: 'geojson', data: fc, promoteId: 'code' });
        map.addLayer({
          id: 'grid-fill',
          type: 'fill',
          source: 'grids',
          paint: {
            'fill-color': [
              'interpolate',
              ['linear'],
              ['coalesce', ['feature-state', 'hot'], 0],
              0,
              '#12305e',
              1,
              '#7a5a1e',
              5,
              '#d9822b',
              15,
              '#f5222d',
            ],
            'fill-opacity': 0.75,
          },
        });
        map.addLayer({
          id: 'grid-line',
          type: 'line',
          source: 'grids',
          paint: { 'line-color': '#2f6db3', 'line-width': 0.4 },
        });
        map.addSource('cases', {
          type: 'geojson',
          data: { type: 'FeatureCollection', features: [] },
        });
        map.addLayer({
          id: 'case-points',
          type: 'circle',
          source: 'cases',
          paint: {
            'circle-radius': radius(wallScale(innerWidth, innerHeight)),
            'circle-stroke-width': 0.8,
            'circle-stroke-color': '#06142b',
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
        });
        const b = new maplibregl.LngLatBounds();
        for (const f of fc.features)
          if (f.geometry.type === 'MultiPolygon')
            for (const poly of f.geometry.coordinates)
              for (const p of poly[0] ?? []) b.extend(p as [number, number]);
        if (!b.isEmpty()) {
          bounds.current = b;
          map.fitBounds(b, { padding: 16, duration: 0 });
        }
        setReady(true);
      });
    });
    // A new screen size (1080p → 4K): the whole city again, points sized for the distance.
    const ro = new ResizeObserver(() => {
      map.resize();
      if (bounds.current) map.fitBounds(bounds.current, { padding: 16, duration: 0 });
      if (map.getLayer('case-points'))
        map.setPaintProperty(
          'case-points',
          'circle-radius',
          radius(wallScale(innerWidth, innerHeight)),
        );
    });
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      map.remove();
      mapRef.current = null;
      delete (window as unknown as { __cockpitMap?: maplibregl.Map }).__cockpitMap;
    };
  }, []);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !cases) return;
    const source = map.getSource<maplibregl.GeoJSONSource>('cases');
    if (source) void source.setData(cases);
    map.once('idle', () => el.current?.setAttribute('data-ready', 'yes'));
  }, [cases, ready]);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    for (const code of shaded.current) map.removeFeatureState({ source: 'grids', id: code }, 'hot');
    shaded.current = [...hot.keys()];
    for (const [code, n] of hot) map.setFeatureState({ source: 'grids', id: code }, { hot: n });
  }, [hot, ready]);
  return <div ref={el} id="cockpit-map" style={{ width: '100%', height: '100%' }} />;
}
