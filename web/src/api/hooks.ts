import { useCallback, useEffect, useRef, useState } from 'react';
import type { components } from './schema.gen.ts';
import { api, unwrap, type CaseActionInfo } from './client.ts';

let actionsOnce: Promise<CaseActionInfo[]> | null = null;

/** The declared workflow actions (fetched once per page load; they change only with a release). */
export function useCaseActions(): CaseActionInfo[] {
  const [items, setItems] = useState<CaseActionInfo[]>([]);
  useEffect(() => {
    actionsOnce ??= api.GET('/api/v1/case-actions').then((r) => unwrap(r).items);
    actionsOnce.then(setItems, () => {
      actionsOnce = null;
    });
  }, []);
  return items;
}

const unitNames = new Map<string, string>();
let unitsOnce: Promise<void> | null = null;

type UnitNode = components['schemas']['UnitNode'];

function collect(nodes: readonly UnitNode[]): void {
  for (const n of nodes) {
    if (n.active) unitNames.set(n.id, n.name.zh);
    collect(n.children);
  }
}

/** Every active unit in the user's scope (id, Chinese name), in tree order. */
export function unitList(): { id: string; name: string }[] {
  return [...unitNames].map(([id, name]) => ({ id, name }));
}

/** Unit id → Chinese name, from the unit tree in the user's scope. */
export function useUnitNames(): (id: string | null | undefined) => string {
  const [, bump] = useState(0);
  useEffect(() => {
    unitsOnce ??= api.GET('/api/v1/units').then((r) => {
      collect(unwrap(r).items);
    });
    unitsOnce.then(
      () => bump((n) => n + 1),
      () => {
        unitsOnce = null;
      },
    );
  }, []);
  return useCallback((id) => (id ? (unitNames.get(id) ?? id) : ''), []);
}

/** One change of the queues stream (GET /api/v1/streams/queues). */
export type QueueChange = {
  position: number;
  caseId: string;
  caseNumber: string;
  action: string;
  toStatus: string;
  queues: string[];
  left: string[];
  entered: string[];
  visible: boolean;
};

/**
 * Follows the live queue stream. EventSource sends the session cookie and resumes with
 * Last-Event-ID by itself after a drop; `reset` (too far behind) asks for a reload of the lists.
 */
export function useQueueStream(onChange: (c: QueueChange | 'reset') => void): boolean {
  const [live, setLive] = useState(false);
  const cb = useRef(onChange);
  cb.current = onChange;
  useEffect(() => {
    const es = new EventSource('/api/v1/streams/queues');
    es.onopen = () => setLive(true);
    es.onerror = () => setLive(false);
    es.addEventListener('queues', (e: MessageEvent<string>) => {
      cb.current(JSON.parse(e.data) as QueueChange);
    });
    es.addEventListener('reset', () => cb.current('reset'));
    return () => es.close();
  }, []);
  return live;
}

/** The clock for countdowns, ticking every `ms`. */
export function useNow(ms = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const h = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(h);
  }, [ms]);
  return now;
}
