import {
  CASE_STATUSES,
  isOpenStatus,
  type CaseStatus,
  type CategoryKind,
  type SourceChannel,
} from '../domain/cases/index.ts';
import type { Queryable } from './db.ts';

/** A case as GeoReport v2 shows it: public fields only (no reporter, no staff notes). */
export type ServiceRequestRow = {
  readonly caseId: string;
  readonly districtCode: string;
  readonly caseNumber: string;
  readonly status: CaseStatus;
  readonly kind: CategoryKind;
  readonly categoryCode: string;
  readonly categoryNameZh: string | null;
  readonly categoryNameEn: string | null;
  readonly address: string;
  readonly description: string;
  readonly lng: number;
  readonly lat: number;
  readonly photoIds: readonly string[];
  readonly source: SourceChannel;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly dueAt: Date | null;
  /** the main unit's name, 处置单位 */
  readonly agency: string | null;
  readonly mediaUrl: string | null;
};

export type ServiceRequestQuery =
  | { readonly caseNumbers: readonly string[] }
  | {
      readonly from: Date;
      readonly to: Date;
      readonly open: boolean | null;
      readonly categories: readonly { kind: CategoryKind; code: string }[] | null;
      readonly limit: number;
    };

// The exact predicates of migration 0141's partial indexes (same list, same order), so the
// planner proves the index applies. Built from the domain's statuses, never from input.
const CLOSED = CASE_STATUSES.filter((s) => !isOpenStatus(s))
  .map((s) => `'${s}'`)
  .join(', ');
const OPEN_SQL = `c.status NOT IN (${CLOSED})`;
const CLOSED_SQL = `c.status IN (${CLOSED})`;

type Row = {
  id: string;
  district_code: string;
  case_number: string;
  status: CaseStatus;
  kind: CategoryKind;
  category_code: string;
  name_zh: string | null;
  name_en: string | null;
  address: string;
  description: string;
  lng: number | string;
  lat: number | string;
  photo_ids: string[];
  source: SourceChannel;
  created_at: Date | string;
  updated_at: Date | string;
  due_at: Date | string | null;
  agency: string | null;
  media_url: string | null;
};

const toRow = (r: Row): ServiceRequestRow => ({
  caseId: r.id,
  districtCode: r.district_code,
  caseNumber: r.case_number,
  status: r.status,
  kind: r.kind,
  categoryCode: r.category_code,
  categoryNameZh: r.name_zh,
  categoryNameEn: r.name_en,
  address: r.address,
  description: r.description,
  lng: Number(r.lng),
  lat: Number(r.lat),
  photoIds: r.photo_ids,
  source: r.source,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
  dueAt: r.due_at === null ? null : new Date(r.due_at),
  agency: r.agency,
  mediaUrl: r.media_url,
});

const OUTER = `SELECT c.id, c.district_code, c.case_number, c.status, c.kind, c.category_code,
    cat.name_zh, cat.name_en, c.address, c.description, c.lng, c.lat, c.photo_ids, c.source,
    c.created_at, c.updated_at, c.due_at, u.name_zh AS agency, o.media_url
  FROM picked c
  LEFT JOIN categories cat
    ON cat.scheme_id = c.category_scheme AND cat.kind = c.kind AND cat.code = c.category_code
  LEFT JOIN units u ON u.id = c.main_unit_id
  LEFT JOIN open311_requests o ON o.case_id = c.id AND o.district_code = c.district_code`;

/**
 * GET /requests: by case numbers, or a city-wide window of created_at (newest first, at most
 * `limit`), optionally open or closed only and of some categories. The window is read by keyset
 * on (created_at, id) from the partial index of the status asked (or cases_created_idx), so the
 * work is `limit` index entries whatever the history holds; the joins run on the page only.
 */
export async function listServiceRequests(
  db: Queryable,
  q: ServiceRequestQuery,
): Promise<ServiceRequestRow[]> {
  if ('caseNumbers' in q) {
    const { rows } = await db.query<Row>(
      `WITH picked AS (SELECT * FROM cases c WHERE c.case_number = ANY($1::text[]))
       ${OUTER} ORDER BY c.created_at DESC, c.id DESC`,
      [q.caseNumbers],
    );
    return rows.map(toRow);
  }
  const params: unknown[] = [q.from, q.to, q.limit];
  const where = ['c.created_at >= $1', 'c.created_at <= $2'];
  if (q.open !== null) where.push(q.open ? OPEN_SQL : CLOSED_SQL);
  if (q.categories !== null) {
    params.push(
      q.categories.map((x) => x.code),
      q.categories.map((x) => x.kind),
    );
    where.push(
      'c.category_code = ANY($4::text[])',
      '(c.kind, c.category_code) IN (SELECT k, x FROM unnest($5::text[], $4::text[]) AS t(k, x))',
    );
  }
  const { rows } = await db.query<Row>(
    `WITH picked AS MATERIALIZED (
       SELECT * FROM cases c WHERE ${where.join(' AND ')}
       ORDER BY c.created_at DESC, c.id DESC LIMIT $3)
     ${OUTER} ORDER BY c.created_at DESC, c.id DESC`,
    params,
  );
  return rows.map(toRow);
}

/** A step of a case's history as Open311 notes show it: what happened, never who or why. */
export type PublicCaseStep = {
  readonly caseId: string;
  readonly action: string;
  readonly at: Date;
  readonly toStatus: CaseStatus;
};

/** The history of the cases (by id, each in order), for `extensions=true`. */
export async function listPublicSteps(
  db: Queryable,
  cases: readonly { caseId: string; districtCode: string }[],
): Promise<PublicCaseStep[]> {
  if (cases.length === 0) return [];
  const { rows } = await db.query<{
    case_id: string;
    action: string;
    at: Date | string;
    to_status: CaseStatus;
  }>(
    `SELECT e.case_id, e.action, e.at, e.to_status FROM case_events e
     JOIN unnest($1::text[], $2::text[]) AS k(id, d) ON e.case_id = k.id AND e.district_code = k.d
     ORDER BY e.case_id, e.version`,
    [cases.map((c) => c.caseId), cases.map((c) => c.districtCode)],
  );
  return rows.map((r) => ({
    caseId: r.case_id,
    action: r.action,
    at: new Date(r.at),
    toStatus: r.to_status,
  }));
}

/** Records what an Open311 request carried beyond its report (migration 0141). */
export async function insertOpen311Request(
  db: Queryable,
  r: {
    caseId: string;
    districtCode: string;
    apiKeyId: string;
    serviceCode: string;
    mediaUrl: string | null;
    attributes: Record<string, string | string[]>;
    at: Date;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO open311_requests (case_id, district_code, api_key_id, service_code, media_url,
       attributes, created_at)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7) ON CONFLICT (case_id) DO NOTHING`,
    [
      r.caseId,
      r.districtCode,
      r.apiKeyId,
      r.serviceCode,
      r.mediaUrl,
      JSON.stringify(r.attributes),
      r.at,
    ],
  );
}
