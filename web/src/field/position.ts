import { useEffect, useRef, useState } from 'react';
import { putTrackPoints } from './lib/outbox-db.ts';
import { distanceM } from './lib/bearing.ts';

/**
 * Where the phone is, from navigator.geolocation (the W3C API gives WGS84; a report sends it as
 * `crs: wgs84`, and the server converts GCJ-02 when a device gives that instead).
 */
export type Fix = {
  readonly lng: number;
  readonly lat: number;
  readonly accuracyM: number;
  readonly at: string;
};

/** A track point every 30 s, or sooner after 25 m of walking (enough to tell grids apart). */
const TRACK_EVERY_MS = 30_000;
const TRACK_EVERY_M = 25;

/**
 * The current position, watched while the app is open; while patrolling, each new position far
 * or long enough from the last is recorded in the phone's track (uploaded by sync.ts).
 */
export function usePosition(patrolling: boolean): { fix: Fix | null; error: string | null } {
  const [fix, setFix] = useState<Fix | null>(null);
  const [error, setError] = useState<string | null>(null);
  const last = useRef<Fix | null>(null);
  useEffect(() => {
    if (!('geolocation' in navigator)) {
      setError('no geolocation');
      return;
    }
    const id = navigator.geolocation.watchPosition(
      (p) => {
        const f: Fix = {
          lng: p.coords.longitude,
          lat: p.coords.latitude,
          accuracyM: p.coords.accuracy,
          at: new Date(p.timestamp).toISOString(),
        };
        setFix(f);
        setError(null);
        if (!patrolling) return;
        const prev = last.current;
        const due =
          prev === null ||
          Date.parse(f.at) - Date.parse(prev.at) >= TRACK_EVERY_MS ||
          distanceM(prev, f) >= TRACK_EVERY_M;
        if (!due) return;
        last.current = f;
        void putTrackPoints([{ recordedAt: f.at, lng: f.lng, lat: f.lat, accuracyM: f.accuracyM }]);
      },
      (e) => setError(e.message),
      { enableHighAccuracy: true, maximumAge: 10_000, timeout: 20_000 },
    );
    return () => navigator.geolocation.clearWatch(id);
  }, [patrolling]);
  return { fix, error };
}
