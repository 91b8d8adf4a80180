import type { CockpitScope, Tally } from '../domain/cockpit/index.ts';
import type { Queryable } from './db.ts';

/**
 * The cockpit's counts (数字驾驶舱), each answered from one narrow index of migration 0180
 * without reading the cases table: open cases from the partial index of open cases, windows of
 * days from the created_at / closed_at indexes. Region scope is a WHERE clause on the indexed
 * region columns.
 */

// OPEN_STATUSES and the deadline sweep's timed list, literally as in the partial indexes'
// predicates (0180 cases_cockpit_open_idx, 0040 cases_open_due_idx) so the planner uses them.
const OPEN = `('pending_verification', 'pending_filing', 'pending_dispatch', 'dispatched',
  'handling', 'on_hold', 'pending_recheck', 'pending_close')`;
const TIMED = `('pending_verification', 'pending_filing', 'pending_dispatch', 'dispatched',
  'handling', 'pending_recheck', 'pending_close')`;

/** The scope as a condition on parameters numbered after `first`; null when nothing matches. */
function scopeSql(scope: CockpitScope, first: number): { sql: string; params: string[] } | null {
  if (scope.kind === 'all') return { sql: 'true', params: [] };
  if (scope.prefixes.length === 0) return null;
  const params: string[] = [];
  const parts = scope.prefixes.map((prefix) => {
    const n = `$${first + params.length}`;
    const column = { 6: 'district_code', 9: 'street_code', 12: 'community_code', 15: 'grid_code' }[
      prefix.length
    ];
    params.push(column === undefined ? `${prefix}%` : prefix);
    // A city (4 digits) covers its districts.
    return column === undefined ? `district_code LIKE ${n}` : `${column} = ${n}`;
  });
  return { sql: parts.length === 1 ? (parts[0] as string) : `(${parts.join(' OR ')})`, params };
}

export type OpenCounts = {
  total: number;
  overdue: number;
  byStatus: Tally[];
  byCategory: Tally[];
  byDistrict: Tally[];
  byStreet: Tally[];
  bySource: Tally[];
  overdueByUnit: Tally[];
};

const EMPTY_OPEN: OpenCounts = {
  total: 0,
  overdue: 0,
  byStatus: [],
  byCategory: [],
  byDistrict: [],
  byStreet: [],
  bySource: [],
  overdueByUnit: [],
};

type GroupRow = {
  g: number;
  key: string | null;
  n: number | string;
  overdue: number | string;
};

// Each grouping set is told apart by its GROUPING() bitmask (one bit per column, first column
// highest): the set that keeps only column i has every other bit set.
const GROUP_COLUMNS = [
  'status',
  'category_code',
  'district_code',
  'street_code',
  'source',
  'main_unit_id',
] as const;
const ALL_BITS = (1 << GROUP_COLUMNS.length) - 1;
const bitOf = (i: number) => 1 << (GROUP_COLUMNS.length - 1 - i);

/**
 * Open cases in the scope counted by status, category, district, street, channel and main
 * unit (with the overdue ones among them), in one pass over the partial index of open cases.
 */
export async function countOpenCases(db: Queryable, scope: CockpitScope): Promise<OpenCounts> {
  const where = scopeSql(scope, 1);
  if (where === null) return EMPTY_OPEN;
  const key = `coalesce(${GROUP_COLUMNS.map((c) => `${c}::text`).join(', ')})`;
  const r = await db.query<GroupRow>(
    `SELECT GROUPING(${GROUP_COLUMNS.join(', ')}) AS g, ${key} AS key,
       count(*) AS n, count(*) FILTER (WHERE timer_state = 'overdue') AS overdue
     FROM cases WHERE status IN ${OPEN} AND ${where.sql}
     GROUP BY GROUPING SETS (${GROUP_COLUMNS.map((c) => `(${c})`).join(', ')}, ())`,
    where.params,
  );
  const out: OpenCounts = {
    ...EMPTY_OPEN,
    byStatus: [],
    byCategory: [],
    byDistrict: [],
    byStreet: [],
    bySource: [],
    overdueByUnit: [],
  };
  const lists = [
    out.byStatus,
    out.byCategory,
    out.byDistrict,
    out.byStreet,
    out.bySource,
    out.overdueByUnit,
  ];
  for (const row of r.rows) {
    const g = row.g;
    const n = Number(row.n);
    const overdue = Number(row.overdue);
    if (g === ALL_BITS) {
      out.total = n;
      out.overdue = overdue;
      continue;
    }
    const i = GROUP_COLUMNS.findIndex((_, j) => g === (ALL_BITS & ~bitOf(j)));
    // A case without a street (or a unit) has no place in that tally.
    if (i < 0 || row.key === null) continue;
    const key = row.key.trimEnd();
    if (GROUP_COLUMNS[i] === 'main_unit_id') {
      if (overdue > 0) lists[i]?.push({ key, count: overdue });
    } else lists[i]?.push({ key, count: n });
  }
  return out;
}

