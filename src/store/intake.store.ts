import type { CaseStatus, CategoryKind } from '../domain/cases/index.ts';
import type { DuplicateCandidate } from '../domain/intake/index.ts';
import type { Queryable } from './db.ts';
import { valuesList } from './multi-row.ts';

/** SQL for intake: idempotency keys, public tracking codes, duplicate candidates. */

export type IdempotencyRecord = {
  readonly userId: string;
  readonly key: string;
  readonly requestHash: string;
  readonly caseId: string;
  readonly districtCode: string;
  readonly createdAt: Date;
};

/** The case a user's key opened, with the digest of the body it was opened with. */
export async function findIdempotencyKey(
  db: Queryable,
  userId: string,
  key: string,
): Promise<{ requestHash: string; caseId: string } | null> {
  const r = await db.query<{ request_hash: string; case_id: string }>(
    `SELECT request_hash, case_id FROM intake_idempotency_keys
     WHERE user_id = $1 AND idempotency_key = $2`,
    [userId, key],
  );
  const row = r.rows[0];
  return row ? { requestHash: row.request_hash, caseId: row.case_id } : null;
}

/**
 * Records keys with the cases they open, in one statement, and returns the case ids whose key was
 * recorded. A key already taken (an earlier intake, a concurrent retry, or an earlier row of the
 * same batch) is skipped: the caller answers that request with the case its key opened. Rows go
 * in (user, key) order so two batches never wait on each other's keys crosswise.
 */
export async function insertIdempotencyKeys(
  db: Queryable,
  keys: readonly IdempotencyRecord[],
): Promise<Set<string>> {
  if (keys.length === 0) return new Set();
  const sorted = [...keys].sort((a, b) =>
    a.userId === b.userId ? (a.key < b.key ? -1 : 1) : a.userId < b.userId ? -1 : 1,
  );
  const v = valuesList(
    sorted.map((k) => [k.userId, k.key, k.requestHash, k.caseId, k.districtCode, k.createdAt]),
    ['', '', '', '', '', '::timestamptz'],
  );
  const r = await db.query<{ case_id: string }>(
    `INSERT INTO intake_idempotency_keys
       (user_id, idempotency_key, request_hash, case_id, district_code, created_at)
     VALUES ${v.sql}
     ON CONFLICT (user_id, idempotency_key) DO NOTHING
     RETURNING case_id`,
    v.params,
  );
  return new Set(r.rows.map((x) => x.case_id));
}

export type PublicReportRecord = {
  readonly trackingCode: string;
  readonly caseId: string;
  readonly districtCode: string;
  readonly createdAt: Date;
};

/** Links public reports' tracking codes to their cases. */
export async function insertPublicReports(
  db: Queryable,
  reports: readonly PublicReportRecord[],
): Promise<void> {
  if (reports.length === 0) return;
  const v = valuesList(
    reports.map((p) => [p.trackingCode, p.caseId, p.districtCode, p.createdAt]),
    ['', '', '', '::timestamptz'],
  );
  await db.query(
    `INSERT INTO public_reports (tracking_code, case_id, district_code, created_at)
     VALUES ${v.sql}`,
    v.params,
  );
}

/** What a tracking code may show: status and timestamps, no personal data. */
export type PublicReportStatus = {
  readonly trackingCode: string;
  readonly caseNumber: string;
  readonly status: CaseStatus;
  readonly kind: CategoryKind;
  readonly categoryCode: string;
  readonly districtCode: string;
  readonly reportedAt: Date;
  readonly updatedAt: Date;
};

export async function findPublicReport(
  db: Queryable,
  trackingCode: string,
): Promise<PublicReportStatus | null> {
  const r = await db.query<{
    case_number: string;
    status: CaseStatus;
    kind: CategoryKind;
    category_code: string;
    district_code: string;
    created_at: Date | string;
    updated_at: Date | string;
  }>(
    `SELECT c.case_number, c.status, c.kind, c.category_code, c.district_code, c.created_at,
            c.updated_at
     FROM public_reports p JOIN cases c ON c.id = p.case_id
     WHERE p.tracking_code = $1 AND c.district_code = p.district_code`,
    [trackingCode],
  );
  const row = r.rows[0];
  return row
    ? {
        trackingCode,
        caseNumber: row.case_number,
        status: row.status,
        kind: row.kind,
        categoryCode: row.category_code,
        districtCode: row.district_code.trim(),
        reportedAt: new Date(row.created_at),
        updatedAt: new Date(row.updated_at),
      }
    : null;
}

const OPEN_STATUSES: readonly CaseStatus[] = [
  'pending_verification',
  'pending_filing',
  'pending_dispatch',
  'dispatched',
  'handling',
  'on_hold',
  'pending_recheck',
  'pending_close',
];

/**
 * Open cases of a category in a district near a point and opened since an instant: a bounding
 * box on the GiST index; the exact distance is the caller's (domain/intake).
 */
export async function listDuplicateCandidates(
  db: Queryable,
  q: {
    districtCode: string;
    kind: CategoryKind;
    scheme: string;
    code: string;
    lon: number;
    lat: number;
    radiusM: number;
    since: Date;
    excludeCaseId: string | null;
  },
): Promise<DuplicateCandidate[]> {
  const dLat = q.radiusM / 111_320;
  const dLon = q.radiusM / (111_320 * Math.max(0.01, Math.cos((q.lat * Math.PI) / 180)));
  const r = await db.query<{
    id: string;
    case_number: string;
    status: CaseStatus;
    kind: CategoryKind;
    category_scheme: string;
    category_code: string;
    lon: number;
    lat: number;
    created_at: Date | string;
  }>(
    `SELECT id, case_number, status, kind, category_scheme, category_code, lon, lat, created_at
     FROM cases
     WHERE district_code = $1 AND kind = $2 AND category_scheme = $3 AND category_code = $4
       AND geom && ST_MakeEnvelope($5::float8 - $7, $6::float8 - $8, $5::float8 + $7,
                                   $6::float8 + $8, 4326)
       AND created_at >= $9 AND status = ANY($10::text[])
       AND ($11::text IS NULL OR id <> $11)
     LIMIT 50`,
    [
      q.districtCode,
      q.kind,
      q.scheme,
      q.code,
      q.lon,
      q.lat,
      dLon,
      dLat,
      q.since,
      OPEN_STATUSES,
      q.excludeCaseId,
    ],
  );
  return r.rows.map((x) => ({
    id: x.id,
    caseNumber: x.case_number,
    status: x.status,
    kind: x.kind,
    categoryScheme: x.category_scheme,
    categoryCode: x.category_code,
    location: { point: { lon: x.lon, lat: x.lat } },
    createdAt: new Date(x.created_at),
  }));
}
