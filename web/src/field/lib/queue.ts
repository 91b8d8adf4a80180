/**
 * The field app's outbox (离线待发): every report and self-handle is kept on the phone from the
 * moment it is made, with the idempotency key it was made with, until the server has answered it
 * for good: sent (a case number) or refused (the server's reason in zh/en). A network failure,
 * a server fault or a lapsed session leave it waiting for the next sync. Pure functions over
 * plain records; IndexedDB and fetch live in outbox-db.ts and sync.ts.
 */

export type Bilingual = { readonly zh: string; readonly en: string };

export type PhotoRole = 'before' | 'after';

/** A photo kept on the phone (the Blob lives beside the item in IndexedDB). */
export type QueuedPhoto = {
  readonly role: PhotoRole;
  readonly name: string;
  readonly type: string;
  readonly blob: Blob;
  /** The id the server gave it once uploaded (kept, so a retry never uploads it again). */
  readonly fileId: string | null;
};

/** The report as the phone made it (the body of POST /intake/reports without photo ids). */
export type ReportDraft = {
  readonly kind: 'component' | 'event';
  readonly categoryCode: string;
  readonly urgency: 'urgent' | 'pressing' | 'normal';
  readonly location: {
    readonly lng: number;
    readonly lat: number;
    readonly crs: 'wgs84' | 'gcj02';
  };
  readonly address?: string;
  readonly description: string;
  /** 自行处置: fixed on the spot; the note goes with the before and after photos. */
  readonly selfHandleNote?: string;
};

export type OutboxStatus = 'waiting' | 'sent' | 'refused';

export type OutboxItem = {
  /** The Idempotency-Key, made with the item: the same key on every attempt. */
  readonly key: string;
  readonly createdAt: string;
  readonly draft: ReportDraft;
  readonly photos: readonly QueuedPhoto[];
  readonly status: OutboxStatus;
  readonly attempts: number;
  /** Why the last attempt did not finish (waiting) or why the server refused (refused). */
  readonly reason: Bilingual | null;
  readonly refusalCode: string | null;
  readonly caseNumber: string | null;
  readonly sentAt: string | null;
};

/** A new item, waiting, with the key made now. */
export function newOutboxItem(
  key: string,
  draft: ReportDraft,
  photos: readonly Omit<QueuedPhoto, 'fileId'>[],
  now: Date,
): OutboxItem {
  return {
    key,
    createdAt: now.toISOString(),
    draft,
    photos: photos.map((p) => ({ ...p, fileId: null })),
    status: 'waiting',
    attempts: 0,
    reason: null,
    refusalCode: null,
    caseNumber: null,
    sentAt: null,
  };
}

/** The items to send, oldest first (a sync sends them in the order they were made). */
export function itemsToSend(items: readonly OutboxItem[]): OutboxItem[] {
  return items
    .filter((i) => i.status === 'waiting')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.key.localeCompare(b.key));
}

/** The item with one photo's server id recorded. */
export function withPhotoUploaded(item: OutboxItem, index: number, fileId: string): OutboxItem {
  return { ...item, photos: item.photos.map((p, i) => (i === index ? { ...p, fileId } : p)) };
}

/**
 * The body of POST /api/v1/intake/reports, once every photo has its id. The same item always
 * gives the same body, so a retry with its key is answered with the case it opened (never 409).
 */
export function reportBody(item: OutboxItem): Record<string, unknown> | null {
  if (item.photos.some((p) => p.fileId === null)) return null;
  const ids = (role: PhotoRole) =>
    item.photos.filter((p) => p.role === role).map((p) => p.fileId as string);
  const d = item.draft;
  const body: Record<string, unknown> = {
    source: 'supervisor',
    kind: d.kind,
    categoryCode: d.categoryCode,
    urgency: d.urgency,
    location: d.location,
    description: d.description,
    ...(d.address ? { address: d.address } : {}),
  };
  // A self-handle carries its photos in selfHandle (the case gets before and after from there).
  if (d.selfHandleNote === undefined && ids('before').length > 0) body.photoIds = ids('before');
  if (d.selfHandleNote !== undefined)
    body.selfHandle = {
      note: d.selfHandleNote,
      beforePhotoIds: ids('before'),
      afterPhotoIds: ids('after'),
    };
  return body;
}

/** How an attempt ended, as sync.ts saw it. */
export type Answer =
  | { readonly kind: 'answered'; readonly status: number; readonly body: unknown }
  | { readonly kind: 'network'; readonly message: string };

const OFFLINE: Bilingual = { zh: '网络不可用，稍后自动重发', en: 'No network: will retry' };

/**
 * The item after an attempt. 2xx: sent (the case number; a replay of an earlier attempt is sent
 * too, never a second case). 401: still waiting (sign in again). 408, 429 and 5xx: the server
 * could not take it now, waiting. Any other 4xx: refused for good, with the server's reason.
 */
export function afterAnswer(item: OutboxItem, a: Answer, now: Date): OutboxItem {
  const attempts = item.attempts + 1;
  if (a.kind === 'network') return { ...item, attempts, reason: OFFLINE };
  const b = (a.body ?? {}) as {
    case?: { caseNumber?: string };
    code?: string;
    message?: Partial<Bilingual>;
  };
  if (a.status >= 200 && a.status < 300)
    return {
      ...item,
      attempts,
      status: 'sent',
      reason: null,
      caseNumber: b.case?.caseNumber ?? null,
      sentAt: now.toISOString(),
    };
  const reason: Bilingual = {
    zh: b.message?.zh ?? `HTTP ${a.status}`,
    en: b.message?.en ?? `HTTP ${a.status}`,
  };
  if (a.status === 401 || a.status === 408 || a.status === 429 || a.status >= 500)
    return { ...item, attempts, reason };
  return {
    ...item,
    attempts,
    status: 'refused',
    reason,
    refusalCode: b.code ?? `http.${a.status}`,
  };
}

/** Counts for the outbox badge and the sync summary. */
export function outboxCounts(items: readonly OutboxItem[]): Record<OutboxStatus, number> {
  const c: Record<OutboxStatus, number> = { waiting: 0, sent: 0, refused: 0 };
  for (const i of items) c[i.status]++;
  return c;
}
