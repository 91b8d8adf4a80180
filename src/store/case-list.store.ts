import type { ScopeFilter } from '../domain/access/index.ts';
import {
  TIMED_STATUSES,
  type Case,
  type CaseStatus,
  type LoopLevel,
  type SourceChannel,
  type Urgency,
} from '../domain/cases/index.ts';
import { CASE_COLUMNS, toCase, type CaseRow } from './case-rows.ts';
import type { Queryable } from './db.ts';

/**
 * The case list and the work queues (GET /cases) in a history of millions: keyset pages, never
 * OFFSET, and a count that is exact up to COUNT_CAP and the planner's estimate beyond it, never
 * an exact count over the table.
 *
 * Two orders, both total (the id breaks ties):
 * - `reported_desc` (the list): created_at DESC, id DESC. Every filter has a B-tree
 *   (filter column, created_at DESC) (migration 0100), so a page at any depth is one index
 *   descent plus `limit` rows (ties of one microsecond sorted by id among themselves).
 * - `due_asc` (work queues): oldest deadline first, cases without a running timer last (NULLS
 *   LAST, the default of an ascending order), then created_at, id. Queues hold open cases only,
 *   found through the status index; their number does not grow with the history. The overdue
 *   queue reads the open cases' (due_at, created_at, id) index in this order (migration 0191),
 *   so its page is `limit` rows of the index however many cases are overdue.
 * Sort keys travel in the cursor as integer microseconds since the epoch, so a cursor is exact
 * whatever precision the timestamps have.
 */

export type CaseSort = 'reported_desc' | 'due_asc';

/** Where the previous page ended (what the opaque cursor of the API carries). */
export type CaseListPosition =
  | { readonly sort: 'reported_desc'; readonly createdUs: string; readonly id: string }
  | {
      readonly sort: 'due_asc';
      /** null: the row had no running timer (sorted last) */
      readonly dueUs: string | null;
      readonly createdUs: string;
      readonly id: string;
    };

/** What a list or queue query selects; every field given narrows the list. */
export type CaseListFilter = {
  readonly scope: ScopeFilter;
  readonly statuses?: readonly CaseStatus[] | undefined;
  readonly loopLevels?: readonly LoopLevel[] | undefined;
  readonly pendingRequestKinds?: readonly ('extension' | 'hold' | 'cancel')[] | undefined;
  /** only open cases whose running step was due before this instant */
  readonly overdueAt?: Date | undefined;
  /** with `overdueAt`: false lists the cases that are NOT overdue at that instant */
  readonly overdue?: boolean | undefined;
  /** only cases whose main unit or an assisting unit is one of these */
  readonly unitIds?: readonly string[] | undefined;
  /** only cases one of these units has ever been sent to (worked_unit_ids: 本单位经办) */
  readonly workedUnitIds?: readonly string[] | undefined;
  readonly districtCode?: string | undefined;
  readonly streetCode?: string | undefined;
  readonly communityCode?: string | undefined;
  readonly gridCode?: string | undefined;
  readonly source?: SourceChannel | undefined;
  readonly categoryCode?: string | undefined;
  readonly urgency?: Urgency | undefined;
  /** reported (created) in [reportedFrom, reportedTo) */
  readonly reportedFrom?: Date | undefined;
  readonly reportedTo?: Date | undefined;
  /** closed (结案) in [closedFrom, closedTo) */
  readonly closedFrom?: Date | undefined;
  readonly closedTo?: Date | undefined;
  readonly caseNumber?: string | undefined;
  readonly trackingCode?: string | undefined;
  /** substring of the address or the description, case-insensitive */
  readonly text?: string | undefined;
  /**
   * A text without a trigram (two characters) is looked up by the cases' two-character grams
   * (migration 0251) unless this is false: then each case of the list is tested in list order,
   * the path before 0251 (bench:search compares the two).
   */
  readonly textGrams?: boolean | undefined;
  readonly sort: CaseSort;
  readonly after?: CaseListPosition | undefined;
  readonly limit: number;
  /** also count the matches (exact up to COUNT_CAP, else estimated) */
  readonly withCount?: boolean | undefined;
};

