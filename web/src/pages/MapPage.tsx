import { Card, Checkbox, Space, Spin } from 'antd';
import * as maplibregl from 'maplibre-gl';
// The worker ships as its own file, which the bundle emits beside the page (served by us).
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { FeatureCollection } from 'geojson';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { casesToGeoJson, TIMER_COLOURS } from '../lib/map-data.ts';
import { useSession } from '../session.tsx';

/**
 * The city's own layers on MapLibre with no tile, glyph or font server: a plain background, the
 * unit grids from GET /api/v1/grids (GeoJSON) and the open cases coloured by their timer. Labels
 * are HTML popups, so no glyphs are needed.
 */
maplibregl.setWorkerUrl(workerUrl);

export function MapPage() {
  const { t } = useI18n();
  const s = useSession();
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [loading, setLoading] = useState(true);
  const [show, setShow] = useState({ grids: true, cases: true });
  useEffect(() => {
    if (!el.current) return;
    const map = new maplibregl.Map({
      container: el.current,
      style: {
        version: 8,
        sources: {},
        layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#f5f3ee' } }],
      },
      center: [102.83, 25.02],
      zoom: 9,
      attributionControl: false,
    });
    mapRef.current = map;
    (window as unknown as { __gridloopMap?: maplibregl.Map }).__gridloopMap = map;
    map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
    map.on('load', () => {
      const district = s.user.districtCode.endsWith('00') ? undefined : s.user.districtCode;
      void Promise.all([
        api.GET('/api/v1/grids', { params: { query: district ? { district } : {} } }),
        api.GET('/api/v1/cases', { params: { query: { pageSize: 200 } } }),
      ]).then(([g, c]) => {
        if (g.data) {
          map.addSource('grids', { type: 'geojson', data: g.data as unknown as FeatureCollection });
          map.addLayer({
            id: 'grid-fill',
            type: 'fill',
            source: 'grids',
            paint: { 'fill-color': '#4f8fd6', 'fill-opacity': 0.08 },
          });
          map.addLayer({
            id: 'grid-line',
            type: 'line',
            source: 'grids',
            paint: { 'line-color': '#2f6db3', 'line-width': 0.6 },
          });
          const b = new maplibregl.LngLatBounds();
          for (const f of (g.data as unknown as FeatureCollection).features)
            if (f.geometry.type === 'MultiPolygon')
              for (const poly of f.geometry.coordinates)
                for (const p of poly[0] ?? []) b.extend(p as [number, number]);
          if (!b.isEmpty()) map.fitBounds(b, { padding: 20, duration: 0 });
        }
        map.addSource('cases', { type: 'geojson', data: casesToGeoJson(c.data?.items ?? []) });
        map.addLayer({
          id: 'case-points',
          type: 'circle',
          source: 'cases',
          paint: {
            'circle-radius': 5,
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
        });
        map.on('click', 'case-points', (e: maplibregl.MapLayerMouseEvent) => {
          const f = e.features?.[0];
          if (!f) return;
          const p = f.properties as { id: string; caseNumber: string; status: string };
          const a = document.createElement('a');
          a.href = `#/cases/${p.id}`;
          a.textContent = `${p.caseNumber} · ${p.status}`;
          new maplibregl.Popup().setLngLat(e.lngLat).setDOMContent(a).addTo(map);
        });
        map.on('click', 'grid-fill', (e: maplibregl.MapLayerMouseEvent) => {
          if (map.queryRenderedFeatures(e.point, { layers: ['case-points'] }).length) return;
          const f = e.features?.[0];
          if (!f) return;
          const p = f.properties as { code: string; name: string };
          const d = document.createElement('div');
          d.textContent = `${p.name} ${p.code}`;
          new maplibregl.Popup().setLngLat(e.lngLat).setDOMContent(d).addTo(map);
        });
        // Ready once the layers are drawn (the browser test and the user see the same thing).
        map.once('idle', () => setLoading(false));
      });
    });
    return () => {
      map.remove();
      mapRef.current = null;
    };
  }, [s.user.districtCode]);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || loading) return;
    for (const id of ['grid-fill', 'grid-line'])
      map.setLayoutProperty(id, 'visibility', show.grids ? 'visible' : 'none');
    map.setLayoutProperty('case-points', 'visibility', show.cases ? 'visible' : 'none');
  }, [show, loading]);
  return (
    <Card
      title={t('map')}
      extra={
        <Space>
          {loading && <Spin size="small" />}
          <Checkbox
            checked={show.grids}
            onChange={(e) => setShow((v) => ({ ...v, grids: e.target.checked }))}
          >
            {t('grids')}
          </Checkbox>
          <Checkbox
            checked={show.cases}
            onChange={(e) => setShow((v) => ({ ...v, cases: e.target.checked }))}
          >
            {t('cases')}
          </Checkbox>
        </Space>
      }
      styles={{ body: { padding: 0 } }}
    >
      <div
        ref={el}
        id="map"
        data-loaded={loading ? 'no' : 'yes'}
        style={{ height: 'calc(100vh - 180px)' }}
      />
    </Card>
  );
}
