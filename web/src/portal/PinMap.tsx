import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import type { FeatureCollection } from 'geojson';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef } from 'react';
import { api } from '../api/client.ts';

maplibregl.setWorkerUrl(workerUrl);

export type Pin = { lng: number; lat: number };

/**
 * The city's own grids (GET /api/v1/grids, public) on a plain background, no tile, glyph or font
 * server: a tap places the pin (WGS84, the layers' own coordinates). `goTo` moves the view and
 * the pin (the phone's position).
 */
export function PinMap({
  pin,
  onPin,
  goTo,
}: {
  pin: Pin | null;
  onPin: (p: Pin) => void;
  goTo: Pin | null;
}) {
  const el = useRef<HTMLDivElement>(null);
  const mapRef = useRef<maplibregl.Map | null>(null);
  const markerRef = useRef<maplibregl.Marker | null>(null);
  const onPinRef = useRef(onPin);
  onPinRef.current = onPin;
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
      dragRotate: false,
      pitchWithRotate: false,
    });
    mapRef.current = map;
    map.touchZoomRotate.disableRotation();
    map.on('click', (e) => onPinRef.current({ lng: e.lngLat.lng, lat: e.lngLat.lat }));
    map.on('load', () => {
      void api.GET('/api/v1/grids').then((g) => {
        if (!g.data || mapRef.current !== map) return;
        const fc = g.data as unknown as FeatureCollection;
        map.addSource('grids', { type: 'geojson', data: fc });
        map.addLayer({
          id: 'grid-fill',
          type: 'fill',
          source: 'grids',
          paint: { 'fill-color': '#4f8fd6', 'fill-opacity': 0.06 },
        });
        map.addLayer({
          id: 'grid-line',
          type: 'line',
          source: 'grids',
          paint: { 'line-color': '#2f6db3', 'line-width': 0.5 },
        });
        const b = new maplibregl.LngLatBounds();
        for (const f of fc.features)
          if (f.geometry.type === 'MultiPolygon')
            for (const poly of f.geometry.coordinates)
              for (const p of poly[0] ?? []) b.extend(p as [number, number]);
        if (!b.isEmpty() && !markerRef.current) map.fitBounds(b, { padding: 10, duration: 0 });
        el.current?.setAttribute('data-loaded', 'yes');
      });
    });
    return () => {
      markerRef.current?.remove();
      markerRef.current = null;
      map.remove();
      mapRef.current = null;
    };
  }, []);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !goTo) return;
    map.jumpTo({ center: [goTo.lng, goTo.lat], zoom: 16 });
  }, [goTo]);
  useEffect(() => {
    const map = mapRef.current;
    if (!map) return;
    if (!pin) {
      markerRef.current?.remove();
      markerRef.current = null;
      return;
    }
    if (!markerRef.current)
      markerRef.current = new maplibregl.Marker({ color: '#f5222d' })
        .setLngLat([pin.lng, pin.lat])
        .addTo(map);
    else markerRef.current.setLngLat([pin.lng, pin.lat]);
  }, [pin]);
  return (
    <div
      ref={el}
      id="portal-map"
      data-loaded="no"
      style={{ height: 240, borderRadius: 8, overflow: 'hidden', touchAction: 'none' }}
    />
  );
}
