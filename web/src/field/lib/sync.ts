import { allItems, deleteTrackPoints, putItem, trackPoints } from './outbox-db.ts';
import {
  afterAnswer,
  itemsToSend,
  reportBody,
  withPhotoUploaded,
  type Answer,
  type OutboxItem,
} from './queue.ts';

/** What one sync did: the items it settled (sent or refused) and whether the network held. */
export type SyncReport = { readonly settled: OutboxItem[]; readonly offline: boolean };

async function call(url: string, init: RequestInit): Promise<Answer> {
  try {
    const r = await fetch(url, { credentials: 'same-origin', ...init });
    const text = await r.text();
    let body: unknown = null;
    try {
      body = text === '' ? null : JSON.parse(text);
    } catch {
      body = null;
    }
    return { kind: 'answered', status: r.status, body };
  } catch (e) {
    return { kind: 'network', message: e instanceof Error ? e.message : String(e) };
  }
}

const ok = (a: Answer) => a.kind === 'answered' && a.status >= 200 && a.status < 300;

/**
 * Sends one item: its photos not yet uploaded (each id saved as soon as it is known), then the
 * report with its idempotency key. Every step is written to IndexedDB before the next, so a page
 * closed half-way resumes where it stopped and never opens a second case.
 */
async function sendItem(item: OutboxItem): Promise<{ item: OutboxItem; network: boolean }> {
  let current = item;
  for (const [i, p] of current.photos.entries()) {
    if (p.fileId !== null) continue;
    const form = new FormData();
    form.append('file', new File([p.blob], p.name, { type: p.type }));
    const a = await call('/api/v1/files', { method: 'POST', body: form });
    if (!ok(a)) {
      current = afterAnswer(current, a, new Date());
      await putItem(current);
      return { item: current, network: a.kind === 'network' };
    }
    const id = (a as { body: { id?: string } }).body.id ?? '';
    current = withPhotoUploaded(current, i, id);
    await putItem(current);
  }
  const body = reportBody(current);
  if (body === null) return { item: current, network: false };
  const a = await call('/api/v1/intake/reports', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': current.key },
    body: JSON.stringify(body),
  });
  current = afterAnswer(current, a, new Date());
  await putItem(current);
  return { item: current, network: a.kind === 'network' };
}

/**
 * Sends what waits in the outbox, oldest first, one sync at a time across the app's tabs (Web
 * Locks). Stops at the first network failure; what is left waits for the next `online` event or
 * the next start.
 */
export async function syncOutbox(): Promise<SyncReport> {
  const work = async (): Promise<SyncReport> => {
    const settled: OutboxItem[] = [];
    for (const item of itemsToSend(await allItems())) {
      const r = await sendItem(item);
      if (r.item.status !== 'waiting') settled.push(r.item);
      if (r.network) return { settled, offline: true };
    }
    return { settled, offline: false };
  };
  if ('locks' in navigator) return navigator.locks.request('gridloop-field-sync', work);
  return work();
}

/** Uploads the recorded patrol track in batches of 500; each batch is deleted once stored. */
export async function syncTrack(): Promise<number> {
  const points = await trackPoints();
  let sent = 0;
  for (let i = 0; i < points.length; i += 500) {
    const batch = points.slice(i, i + 500);
    const a = await call('/api/v1/patrol-tracks', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        points: batch.map((p) => ({
          recordedAt: p.recordedAt,
          lng: p.lng,
          lat: p.lat,
          crs: 'wgs84',
          ...(p.accuracyM !== null ? { accuracyM: Math.min(p.accuracyM, 100_000) } : {}),
        })),
      }),
    });
    // A 422 batch (a phone clock far off) would never pass: dropped rather than retried forever.
    if (a.kind === 'network' || a.status >= 500 || a.status === 401 || a.status === 429) break;
    await deleteTrackPoints(batch.map((p) => p.recordedAt));
    sent += batch.length;
  }
  return sent;
}
