import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScopeFilter } from '../../src/domain/access/index.ts';
import {
  caseCountQuery,
  caseListQuery,
  listCases,
  type CaseListFilter,
} from '../../src/store/case-list.store.ts';
import type { Db } from '../../src/store/db.ts';
import { freshDb, onPostgres } from '../helpers/db.ts';

/**
 * The case list and the queues read an index for every filter (issue #8 §5): with a history
 * large enough that a sequential scan would be the planner's choice without one, no plan of
 * GET /cases reads `cases` sequentially. PostgreSQL only (PGlite's planner sees the same SQL, but
 * the figures that matter are the server's).
 */

const N = 60_000;
let db: Db;

const ALL: ScopeFilter = { kind: 'all' };
const base = { scope: ALL, sort: 'reported_desc', limit: 50 } as const;

/** A history of N cases over three years, 2,000 of them open, in five districts. */
async function load(d: Db): Promise<void> {
  // A bulk load: the units of each case are written in one statement below, not row by row by
  // the trigger that keeps them for the application's writes.
  await d.exec(`
    ALTER TABLE cases DISABLE TRIGGER case_units_on_insert;
    INSERT INTO cases (id, case_number, district_code, source, kind, category_scheme,
      category_code, urgency, lng, lat, grid_code, community_code, street_code, address,
      description, loop_level, status, main_unit_id, assisting_unit_ids, worked_unit_ids,
      active_step, due_at,
      warn_at, pending_request, pending_request_kind, version, created_at, updated_at, closed_at)
    SELECT 'c' || s, d || '-20260101-' || lpad(s::text, 6, '0'), d,
      (ARRAY['supervisor','supervisor','supervisor','hotline_12345','public_web','sensor'])[1 + s % 6],
      'event', 'gbt47678.5-2026', '0' || (2001 + s % 40)::text,
      (ARRAY['normal','normal','normal','pressing','urgent'])[1 + s % 5], 102.7, 25.0,
      d || lpad((s % 5)::text, 3, '0') || lpad((s % 7)::text, 3, '0') || lpad((s % 11)::text, 3, '0'),
      d || lpad((s % 5)::text, 3, '0') || lpad((s % 7)::text, 3, '0'),
      d || lpad((s % 5)::text, 3, '0'),
      '路' || (s % 997) || '号', '描述' || (s % 1009) || '井盖缺失', 'district',
      CASE WHEN s <= 2000 THEN (ARRAY['pending_filing','pending_dispatch','handling','pending_close'])[1 + s % 4]
           ELSE 'closed' END,
      'u-' || d || '-' || (s % 9), '{}',
      -- Every case was sent to its main unit; every 50th one to another unit before (sent back).
      ARRAY['u-' || d || '-' || (s % 9)]
        || CASE WHEN s % 50 = 0 THEN ARRAY['u-' || d || '-' || ((s + 1) % 9)] ELSE '{}' END,
      CASE WHEN s <= 2000 THEN 'handle' END,
      CASE WHEN s <= 2000 THEN now() + (s % 100 - 50) * interval '1 hour' END,
      CASE WHEN s <= 2000 THEN now() + (s % 100 - 60) * interval '1 hour' END,
      CASE WHEN s <= 2000 AND s % 10 = 0 THEN '{"kind":"extension"}'::jsonb END,
      CASE WHEN s <= 2000 AND s % 10 = 0 THEN 'extension' END,
      1, now() - s * interval '26 minutes', now() - s * interval '26 minutes',
      CASE WHEN s > 2000 THEN now() - s * interval '26 minutes' + interval '1 day' END
    FROM generate_series(1, ${N}) s
    CROSS JOIN LATERAL (SELECT (ARRAY['530102','530103','530111','530112','530114'])[1 + s % 5] AS d) x;
    INSERT INTO public_reports (tracking_code, case_id, district_code, created_at)
    SELECT upper(substr(md5('t' || s), 1, 10)), 'c' || s,
      (ARRAY['530102','530103','530111','530112','530114'])[1 + s % 5], now()
    FROM generate_series(1, ${N}, 6) s;
    INSERT INTO case_units (unit_id, created_at, case_id, district_code)
    SELECT DISTINCT u, created_at, id, district_code FROM cases, unnest(worked_unit_ids) u;
    ALTER TABLE cases ENABLE TRIGGER case_units_on_insert;
    ANALYZE cases; ANALYZE public_reports; ANALYZE case_units;`);
}

