import { Card, Checkbox, Space, Spin, Tag } from 'antd';
import * as maplibregl from 'maplibre-gl';
// The worker ships as its own file, which the bundle emits beside the page (served by us).
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { api } from '../api/client.ts';
import { STATUS_LABELS } from '../components/labels.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { TIMER_COLOURS } from '../lib/map-data.ts';
import {
  cityLayers,
  LAYER_IDS,
  MAP_LAYERS,
  plainStyle,
  type MapLayer,
  type MapSettings,
} from '../lib/map-style.ts';
import type { StringKey } from '../i18n/strings.ts';

/**
 * The city's own layers as vector tiles served by the platform (GET /api/v1/tiles/…, and the
 * caller's open cases from /api/v1/case-tiles/…): districts, streets, communities, the unit
 * grids, ~100,000 components and the cases coloured by their timer. No tile, glyph or font
 * server: labels are HTML popups. A basemap style is drawn under them only when the server is
 * configured with one (GRIDLOOP_MAP_STYLE_URL), in its coordinate system.
 */
maplibregl.setWorkerUrl(workerUrl);

const LABELS: Record<MapLayer, StringKey> = {
  districts: 'district',
  streets: 'street',
  communities: 'community',
  grids: 'grids',
  components: 'components',
  cases: 'cases',
};

export function MapPage() {
  const { t, pick } = useI18n();
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const [loading, setLoading] = useState(true);
  const [show, setShow] = useState<Record<MapLayer, boolean>>({
    districts: true,
    streets: true,
    communities: true,
    grids: true,
    components: true,
    cases: true,
  });
  useEffect(() => {
    if (!el.current) return;
    let map: maplibregl.Map | null = null;
    let gone = false;
    void (async () => {
      const settings: MapSettings | undefined = (await api.GET('/api/v1/map-settings')).data;
      if (gone || !settings || !el.current) return;
      const origin = window.location.origin;
      map = new maplibregl.Map({
        container: el.current,
        style: settings.styleUrl ?? plainStyle(settings, origin),
        ...(settings.bounds
          ? {
              bounds: settings.bounds as [number, number, number, number],
              fitBoundsOptions: { padding: 10 },
            }
          : { center: [0, 0] as [number, number], zoom: 1 }),
        attributionControl: false,
      });
      mapRef.current = map;
      (window as unknown as { __gridloopMap?: maplibregl.Map }).__gridloopMap = map;
      map.addControl(new maplibregl.NavigationControl({ showCompass: false }));
      const m = map;
      m.on('load', () => {
        if (settings.styleUrl) {
          // A basemap style: the city's layers go on top of its own.
          const city = cityLayers(settings, origin);
          for (const [id, s] of Object.entries(city.sources)) m.addSource(id, s);
          for (const l of city.layers) m.addLayer(l);
        }
        const popup = (e: maplibregl.MapLayerMouseEvent, node: HTMLElement) =>
          new maplibregl.Popup().setLngLat(e.lngLat).setDOMContent(node).addTo(m);
        m.on('click', 'cases-dot', (e: maplibregl.MapLayerMouseEvent) => {
          const p = e.features?.[0]?.properties as
            { id: string; no: string; status: keyof typeof STATUS_LABELS } | undefined;
          if (!p) return;
          const a = document.createElement('a');
          a.href = `#/cases/${p.id}`;
          a.textContent = `${p.no} · ${pick(STATUS_LABELS[p.status])}`;
          popup(e, a);
        });
        m.on('click', 'grids-fill', (e: maplibregl.MapLayerMouseEvent) => {
          if (m.queryRenderedFeatures(e.point, { layers: ['cases-dot'] }).length) return;
          const p = e.features?.[0]?.properties as { code: string; name: string } | undefined;
          if (!p) return;
          const d = document.createElement('div');
          d.textContent = `${p.name} ${p.code}`;
          popup(e, d);
        });
        for (const id of ['cases-dot', 'grids-fill']) {
          m.on('mouseenter', id, () => (m.getCanvas().style.cursor = 'pointer'));
          m.on('mouseleave', id, () => (m.getCanvas().style.cursor = ''));
        }
        // Ready once the tiles in view are drawn (the browser test and the user see the same).
        m.once('idle', () => setLoading(false));
      });
    })();
    return () => {
      gone = true;
      map?.remove();
      mapRef.current = null;
    };
  }, [pick]);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || loading) return;
    for (const layer of MAP_LAYERS)
      for (const id of LAYER_IDS[layer])
        map.setLayoutProperty(id, 'visibility', show[layer] ? 'visible' : 'none');
  }, [show, loading]);
  return (
    <Card
      title={t('map')}
      extra={
        <Space wrap>
          {loading && <Spin size="small" />}
          {MAP_LAYERS.map((layer) => (
            <Checkbox
              key={layer}
              id={`map-layer-${layer}`}
              checked={show[layer]}
              onChange={(e) => setShow((v) => ({ ...v, [layer]: e.target.checked }))}
            >
              {t(LABELS[layer])}
            </Checkbox>
          ))}
          <span>
            <Tag color={TIMER_COLOURS.on_time}>{t('onTime')}</Tag>
            <Tag color={TIMER_COLOURS.warning}>{t('warning')}</Tag>
            <Tag color={TIMER_COLOURS.overdue}>{t('overdue')}</Tag>
            <Tag color={TIMER_COLOURS.paused}>{t('paused')}</Tag>
          </span>
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