export type CaseListPage = {
  readonly items: Case[];
  /** where the next page starts; null on the last page */
  readonly next: CaseListPosition | null;
  /** how many match (only when asked for): see `countCases` */
  readonly count: CaseCount | null;
};

/**
 * How many cases match: counted exactly when the planner expects at most COUNT_CAP (the count
 * then reads at most COUNT_CAP + 1 rows of an index), else the planner's estimate.
 */
export type CaseCount = { readonly value: number; readonly exact: boolean };

/** Beyond this many matches the list gives an estimate, never an exact count. */
export const COUNT_CAP = 1000;

const US = (col: string) => `(extract(epoch from ${col}) * 1000000)::bigint::text`;
const FROM_US = (p: string) => `('epoch'::timestamptz + ${p}::bigint * interval '1 microsecond')`;
const DUE_KEY = `coalesce(due_at, 'infinity'::timestamptz)`;

class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/**
 * True when the trigram index (migration 0100) finds the text: it has three letters or digits in
 * a row. A shorter text has no trigram, so the index cannot narrow the cases to test.
 */
export function indexedText(text: string): boolean {
  return /[\p{L}\p{N}]{3}/u.test(text);
}

/** True when a text the trigram index cannot find is looked up by two-character grams (0251). */
function gramsFind(f: Pick<CaseListFilter, 'text' | 'textGrams'>): boolean {
  return f.text !== undefined && !indexedText(f.text) && f.textGrams !== false;
}

