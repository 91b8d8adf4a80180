import type { CaseStatus } from '../domain/cases/index.ts';
import type { Rating } from '../domain/portal/index.ts';
import type { Queryable } from './db.ts';

/** SQL for the public portal: tracked cases, ratings, reporters' one-time codes. */

/** The case a tracking code names (with its district, the key of every further lookup). */
export async function findTrackedCase(
  db: Queryable,
  trackingCode: string,
): Promise<{ caseId: string; districtCode: string } | null> {
  const r = await db.query<{ case_id: string; district_code: string }>(
    'SELECT case_id, district_code FROM public_reports WHERE tracking_code = $1',
    [trackingCode],
  );
  const row = r.rows[0];
  return row ? { caseId: row.case_id, districtCode: row.district_code.trim() } : null;
}

/** The tracking code of a public report's case, or null. */
export async function findTrackingCode(db: Queryable, caseId: string): Promise<string | null> {
  const r = await db.query<{ tracking_code: string }>(
    'SELECT tracking_code FROM public_reports WHERE case_id = $1',
    [caseId],
  );
  return r.rows[0]?.tracking_code ?? null;
}

export type StoredRating = {
  readonly rating: Rating;
  readonly comment: string | null;
  readonly ratedAt: Date;
};

export async function findRating(
  db: Queryable,
  trackingCode: string,
): Promise<StoredRating | null> {
  const r = await db.query<{ rating: Rating; comment: string | null; rated_at: Date | string }>(
    'SELECT rating, comment, rated_at FROM public_report_ratings WHERE tracking_code = $1',
    [trackingCode],
  );
  const row = r.rows[0];
  return row ? { rating: row.rating, comment: row.comment, ratedAt: new Date(row.rated_at) } : null;
}

/** Records a rating; false when the tracking code was rated before (nothing written). */
export async function insertRating(
  db: Queryable,
  r: StoredRating & { trackingCode: string; caseId: string; districtCode: string },
): Promise<boolean> {
  const res = await db.query<{ tracking_code: string }>(
    `INSERT INTO public_report_ratings
       (tracking_code, case_id, district_code, rating, comment, rated_at)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (tracking_code) DO NOTHING RETURNING tracking_code`,
    [r.trackingCode, r.caseId, r.districtCode, r.rating, r.comment, r.ratedAt],
  );
  return res.rows.length === 1;
}

/** A reporter's public report as the list of "my reports" shows it. */
export type ReporterReport = {
  readonly trackingCode: string;
  readonly caseNumber: string;
  readonly status: CaseStatus;
  readonly kind: 'component' | 'event';
  readonly categoryCode: string;
  readonly mainUnitId: string | null;
  readonly reportedAt: Date;
  readonly updatedAt: Date;
};

/**
 * The public reports that gave this phone, newest first. A phone's reports may lie in several
 * districts, so this one lookup is not keyed by district (cases_reporter_phone_idx).
 */
export async function listReportsByPhone(
  db: Queryable,
  phone: string,
  limit: number,
): Promise<ReporterReport[]> {
  const r = await db.query<{
    tracking_code: string;
    case_number: string;
    status: CaseStatus;
    kind: 'component' | 'event';
    category_code: string;
    main_unit_id: string | null;
    created_at: Date | string;
    updated_at: Date | string;
  }>(
    `SELECT p.tracking_code, c.case_number, c.status, c.kind, c.category_code, c.main_unit_id,
            c.created_at, c.updated_at
     FROM cases c JOIN public_reports p ON p.case_id = c.id AND p.district_code = c.district_code
     WHERE c.reporter_phone = $1
     ORDER BY c.created_at DESC, c.id LIMIT $2`,
    [phone, limit],
  );
  return r.rows.map((x) => ({
    trackingCode: x.tracking_code,
    caseNumber: x.case_number,
    status: x.status,
    kind: x.kind,
    categoryCode: x.category_code,
    mainUnitId: x.main_unit_id,
    reportedAt: new Date(x.created_at),
    updatedAt: new Date(x.updated_at),
  }));
}

export type ReporterCode = {
  readonly id: string;
  readonly phoneHash: string;
  readonly codeHash: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly attempts: number;
  readonly consumedAt: Date | null;
};

export async function insertReporterCode(db: Queryable, c: ReporterCode): Promise<void> {
  await db.query(
    `INSERT INTO reporter_codes
       (id, phone_hash, code_hash, created_at, expires_at, attempts, consumed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [c.id, c.phoneHash, c.codeHash, c.createdAt, c.expiresAt, c.attempts, c.consumedAt],
  );
}

/** The phone's newest code, locked until the transaction ends (attempts are counted on it). */
export async function findLatestReporterCodeForUpdate(
  db: Queryable,
  phoneHash: string,
): Promise<ReporterCode | null> {
  const r = await db.query<{
    id: string;
    phone_hash: string;
    code_hash: string;
    created_at: Date | string;
    expires_at: Date | string;
    attempts: number;
    consumed_at: Date | string | null;
  }>(
    `SELECT id, phone_hash, code_hash, created_at, expires_at, attempts, consumed_at
     FROM reporter_codes WHERE phone_hash = $1
     ORDER BY created_at DESC, id DESC LIMIT 1 FOR UPDATE`,
    [phoneHash],
  );
  const row = r.rows[0];
  return row
    ? {
        id: row.id,
        phoneHash: row.phone_hash,
        codeHash: row.code_hash,
        createdAt: new Date(row.created_at),
        expiresAt: new Date(row.expires_at),
        attempts: row.attempts,
        consumedAt: row.consumed_at === null ? null : new Date(row.consumed_at),
      }
    : null;
}

/** Counts a wrong try, or marks the code used. */
export async function updateReporterCode(
  db: Queryable,
  id: string,
  change: { attempts: number; consumedAt: Date | null },
): Promise<void> {
  await db.query('UPDATE reporter_codes SET attempts = $2, consumed_at = $3 WHERE id = $1', [
    id,
    change.attempts,
    change.consumedAt,
  ]);
}