/** Cases reported and closed in [from, to), and open cases whose running step fell due in it. */
export async function countWindow(
  db: Queryable,
  scope: CockpitScope,
  from: Date,
  to: Date,
  now: Date,
): Promise<{ new: number; closed: number; overdue: number }> {
  const where = scopeSql(scope, 4);
  if (where === null) return { new: 0, closed: 0, overdue: 0 };
  const r = await db.query<{
    new: number | string;
    closed: number | string;
    overdue: number | string;
  }>(
    `SELECT
       (SELECT count(*) FROM cases
        WHERE created_at >= $1 AND created_at < $2 AND ${where.sql}) AS new,
       (SELECT count(*) FROM cases
        WHERE closed_at IS NOT NULL AND closed_at >= $1 AND closed_at < $2 AND ${where.sql}) AS closed,
       (SELECT count(*) FROM cases
        WHERE due_at IS NOT NULL AND status IN ${TIMED} AND due_at >= $1 AND due_at < least($2, $3)
          AND paused_at IS NULL AND ${where.sql}) AS overdue`,
    [from, to, now, ...where.params],
  );
  const row = r.rows[0];
  return {
    new: Number(row?.new ?? 0),
    closed: Number(row?.closed ?? 0),
    overdue: Number(row?.overdue ?? 0),
  };
}

/**
 * New and closed cases per local day (Asia/Shanghai, UTC+8 all year) in [from, to), keyed by the
 * day's number since 1970-01-01 (local).
 */
export async function countPerDay(
  db: Queryable,
  scope: CockpitScope,
  from: Date,
  to: Date,
): Promise<Map<number, { new: number; closed: number }>> {
  const where = scopeSql(scope, 3);
  const out = new Map<number, { new: number; closed: number }>();
  if (where === null) return out;
  const day = (col: string) => `floor((extract(epoch FROM ${col}) + 28800) / 86400)::integer`;
  const r = await db.query<{ day: number; kind: string; n: number | string }>(
    `SELECT ${day('created_at')} AS day, 'new' AS kind, count(*) AS n FROM cases
     WHERE created_at >= $1 AND created_at < $2 AND ${where.sql} GROUP BY 1
     UNION ALL
     SELECT ${day('closed_at')} AS day, 'closed' AS kind, count(*) AS n FROM cases
     WHERE closed_at IS NOT NULL AND closed_at >= $1 AND closed_at < $2 AND ${where.sql} GROUP BY 1`,
    [from, to, ...where.params],
  );
  for (const row of r.rows) {
    const d = row.day;
    const cur = out.get(d) ?? { new: 0, closed: 0 };
    if (row.kind === 'new') cur.new = Number(row.n);
    else cur.closed = Number(row.n);
    out.set(d, cur);
  }
  return out;
}

/** The grids and categories with the most cases reported in [from, to), `limit` of each. */
export async function topReported(
  db: Queryable,
  scope: CockpitScope,
  from: Date,
  to: Date,
  limit: number,
): Promise<{ grids: Tally[]; categories: Tally[] }> {
  const where = scopeSql(scope, 4);
  if (where === null) return { grids: [], categories: [] };
  const top = (col: string, kind: string) =>
    `(SELECT '${kind}' AS kind, ${col}::text AS key, count(*) AS n FROM cases
      WHERE created_at >= $1 AND created_at < $2 AND ${col} IS NOT NULL AND ${where.sql}
      GROUP BY ${col} ORDER BY n DESC, ${col} LIMIT $3)`;
  const r = await db.query<{ kind: string; key: string; n: number | string }>(
    `${top('grid_code', 'grid')} UNION ALL ${top('category_code', 'category')}`,
    [from, to, limit, ...where.params],
  );
  const pick = (kind: string) =>
    r.rows
      .filter((x) => x.kind === kind)
      .map((x) => ({ key: x.key.trimEnd(), count: Number(x.n) }));
  return { grids: pick('grid'), categories: pick('category') };
}