type PlanNode = {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Index Cond'?: string;
  Plans?: PlanNode[];
};

/** Every node of a plan, depth first. */
function nodes(n: PlanNode, out: PlanNode[] = []): PlanNode[] {
  out.push(n);
  for (const c of n.Plans ?? []) nodes(c, out);
  return out;
}

async function planTree(q: { sql: string; params: unknown[] } | null): Promise<PlanNode[]> {
  if (q === null) throw new Error('no query');
  const r = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    `EXPLAIN (FORMAT JSON) ${q.sql}`,
    q.params,
  );
  const p = r.rows[0]?.['QUERY PLAN'][0].Plan;
  if (!p) throw new Error('no plan');
  return nodes(p);
}

/** The index scans of a plan, as "index name" (the order it reads, no Sort above, is checked apart). */
const indexesRead = (ns: PlanNode[]) =>
  ns.filter((n) => n['Index Name'] !== undefined).map((n) => n['Index Name'] as string);
const sorts = (ns: PlanNode[]) => ns.filter((n) => n['Node Type'] === 'Sort');

function scans(n: PlanNode, out: string[] = []): string[] {
  if (n['Relation Name'] === 'cases') out.push(n['Node Type']);
  for (const c of n.Plans ?? []) scans(c, out);
  return out;
}

async function plan(q: { sql: string; params: unknown[] }): Promise<string[]> {
  const r = await db.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
    `EXPLAIN (FORMAT JSON) ${q.sql}`,
    q.params,
  );
  const p = r.rows[0]?.['QUERY PLAN'][0].Plan;
  if (!p) throw new Error('no plan');
  return scans(p);
}

const deep = { sort: 'reported_desc', createdUs: '1700000000000000', id: 'c40000' } as const;
const FILTERS: [string, CaseListFilter][] = [
  ['whole list', base],
  ['whole list, deep page', { ...base, after: deep }],
  ['district scope', { ...base, scope: { kind: 'regions', prefixes: ['530114'] } }],
  [
    'district scope, deep page',
    { ...base, scope: { kind: 'regions', prefixes: ['530114'] }, after: deep },
  ],
  ['street scope', { ...base, scope: { kind: 'regions', prefixes: ['530114001'] } }],
  ['city scope', { ...base, scope: { kind: 'regions', prefixes: ['5301'] } }],
  ['unit scope', { ...base, scope: { kind: 'units', unitIds: ['u-530114-4'] } }],
  [
    'unit scope, deep page',
    { ...base, scope: { kind: 'units', unitIds: ['u-530114-4'] }, after: deep },
  ],
  ['handled by a unit', { ...base, workedUnitIds: ['u-530114-4'] }],
  ['district', { ...base, districtCode: '530103' }],
  ['street', { ...base, streetCode: '530114002' }],
  ['community', { ...base, communityCode: '530114002003' }],
  ['grid', { ...base, gridCode: '530114002003004' }],
  ['source', { ...base, source: 'sensor' }],
  ['category', { ...base, categoryCode: '02017' }],
  ['status', { ...base, statuses: ['pending_close'] }],
  ['unit', { ...base, unitIds: ['u-530102-3'] }],
  ['urgency', { ...base, urgency: 'urgent' }],
  [
    'reported range',
    { ...base, reportedFrom: new Date(Date.now() - 40 * 86400_000), reportedTo: new Date() },
  ],
  [
    'closed range',
    {
      ...base,
      closedFrom: new Date(Date.now() - 400 * 86400_000),
      closedTo: new Date(Date.now() - 380 * 86400_000),
    },
  ],
  ['overdue', { ...base, overdueAt: new Date(), overdue: true }],
  ['case number', { ...base, caseNumber: '530114-20260101-004444' }],
  ['tracking code', { ...base, trackingCode: 'ABCDEF0123' }],
  ['text', { ...base, text: '描述17井' }],
  [
    'text, district scope',
    { ...base, scope: { kind: 'regions', prefixes: ['530114'] }, text: '描述17井' },
  ],
  [
    'short text, district scope',
    { ...base, scope: { kind: 'regions', prefixes: ['530114'] }, text: '井盖' },
  ],
  ['short text, category', { ...base, categoryCode: '02017', text: '井盖' }],
  [
    'queue: to_handle of a district',
    {
      ...base,
      sort: 'due_asc',
      scope: { kind: 'regions', prefixes: ['530114'] },
      statuses: ['dispatched', 'handling', 'on_hold'],
      loopLevels: ['district', 'street', 'community'],
    },
  ],
  [
    'queue: to_handle of a unit',
    {
      ...base,
      sort: 'due_asc',
      scope: { kind: 'units', unitIds: ['u-530114-4'] },
      statuses: ['dispatched', 'handling', 'on_hold'],
    },
  ],
  [
    'queue: approvals',
    {
      ...base,
      sort: 'due_asc',
      scope: { kind: 'regions', prefixes: ['530114'] },
      pendingRequestKinds: ['extension', 'hold'],
    },
  ],
  ['queue: overdue, city', { ...base, sort: 'due_asc', overdueAt: new Date() }],
];

