import type { FeatureCollection, Point } from 'geojson';
import type { Case } from '../api/client.ts';

/** Case points coloured by the running step's timer (the API's state, never recomputed here). */
export const TIMER_COLOURS = {
  on_time: '#52c41a',
  warning: '#fa8c16',
  overdue: '#f5222d',
  paused: '#8c8c8c',
  none: '#1677ff',
} as const;

export function casesToGeoJson(cases: readonly Case[]): FeatureCollection<Point> {
  return {
    type: 'FeatureCollection',
    features: cases.map((c) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [c.location.lng, c.location.lat] },
      properties: {
        id: c.id,
        caseNumber: c.caseNumber,
        status: c.statusLabel.zh,
        timer: c.timer?.state ?? 'none',
      },
    })),
  };
}
