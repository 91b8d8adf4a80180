import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { FeatureCollection } from 'geojson';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import type { Case } from '../api/client.ts';
import { casesToGeoJson, TIMER_COLOURS } from '../lib/map-data.ts';
import type { NearbyComponent } from './data.ts';
import type { Fix } from './position.ts';

maplibregl.setWorkerUrl(workerUrl);

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

function componentsGeoJson(cs: readonly NearbyComponent[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: cs.map((c) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [c.lng, c.lat] },
      properties: { code: c.code, categoryCode: c.categoryCode },
    })),
  };
}

/**
 * 巡查地图: the supervisor's grids, the components (部件) of the grid they stand in, the open
 * cases (coloured by timer) and their own position, on MapLibre with no tile, glyph or font
 * server. Loaded only when the map tab opens (the map library is the app's largest part).
 */
export default function PatrolMap(props: {
  grids: FeatureCollection | null;
  cases: readonly Case[];
  components: readonly NearbyComponent[];
  fix: Fix | null;
  focus: { lng: number; lat: number } | null;
}) {
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!el.current) return;
    const map = new maplibregl.Map({
      container: el.current,
      style: {
        version: 8,
        sources: {
          grids: { type: 'geojson', data: EMPTY },
          components: { type: 'geojson', data: EMPTY },
          cases: { type: 'geojson', data: EMPTY },
          me: { type: 'geojson', data: EMPTY },
        },
        layers: [
          { id: 'bg', type: 'background', paint: { 'background-color': '#f5f3ee' } },
          {
            id: 'grid-fill',
            type: 'fill',
            source: 'grids',
            paint: { 'fill-color': '#4f8fd6', 'fill-opacity': 0.08 },
          },
          {
            id: 'grid-line',
            type: 'line',
            source: 'grids',
            paint: { 'line-color': '#2f6db3', 'line-width': 0.6 },
          },
          {
            id: 'components',
            type: 'circle',
            source: 'components',
            paint: { 'circle-radius': 3, 'circle-color': '#6d4c41' },
          },
          {
            id: 'cases',
            type: 'circle',
            source: 'cases',
            paint: {
              'circle-radius': 6,
              'circle-stroke-width': 1,
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
          {
            id: 'me',
            type: 'circle',
            source: 'me',
            paint: {
              'circle-radius': 8,
              'circle-color': '#1f5fa8',
              'circle-stroke-width': 3,
              'circle-stroke-color': '#fff',
            },
          },
        ],
      },
      center: [102.83, 24.88],
      zoom: 12,
      attributionControl: false,
    });
    mapRef.current = map;
    map.on('load', () => setReady(true));
    map.on('click', 'cases', (e: maplibregl.MapLayerMouseEvent) => {
      const p = e.features?.[0]?.properties as { caseNumber?: string; status?: string } | undefined;
      if (!p) return;
      const d = document.createElement('div');
      d.textContent = `${p.caseNumber ?? ''} · ${p.status ?? ''}`;
      new maplibregl.Popup().setLngLat(e.lngLat).setDOMContent(d).addTo(map);
    });
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, []);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready) return;
    void (map.getSource('grids') as maplibregl.GeoJSONSource).setData(props.grids ?? EMPTY);
    void (map.getSource('cases') as maplibregl.GeoJSONSource).setData(casesToGeoJson(props.cases));
    void (map.getSource('components') as maplibregl.GeoJSONSource).setData(
      componentsGeoJson(props.components),
    );
  }, [ready, props.grids, props.cases, props.components]);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !ready || !props.fix) return;
    void (map.getSource('me') as maplibregl.GeoJSONSource).setData({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [props.fix.lng, props.fix.lat] },
          properties: {},
        },
      ],
    });
  }, [ready, props.fix]);
  const centred = useRef(false);
  useEffect(() => {
    const map = mapRef.current;
    const at = props.focus ?? props.fix;
    if (!map || !ready || !at) return;
    if (!props.focus && centred.current) return;
    centred.current = true;
    map.jumpTo({ center: [at.lng, at.lat], zoom: 15 });
  }, [ready, props.focus, props.fix]);
  return <div ref={el} className="f-map" id="field-map" data-loaded={ready ? 'yes' : 'no'} />;
}