describe.runIf(onPostgres())('case list plans on PostgreSQL', () => {
  beforeAll(async () => {
    db = await freshDb();
    await load(db);
  }, 240_000);

  afterAll(async () => {
    await db.close();
  });

  it.each(FILTERS)(
    'reads an index for the list with the %s filter, never the table',
    async (_, f) => {
      // A text search may also collect its few matches first (listCases decides by the estimate).
      for (const candidatesFirst of f.text === undefined ? [false] : [false, true]) {
        const q = caseListQuery(f, { candidatesFirst }) ?? { sql: 'SELECT 1', params: [] };
        const page = await plan(q);
        expect(page.length).toBeGreaterThan(0);
        expect(page).not.toContain('Seq Scan');
      }
      const count = await plan(caseCountQuery(f));
      expect(count).not.toContain('Seq Scan');
    },
  );

  it('counts up to 1,000 matches exactly, estimates beyond, and says which', async () => {
    const r = await listCases(db, { ...base, withCount: true });
    expect(r.count?.exact).toBe(false);
    expect(r.count?.value).toBeGreaterThan(N / 2);
    expect(r.count?.value).toBeLessThan(N * 2);
    const few = await listCases(db, { ...base, gridCode: '530114002003004', withCount: true });
    const exact = await db.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM cases WHERE grid_code = '530114002003004'`,
    );
    expect(few.count).toEqual({ value: Number(exact.rows[0]?.n), exact: true });
  });

  it("reads a page of a unit's cases off case_units in list order, at any depth", async () => {
    const unit = { ...base, scope: { kind: 'units', unitIds: ['u-530114-4'] } } as const;
    for (const f of [unit, { ...unit, after: deep }, { ...base, workedUnitIds: ['u-530114-4'] }]) {
      const ns = await planTree(caseListQuery(f));
      expect(indexesRead(ns)).toContain('case_units_pkey');
      // The rows come in list order from the index: nothing sorts the unit's history.
      expect(sorts(ns)).toEqual([]);
      expect(ns.some((n) => n['Node Type'] === 'Limit')).toBe(true);
    }
  });

  it('reads the overdue queue off the open cases’ deadline index', async () => {
    const ns = await planTree(caseListQuery({ ...base, sort: 'due_asc', overdueAt: new Date() }));
    // Few overdue here: the planner may collect them and sort; the index is the one it reads.
    expect(indexesRead(ns)).toEqual(['cases_open_due_idx']);
  });

  it('tests a short text on the cases of the narrowing filter, in list order', async () => {
    const ns = await planTree(
      caseListQuery({ ...base, scope: { kind: 'regions', prefixes: ['530114'] }, text: '井盖' }),
    );
    // Newest first along a (…, created_at) index, testing each case: nothing sorts the district.
    expect(indexesRead(ns).every((i) => i.endsWith('created_idx'))).toBe(true);
    expect(sorts(ns)).toEqual([]);
  });

  it('reads a rare value through its own index, not through the whole list', async () => {
    const q = caseListQuery({ ...base, gridCode: '530114002003004' });
    const r = await db.query<{ 'QUERY PLAN': [{ Plan: unknown }] }>(
      `EXPLAIN (FORMAT JSON) ${q?.sql}`,
      q?.params,
    );
    expect(JSON.stringify(r.rows[0])).toContain('cases_grid_created_idx');
  });
});