/** LIKE pattern matching `s` anywhere, its own % _ \ taken literally. */
function containsPattern(s: string): string {
  return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One region prefix of a principal's scope as the column it names, so the matching
 * (code, created_at, id) index serves it: a city (4 digits) covers its districts, a district
 * (6), street (9), community (12) or grid (15) code is an equality.
 */
function prefixCondition(p: Params, prefix: string): string {
  switch (prefix.length) {
    case 6:
      return `district_code = ${p.add(prefix)}`;
    case 9:
      return `street_code = ${p.add(prefix)}`;
    case 12:
      return `community_code = ${p.add(prefix)}`;
    case 15:
      return `grid_code = ${p.add(prefix)}`;
    default: {
      const like = p.add(`${prefix}%`);
      return `(district_code LIKE ${like} OR grid_code LIKE ${like})`;
    }
  }
}

/** The WHERE conditions shared by every branch; null when nothing can match. */
function conditions(p: Params, f: CaseListFilter): string[] | null {
  const w: string[] = [];
  if (f.scope.kind === 'regions') {
    if (f.scope.prefixes.length === 0) return null;
    const parts = f.scope.prefixes.map((x) => prefixCondition(p, x));
    w.push(parts.length === 1 ? (parts[0] as string) : `(${parts.join(' OR ')})`);
  }
  const eq = (col: string, v: string | undefined) => {
    if (v !== undefined) w.push(`${col} = ${p.add(v)}`);
  };
  const anyOf = (col: string, vs: readonly string[] | undefined) => {
    if (vs === undefined) return;
    w.push(vs.length === 1 ? `${col} = ${p.add(vs[0])}` : `${col} = ANY(${p.add(vs)}::text[])`);
  };
  eq('district_code', f.districtCode);
  eq('street_code', f.streetCode);
  eq('community_code', f.communityCode);
  eq('grid_code', f.gridCode);
  eq('source', f.source);
  eq('category_code', f.categoryCode);
  eq('urgency', f.urgency);
  anyOf('status', f.statuses);
  anyOf('loop_level', f.loopLevels);
  anyOf('pending_request_kind', f.pendingRequestKinds);
  if (f.caseNumber !== undefined) {
    // The number starts with the district code: the lookup carries the distribution key.
    w.push(`case_number = ${p.add(f.caseNumber)}`);
    w.push(`district_code = ${p.add(f.caseNumber.slice(0, 6))}`);
  }
  if (f.trackingCode !== undefined) {
    const code = p.add(f.trackingCode);
    w.push(`(id, district_code) IN (SELECT case_id, district_code FROM public_reports
      WHERE tracking_code = ${code})`);
  }
  if (f.overdueAt !== undefined) {
    const at = p.add(f.overdueAt);
    const timed = p.add(TIMED_STATUSES);
    const overdue = `(due_at < ${at}::timestamptz AND status = ANY(${timed}::text[]))`;
    w.push(f.overdue === false ? `NOT coalesce(${overdue}, false)` : overdue);
  }
  if (f.reportedFrom !== undefined) w.push(`created_at >= ${p.add(f.reportedFrom)}`);
  if (f.reportedTo !== undefined) w.push(`created_at < ${p.add(f.reportedTo)}`);
  if (f.closedFrom !== undefined) w.push(`closed_at >= ${p.add(f.closedFrom)}`);
  if (f.closedTo !== undefined) {
    const to = p.add(f.closedTo);
    // A case is reported before it is closed: the redundant bound lets the newest-first scan
    // start at the end of the closing range instead of at the newest case.
    w.push(`closed_at < ${to}`, `created_at < ${to}`);
  }
  if (f.text !== undefined) {
    if (gramsFind(f)) {
      // Every two-character gram of the text (GIN on (district_code, text_bigrams)); ILIKE
      // below stays the final check.
      w.push(`text_bigrams @> case_text_bigrams(${p.add(f.text)}::text)`);
    }
    w.push(`(address || ' ' || description) ILIKE ${p.add(containsPattern(f.text))}`);
  }
  return w;
}

/**
 * Where the previous page ended, as a condition on `cases` (byCase) and on the case_units rows
 * of a unit branch (byUnit, list order only).
 */
function afterPosition(p: Params, a: CaseListPosition): { byCase: string; byUnit: string } {
  if (a.sort === 'reported_desc') {
    const created = FROM_US(p.add(a.createdUs));
    const id = p.add(a.id);
    return {
      byCase: `(created_at, id) < (${created}, ${id})`,
      byUnit: `(cu_created, cu_case) < (${created}, ${id})`,
    };
  }
  const due = a.dueUs === null ? `'infinity'::timestamptz` : FROM_US(p.add(a.dueUs));
  const byCase = `(${DUE_KEY}, created_at, id) > (${due}, ${FROM_US(p.add(a.createdUs))}, ${p.add(a.id)})`;
  return { byCase, byUnit: byCase };
}

const ORDER: Record<CaseSort, string> = {
  reported_desc: 'created_at DESC, id DESC',
  // The order of DUE_KEY, created_at, id (a null due_at sorts last), in the index's own terms.
  due_asc: 'due_at, created_at, id',
};

/**
 * Where one branch of a list reads its cases: a condition on `cases` (through that condition's
 * own ordered index), or the cases a unit was ever sent to, from `case_units` in list order
 * (migration 0190; `unit` is the parameter placeholder of the unit id).
 */
type Branch = { readonly where: string } | { readonly unit: string };

/**
 * The unit condition as separate branches, so each branch reads its own ordered index instead of
 * OR-ing indexes and sorting a unit's whole history:
 * - a unit filter (main or assisting unit now): the main unit's index, the assisting units' GIN
 *   index (few cases have assisting units);
 * - a unit's read scope or its `handled` list (every case it was sent to, now or before:
 *   worked_unit_ids, which holds the main and assisting units too): case_units.
 * `extra` narrows by the caller's own units (read scope) when the branches name other units.
 */
function unitBranches(p: Params, f: CaseListFilter): { branches: Branch[]; extra: string[] } {
  const scopeUnits = f.scope.kind === 'units' ? f.scope.unitIds : undefined;
  const extra: string[] = [];
  const worked = (units: readonly string[]) => `worked_unit_ids && ${p.add(units)}::text[]`;
  if (f.unitIds !== undefined) {
    const branches = f.unitIds.flatMap((u): Branch[] => {
      const x = p.add(u);
      return [
        { where: `main_unit_id = ${x}` },
        { where: `assisting_unit_ids @> ARRAY[${x}]::text[]` },
      ];
    });
    if (f.workedUnitIds !== undefined) extra.push(worked(f.workedUnitIds));
    if (scopeUnits !== undefined) extra.push(worked(scopeUnits));
    return { branches, extra };
  }
  const driving = f.workedUnitIds ?? scopeUnits;
  if (driving === undefined) return { branches: [{ where: 'true' }], extra };
  if (f.workedUnitIds !== undefined && scopeUnits !== undefined) extra.push(worked(scopeUnits));
  return { branches: driving.map((u) => ({ unit: p.add(u) })), extra };
}

/** A branch as a row condition on `cases` alone (estimates, and collecting few candidates). */
const branchCondition = (b: Branch): string =>
  'where' in b ? b.where : `worked_unit_ids @> ARRAY[${b.unit}]::text[]`;

/**
 * The FROM of a branch; for a unit, its case_units rows joined to their cases, the unit's rows
 * named cu_* so the conditions on `cases` keep their bare column names.
 */
const branchFrom = (b: Branch): string =>
  'where' in b
    ? 'cases'
    : `(SELECT case_id AS cu_case, district_code AS cu_district, created_at AS cu_created
        FROM case_units WHERE unit_id = ${b.unit}) cu
       JOIN cases ON id = cu_case AND district_code = cu_district`;

type ListedRow = CaseRow & { sort_created_us: string; sort_due_us: string | null };

/**
 * The SQL of one page (`limit` + 1 rows, to know whether another page follows); null when
 * nothing can match. Exported for the plan tests (EXPLAIN of each filter).
 */
export function caseListQuery(
  f: CaseListFilter,
  opts: { readonly candidatesFirst?: boolean } = {},
): { sql: string; params: unknown[] } | null {
  const p = new Params();
  const base = conditions(p, f);
  const units = unitBranches(p, f);
  if (base === null || units.branches.length === 0) return null;
  const common = [...base, ...units.extra];
  const after = f.after === undefined ? null : afterPosition(p, f.after);
  const limit = p.add(f.limit + 1);
  const and = (cs: string[]) => cs.filter((c) => c !== 'true').join(' AND ') || 'true';
  const select = `${CASE_COLUMNS}, due_at, ${US('created_at')} AS sort_created_us, ${US('due_at')} AS sort_due_us`;
  const order = ORDER[f.sort];
  const branchSql = (b: Branch) => {
    // A unit's case_units rows are in list order: the keyset and the order name them, so the
    // page is read straight off the primary key.
    const byUnit = 'unit' in b && f.sort === 'reported_desc';
    const keyset = after === null ? [] : [byUnit ? after.byUnit : after.byCase];
    const w = and([...common, ...keyset, 'where' in b ? b.where : 'true']);
    const o = byUnit ? 'cu_created DESC, cu_case DESC' : order;
    return `SELECT ${select} FROM ${branchFrom(b)} WHERE ${w} ORDER BY ${o} LIMIT ${limit}`;
  };
  const only = units.branches.length === 1 ? (units.branches[0] as Branch) : null;
  if (only !== null && opts.candidatesFirst) {
    // Few matches expected: collect them through the filters' own indexes (the trigram index for
    // text), then order those; walking the list order and testing each row would read far more.
    const match = and([...common, branchCondition(only)]);
    const keyset = after === null ? '' : ` AND ${after.byCase}`;
    return {
      sql: `WITH m AS MATERIALIZED (SELECT id FROM cases WHERE ${match})
        SELECT ${select} FROM cases WHERE id IN (SELECT id FROM m)${keyset}
        ORDER BY ${order} LIMIT ${limit}`,
      params: p.values,
    };
  }
  const sql =
    only !== null
      ? branchSql(only)
      : // The same case may come from two branches (main and assisting): one copy of each.
        `SELECT DISTINCT ON (${order.replace(/ DESC/g, '')}) * FROM (${units.branches
          .map((b) => `(${branchSql(b)})`)
          .join(' UNION ALL ')}) u ORDER BY ${order} LIMIT ${limit}`;
  return { sql, params: p.values };
}

/**
 * Below this many expected matches a text search collects its matches through the trigram index
 * and sorts them, instead of testing rows in list order (the planner's choice, which reads
 * rows by the hundred thousand when its estimate is off and the text is rare).
 */
const FEW_TEXT_MATCHES = 20_000;

/** A page of cases in the filter's order, starting after `f.after`. */
export async function listCases(db: Queryable, f: CaseListFilter): Promise<CaseListPage> {
  // A text found through an index (trigrams, or two-character grams) collects its candidates
  // first when they are few; otherwise each case of the list is tested, in list order.
  const candidatesFirst =
    f.text !== undefined &&
    (indexedText(f.text) || gramsFind(f)) &&
    (await estimateCases(db, f)) <= FEW_TEXT_MATCHES;
  const q = caseListQuery(f, { candidatesFirst });
  if (q === null) {
    return { items: [], next: null, count: f.withCount ? { value: 0, exact: true } : null };
  }
  const r = await db.query<ListedRow>(q.sql, q.params);
  const rows = r.rows.slice(0, f.limit);
  const last = r.rows.length > f.limit ? rows[rows.length - 1] : undefined;
  const next: CaseListPosition | null =
    last === undefined
      ? null
      : f.sort === 'reported_desc'
        ? { sort: 'reported_desc', createdUs: last.sort_created_us, id: last.id }
        : {
            sort: 'due_asc',
            dueUs: last.sort_due_us,
            createdUs: last.sort_created_us,
            id: last.id,
          };
  return { items: rows.map(toCase), next, count: f.withCount ? await countCases(db, f) : null };
}

/** The SQL of the capped count of a filter (no position). Exported for the plan tests. */
export function caseCountQuery(f: CaseListFilter): { sql: string; params: unknown[] } {
  const p = new Params();
  const base = conditions(p, f) ?? ['false'];
  const units = unitBranches(p, f);
  const branches: Branch[] = units.branches.length === 0 ? [{ where: 'false' }] : units.branches;
  // In list order, so each branch walks the list's own index and stops at the cap (the planner
  // would otherwise bet on a sequential scan finding 1,001 rows early, and lose on rare filters).
  const cap = COUNT_CAP + 1;
  const branchSql = (b: Branch) => {
    const conds = [...base, ...units.extra];
    // A unit's cases with nothing else to test: its case_units rows alone, off the index.
    if ('unit' in b && conds.length === 0) {
      return `(SELECT case_id AS id FROM case_units WHERE unit_id = ${b.unit} ORDER BY created_at DESC LIMIT ${cap})`;
    }
    const w = [...conds, 'where' in b ? b.where : 'true'].join(' AND ');
    const o = 'where' in b ? 'created_at DESC' : 'cu_created DESC';
    return `(SELECT id FROM ${branchFrom(b)} WHERE ${w} ORDER BY ${o} LIMIT ${cap})`;
  };
  return {
    sql: `SELECT count(*) AS n FROM (${branches.map(branchSql).join(' UNION ')}${
      branches.length > 1 ? ` LIMIT ${cap}` : ''
    }) c`,
    params: p.values,
  };
}

/** The planner's estimate of the matches of a filter (no rows read). */
async function estimateCases(db: Queryable, f: CaseListFilter): Promise<number> {
  const p = new Params();
  const base = conditions(p, f) ?? ['false'];
  const units = unitBranches(p, f);
  const branches = units.branches.length === 0 ? ['false'] : units.branches.map(branchCondition);
  const where = [...base, ...units.extra, `(${branches.join(' OR ')})`].join(' AND ');
  const r = await db.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] | string }>(
    `EXPLAIN (FORMAT JSON) SELECT 1 FROM cases WHERE ${where}`,
    p.values,
  );
  const raw = r.rows[0]?.['QUERY PLAN'];
  const plan = typeof raw === 'string' ? (JSON.parse(raw) as typeof raw) : raw;
  return Math.round(typeof plan === 'object' ? (plan?.[0]?.Plan['Plan Rows'] ?? 0) : 0);
}

/**
 * How many cases match (no position), never by counting the whole table: when the planner
 * expects at most COUNT_CAP matches they are counted (reading at most COUNT_CAP + 1 index
 * entries per branch) and the count is exact if it stays within the cap; otherwise the
 * planner's estimate (never below the cap, when the count passed it).
 */
export async function countCases(db: Queryable, f: CaseListFilter): Promise<CaseCount> {
  const estimate = await estimateCases(db, f);
  if (estimate > COUNT_CAP) return { value: estimate, exact: false };
  const q = caseCountQuery(f);
  const r = await db.query<{ n: number | string }>(q.sql, q.params);
  const n = Number(r.rows[0]?.n ?? 0);
  return n <= COUNT_CAP ? { value: n, exact: true } : { value: COUNT_CAP + 1, exact: false };
}
