import type { OutboxItem } from './queue.ts';

/**
 * The phone's own storage (IndexedDB `gridloop-field`): the outbox (reports and self-handles with
 * their photos as Blobs), the patrol track not yet uploaded, and the last copies of what the app
 * read (the user, the catalogue, grids, tasks) so it opens and reports with the network off.
 */
const DB_NAME = 'gridloop-field';
const VERSION = 1;

export type TrackPointRecord = {
  readonly recordedAt: string;
  readonly lng: number;
  readonly lat: number;
  readonly accuracyM: number | null;
};

let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, VERSION);
    req.onupgradeneeded = () => {
      const db = req.result;
      db.createObjectStore('outbox', { keyPath: 'key' });
      db.createObjectStore('track', { keyPath: 'recordedAt' });
      db.createObjectStore('kv');
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('indexedDB.open failed'));
  });
  return opening;
}

function run<T>(
  store: 'outbox' | 'track' | 'kv',
  mode: IDBTransactionMode,
  fn: (s: IDBObjectStore) => IDBRequest<T> | null,
): Promise<T | undefined> {
  return open().then(
    (db) =>
      new Promise<T | undefined>((resolve, reject) => {
        const tx = db.transaction(store, mode);
        const req = fn(tx.objectStore(store));
        // Resolved when the transaction is durable, not when the request returns.
        tx.oncomplete = () => resolve(req?.result);
        tx.onerror = () => reject(tx.error ?? new Error('indexedDB transaction failed'));
        tx.onabort = () => reject(tx.error ?? new Error('indexedDB transaction aborted'));
      }),
  );
}

export const putItem = (item: OutboxItem): Promise<unknown> =>
  run('outbox', 'readwrite', (s) => s.put(item));
export const allItems = async (): Promise<OutboxItem[]> =>
  ((await run('outbox', 'readonly', (s) => s.getAll())) as OutboxItem[] | undefined) ?? [];
export const getItem = async (key: string): Promise<OutboxItem | undefined> =>
  (await run('outbox', 'readonly', (s) => s.get(key))) as OutboxItem | undefined;

export const putTrackPoints = (points: readonly TrackPointRecord[]): Promise<unknown> =>
  open().then(
    (db) =>
      new Promise<void>((resolve, reject) => {
        const tx = db.transaction('track', 'readwrite');
        for (const p of points) tx.objectStore('track').put(p);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('track write failed'));
      }),
  );
export const trackPoints = async (): Promise<TrackPointRecord[]> =>
  ((await run('track', 'readonly', (s) => s.getAll())) as TrackPointRecord[] | undefined) ?? [];
export const deleteTrackPoints = (keys: readonly string[]): Promise<unknown> =>
  open().then(
    (db) =>
      new Promise<void>((resolve, reject) => {
        const tx = db.transaction('track', 'readwrite');
        for (const k of keys) tx.objectStore('track').delete(k);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('track delete failed'));
      }),
  );

export const kvGet = async <T>(key: string): Promise<T | undefined> =>
  (await run('kv', 'readonly', (s) => s.get(key))) as T | undefined;
export const kvSet = (key: string, value: unknown): Promise<unknown> =>
  run('kv', 'readwrite', (s) => s.put(value, key));
