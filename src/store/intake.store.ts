import { OPEN_STATUSES, type CaseStatus, type CategoryKind } from '../domain/cases/index.ts';
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
): Promise<{ requestHash: string; caseId: string; districtCode: string } | null> {
  const r = await db.query<{ request_hash: string; case_id: string; district_code: string }>(
    `SELECT request_hash, case_id, district_code FROM intake_idempotency_keys
     WHERE user_id = $1 AND idempotency_key = $2`,
    [userId, key],
  );
  const row = r.rows[0];
  return row
    ? { requestHash: row.request_hash, caseId: row.case_id, districtCode: row.district_code }
    : null;
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

/** Where and since when to look for open cases like a new one. */
export type DuplicateQuery = {
  readonly districtCode: string;
  readonly kind: CategoryKind;
  readonly scheme: string;
  readonly code: string;
  readonly lng: number;
  readonly lat: number;
  readonly radiusM: number;
  readonly since: Date;
  readonly excludeCaseId: string | null;
};

/**
 * Open cases of a category in a district near a point and opened since an instant, for several
 * queries in one statement (a batch of intakes): a bounding box on the GiST index per query, at
 * most 50 each; the exact distance is the caller's (domain/intake). Answers in query order.
 */
export async function listDuplicateCandidates(
  db: Queryable,
  queries: readonly DuplicateQuery[],
): Promise<DuplicateCandidate[][]> {
  if (queries.length === 0) return [];
  const col = <T>(f: (q: DuplicateQuery) => T): T[] => queries.map(f);
  const dLat = (q: DuplicateQuery) => q.radiusM / 111_320;
  const dLng = (q: DuplicateQuery) =>
    q.radiusM / (111_320 * Math.max(0.01, Math.cos((q.lat * Math.PI) / 180)));
  const r = await db.query<{
    i: number;
    id: string;
    case_number: string;
    status: CaseStatus;
    kind: CategoryKind;
    category_scheme: string;
    category_code: string;
    lng: number;
    lat: number;
    created_at: Date | string;
  }>(
    `SELECT q.i, c.id, c.case_number, c.status, c.kind, c.category_scheme, c.category_code,
            c.lng, c.lat, c.created_at
     FROM unnest($1::integer[], $2::text[], $3::text[], $4::text[], $5::text[],
                 $6::float8[], $7::float8[], $8::float8[], $9::float8[], $10::timestamptz[],
                 $11::text[])
          AS q(i, district_code, kind, scheme, code, lng, lat, dlng, dlat, since, exclude_id)
     CROSS JOIN LATERAL (
       SELECT id, case_number, status, kind, category_scheme, category_code, lng, lat, created_at
       FROM cases
       WHERE district_code = q.district_code AND kind = q.kind
         AND category_scheme = q.scheme AND category_code = q.code
         AND geom && ST_MakeEnvelope(q.lng - q.dlng, q.lat - q.dlat, q.lng + q.dlng,
                                     q.lat + q.dlat, 4326)
         AND created_at >= q.since AND status = ANY($12::text[])
         AND (q.exclude_id IS NULL OR id <> q.exclude_id)
       LIMIT 50
     ) c`,
    [
      queries.map((_, i) => i),
      col((q) => q.districtCode),
      col((q) => q.kind),
      col((q) => q.scheme),
      col((q) => q.code),
      col((q) => q.lng),
      col((q) => q.lat),
      col(dLng),
      col(dLat),
      col((q) => q.since),
      col((q) => q.excludeCaseId),
      OPEN_STATUSES,
    ],
  );
  const out: DuplicateCandidate[][] = queries.map(() => []);
  for (const x of r.rows) {
    out[x.i]?.push({
      id: x.id,
      caseNumber: x.case_number,
      status: x.status,
      kind: x.kind,
      categoryScheme: x.category_scheme,
      categoryCode: x.category_code,
      location: { point: { lng: x.lng, lat: x.lat } },
      createdAt: new Date(x.created_at),
    });
  }
  return out;
}
