/**
 * bench:history — finding cases in a history of millions (issue #8 §5).
 *
 * `npm run bench:history -- --cases 1000000` (default 1,000,000; `--cases 10000` is the smoke
 * mode: one phase only). On PostgreSQL (a fresh database beside DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres):
 * 1. migrate, reference data, the demo city (seed 1, 200 components) and its users.
 * 2. Phase 10,000: 10,000 cases with their events generated in SQL (generate_series; the demo
 *    city's grids, the default scheme's categories, each district's units, the demo users as
 *    actors; public reports with tracking codes for the public channel). Secondary indexes are
 *    dropped for the load and rebuilt after it (what a bulk load does), then ANALYZE. The newest
 *    3,000 cases are open (a centre's open work does not grow with its history); the rest are
 *    closed, evaluated, cancelled, refused or merged, over three years.
 * 3. The real server — `gridloop serve` in its own process — and 20 concurrent clients over
 *    HTTP; every scenario REQUESTS times (default 200): each role's work queues, the case list
 *    with each filter, a deep page (a cursor 90 % down the whole list, and down one
 *    district's), a case's history, the tracking-code lookup (the list filter and the public
 *    lookup). p95 of each.
 * 4. Phase N: the history grows to N cases (same generator, older cases), the same scenarios.
 * Storage: cases, case_events and public_reports with their indexes and TOAST, per million.
 *
 * Ends with: RESULT history cases=N queue_p95_ms=… list_p95_ms=… deep_page_p95_ms=…
 *   history_p95_ms=… growth=… mb_per_million=…
 * (each p95 the worst scenario of its group at N cases; growth the largest ratio of a group's
 * worst p95 at N to the same at 10,000.)
 */
import { Agent, request } from 'node:http';
import pg from 'pg';
import { encodeCursor } from '../src/services/cases/read-cases.ts';
import { migrate } from '../src/store/migrate.ts';
import { openPostgres } from '../src/store/postgres.ts';
import { login, startServer, stopServer, type Server } from './serve.ts';
import { loadBenchCity, machineLine, scratchDatabase } from './setup.ts';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const argCases = process.argv.indexOf('--cases');
const N = argCases >= 0 ? Number(process.argv[argCases + 1]) : 1_000_000;
const SMALL = 10_000;
const OPEN = 3_000;
const CLIENTS = 20;
const REQUESTS = Number(process.env.HISTORY_BENCH_REQUESTS ?? 200);
const CHUNK = 250_000;
if (!Number.isInteger(N) || N < SMALL) throw new Error(`--cases must be an integer ≥ ${SMALL}`);

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

// ---------------------------------------------------------------------------------------------
// Generating the history in SQL. Case s (1-based) is reported at END - s * STEP: case 1 is the
// newest. Growing from 10,000 to N appends older cases, so the newest 10,000 stay the same.

const SPAN_S = 3 * 365 * 86400;
const stepSeconds = (n: number) => SPAN_S / n;

/** Reference rows the generator picks from, in temporary tables of the load's session. */
const PREPARE = `
CREATE TEMP TABLE bg AS
  SELECT (row_number() OVER (ORDER BY code) - 1)::int AS i, code, district_code, street_code,
         community_code, name_zh, ST_X(ST_PointOnSurface(geom)) AS lng,
         ST_Y(ST_PointOnSurface(geom)) AS lat
  FROM grids;
CREATE TEMP TABLE bc AS
  SELECT (row_number() OVER (ORDER BY c.code) - 1)::int AS i, c.scheme_id, c.kind, c.code, c.name_zh
  FROM categories c JOIN category_schemes s ON s.id = c.scheme_id AND s.is_default;
CREATE TEMP TABLE bu AS
  SELECT district_code, array_agg(id ORDER BY id) AS ids FROM units
  WHERE kind <> 'command_centre' GROUP BY district_code;
CREATE TEMP TABLE ba AS
  SELECT role, (array_agg(id ORDER BY username))[1] AS id, (array_agg(district_code ORDER BY username))[1] AS district
  FROM users GROUP BY role;
CREATE TEMP TABLE bs AS SELECT * FROM (VALUES
  (1, 'pending_verification', 'verify', 1), (2, 'pending_filing', 'file', 1),
  (3, 'pending_dispatch', 'dispatch', 2), (4, 'dispatched', 'handle', 3),
  (5, 'handling', 'handle', 4), (6, 'on_hold', NULL, 5), (7, 'pending_recheck', 'recheck', 5),
  (8, 'pending_close', 'close', 6)) AS t(i, status, step, events);
`;

// Workflow path of a closed case: the k-th event's action, the status it leads to, its actor.
const PATH = `(ARRAY['report','file','dispatch','accept','feedback','recheck_pass','close','evaluate'])`;
const PATH_TO = `(ARRAY['pending_filing','pending_dispatch','dispatched','handling','pending_recheck','pending_close','closed','evaluated'])`;
const PATH_ROLE = `(ARRAY['supervisor','acceptance_operator','dispatcher','unit_handler','unit_handler','supervisor','acceptance_operator','acceptance_operator'])`;

/** Cases s in [lo, hi] of a history of `n` (newest END). */
function casesSql(lo: number, hi: number, end: Date, n: number): string {
  const step = stepSeconds(n);
  return `
INSERT INTO cases (id, case_number, district_code, source, kind, category_scheme, category_code,
  urgency, lng, lat, grid_code, community_code, street_code, address, description, photo_ids,
  reporter_name, reporter_phone, loop_level, status, main_unit_id, assisting_unit_ids, worked_unit_ids,
  deadlines, active_step, due_at, warn_at, timer_state, pending_request, pending_request_kind,
  satisfaction, version, created_at, updated_at, closed_at)
SELECT md5('case' || s)::uuid::text,
  g.district_code || '-' || to_char(t.created AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad(s::text, 8, '0'),
  g.district_code, src.v, c.kind, c.scheme_id, c.code, urg.v, g.lng, g.lat, g.code,
  g.community_code, g.street_code, g.name_zh || (1 + h2 % 300) || '号附近',
  c.name_zh || '：' || (ARRAY['破损','缺失','堵塞','占道经营','污损','倾斜','乱堆放','积水'])[1 + h3 % 8]
    || '，请尽快处理（' || (ARRAY['早高峰','夜间','雨后','周末','午间'])[1 + h2 % 5] || '发现）',
  CASE WHEN h3 % 3 = 0 THEN ARRAY[md5('photo' || s)] ELSE '{}' END,
  CASE WHEN src.v IN ('public_web','hotline_12345','wechat') THEN '市民' || (h2 % 1000) END,
  CASE WHEN src.v IN ('public_web','hotline_12345','wechat') THEN '1' || lpad((h1 % 1000000000)::text, 10, '0') END,
  CASE WHEN h4 % 20 = 0 THEN 'city' ELSE 'district' END,
  st.status, CASE WHEN st.ord >= 4 THEN u.ids[1 + h2 % cardinality(u.ids)] END,
  CASE WHEN st.ord >= 4 AND h4 % 20 = 1 THEN ARRAY[u.ids[1 + (h2 + 1) % cardinality(u.ids)]] ELSE '{}' END,
  CASE WHEN st.ord >= 4 THEN ARRAY[u.ids[1 + h2 % cardinality(u.ids)]]
    || CASE WHEN h4 % 20 = 1 THEN ARRAY[u.ids[1 + (h2 + 1) % cardinality(u.ids)]] ELSE '{}'::text[] END
    ELSE '{}' END,
  jsonb_build_object('handle', jsonb_build_object('step', 'handle',
    'startedAt', to_char(t.created AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'dueAt', to_char((t.created + interval '2 days') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'warnAt', to_char((t.created + interval '1 day') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
    'pausedWorkingMs', 0)),
  st.step, CASE WHEN st.step IS NOT NULL THEN t.created + (h1 % 96) * interval '1 hour' END,
  CASE WHEN st.step IS NOT NULL THEN t.created + (h1 % 96) * interval '1 hour' - interval '4 hours' END,
  CASE WHEN st.step IS NOT NULL THEN 'on_time' END,
  CASE WHEN st.status = 'handling' AND h4 % 10 = 0 THEN jsonb_build_object('kind', 'extension',
    'requestedBy', 'bench', 'requestedByRole', 'unit_handler', 'requestedAt', to_char(t.created AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), 'reason', '需要协调') END,
  CASE WHEN st.status = 'handling' AND h4 % 10 = 0 THEN 'extension' END,
  CASE WHEN st.status = 'evaluated' THEN 1 + h3 % 5 END,
  st.events, t.created, t.created + st.events * interval '3 hours',
  CASE WHEN st.status IN ('closed', 'evaluated') THEN t.created + 6 * interval '3 hours' END
FROM generate_series(${lo}, ${hi}) s
CROSS JOIN LATERAL (SELECT abs(hashint4(s)) AS h1, abs(hashint4(s + 7919)) AS h2,
  abs(hashint4(s + 104729)) AS h3, abs(hashint4(s + 1299709)) AS h4,
  date_trunc('milliseconds', '${end.toISOString()}'::timestamptz - s * ${step} * interval '1 second') AS created) t
JOIN bg g ON g.i = t.h1 % (SELECT count(*) FROM bg)
JOIN bc c ON c.i = t.h3 % (SELECT count(*) FROM bc)
JOIN bu u ON u.district_code = g.district_code
CROSS JOIN LATERAL (SELECT CASE
  WHEN t.h2 % 100 < 60 THEN 'supervisor' WHEN t.h2 % 100 < 75 THEN 'hotline_12345'
  WHEN t.h2 % 100 < 85 THEN 'public_web' WHEN t.h2 % 100 < 93 THEN 'wechat'
  WHEN t.h2 % 100 < 96 THEN 'city_supervisor' WHEN t.h2 % 100 < 98 THEN 'video' ELSE 'sensor' END AS v) src
CROSS JOIN LATERAL (SELECT CASE WHEN t.h4 % 100 < 80 THEN 'normal'
  WHEN t.h4 % 100 < 95 THEN 'pressing' ELSE 'urgent' END AS v) urg
CROSS JOIN LATERAL (
  SELECT b.status, b.step, b.events, b.i AS ord FROM bs b WHERE s <= ${OPEN} AND b.i = 1 + t.h3 % 8
  UNION ALL
  SELECT x.status, NULL, x.events, x.ord FROM (SELECT CASE
    WHEN t.h4 % 100 < 80 THEN 'closed' WHEN t.h4 % 100 < 94 THEN 'evaluated'
    WHEN t.h4 % 100 < 96 THEN 'cancelled' WHEN t.h4 % 100 < 98 THEN 'not_filed' ELSE 'merged' END AS status) y
  CROSS JOIN LATERAL (SELECT y.status, CASE y.status WHEN 'closed' THEN 7 WHEN 'evaluated' THEN 8
    WHEN 'cancelled' THEN 3 ELSE 2 END AS events, CASE y.status WHEN 'closed' THEN 9
    WHEN 'evaluated' THEN 9 ELSE 0 END AS ord) x
  WHERE s > ${OPEN}) st`;
}

/** Every event of the cases s in [lo, hi], following each case's path to its status. */
function eventsSql(lo: number, hi: number): string {
  return `
INSERT INTO case_events (case_id, district_code, version, action, actor_user_id, actor_role,
  actor_unit_id, actor_district_code, at, from_status, to_status, payload)
SELECT c.id, c.district_code, k,
  CASE WHEN k = c.version AND c.status IN ('cancelled', 'not_filed', 'merged')
    THEN (ARRAY['approve_cancel','refuse_filing','merge'])[array_position(ARRAY['cancelled','not_filed','merged'], c.status)]
    ELSE ${PATH}[k] END,
  a.id, ${PATH_ROLE}[k], CASE WHEN ${PATH_ROLE}[k] = 'unit_handler' THEN c.main_unit_id END,
  a.district, c.created_at + (k - 1) * interval '3 hours',
  CASE WHEN k = 1 THEN NULL ELSE ${PATH_TO}[k - 1] END,
  CASE WHEN k = c.version THEN c.status ELSE ${PATH_TO}[k] END,
  CASE ${PATH}[k]
    WHEN 'dispatch' THEN jsonb_build_object('unitId', c.main_unit_id, 'deadline', c.deadlines->'handle')
    WHEN 'feedback' THEN jsonb_build_object('note', '已处置完毕', 'photoIds', jsonb_build_array(md5('after' || c.id)))
    WHEN 'evaluate' THEN jsonb_build_object('satisfaction', c.satisfaction)
    WHEN 'report' THEN jsonb_build_object('deadline', c.deadlines->'handle')
    ELSE '{}'::jsonb END
FROM generate_series(${lo}, ${hi}) s
JOIN cases c ON c.id = md5('case' || s)::uuid::text
CROSS JOIN LATERAL generate_series(1, c.version) k
JOIN ba a ON a.role = ${PATH_ROLE}[k]`;
}

function publicReportsSql(lo: number, hi: number): string {
  return `
INSERT INTO public_reports (tracking_code, case_id, district_code, created_at)
SELECT upper(substr(md5('track' || s), 1, 10)), c.id, c.district_code, c.created_at
FROM generate_series(${lo}, ${hi}) s
JOIN cases c ON c.id = md5('case' || s)::uuid::text
WHERE c.source = 'public_web'`;
}

/** The units each case of s in [lo, hi] was sent to (the trigger that keeps them is off here). */
function caseUnitsSql(lo: number, hi: number): string {
  return `
INSERT INTO case_units (unit_id, created_at, case_id, district_code)
SELECT DISTINCT u, c.created_at, c.id, c.district_code
FROM generate_series(${lo}, ${hi}) s
JOIN cases c ON c.id = md5('case' || s)::uuid::text
CROSS JOIN LATERAL unnest(c.worked_unit_ids) u`;
}

const TABLES = ['cases', 'case_events', 'public_reports', 'case_units'];

/** Cases lo..hi with their events, secondary indexes dropped for the load and rebuilt. */
async function grow(url: string, lo: number, hi: number, end: Date, n: number): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const t0 = process.hrtime.bigint();
  try {
    await c.query(`SET maintenance_work_mem = '512MB'`);
    // The generator writes consistent rows; skip the foreign-key triggers of a bulk load (and
    // the trigger that keeps case_units: caseUnitsSql writes them).
    await c.query(`SET session_replication_role = replica`);
    await c.query(PREPARE);
    const idx = await c.query<{ indexname: string; indexdef: string }>(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
       WHERE i.tablename = ANY($1) AND NOT EXISTS (
         SELECT 1 FROM pg_constraint k WHERE k.conname = i.indexname)`,
      [TABLES],
    );
    for (const i of idx.rows) await c.query(`DROP INDEX ${i.indexname}`);
    for (let a = lo; a <= hi; a += CHUNK) {
      const b = Math.min(hi, a + CHUNK - 1);
      await c.query(casesSql(a, b, end, n));
      await c.query(eventsSql(a, b));
      await c.query(publicReportsSql(a, b));
      await c.query(caseUnitsSql(a, b));
      process.stdout.write(`  cases ${b.toLocaleString('en')} of ${hi.toLocaleString('en')}\r`);
    }
    process.stdout.write('\n');
    // The two-character grams' trigger (migration 0251) is skipped with the others: fill them.
    await c.query(
      `UPDATE cases SET text_bigrams = case_text_bigrams(address || ' ' || description)
       WHERE text_bigrams IS NULL`,
    );
    for (const i of idx.rows) await c.query(i.indexdef);
    const count = await c.query<{ n: string }>('SELECT count(*)::text AS n FROM cases');
    if (Number(count.rows[0]?.n) !== hi) throw new Error(`${count.rows[0]?.n} cases, not ${hi}`);
    for (const t of TABLES) await c.query(`ANALYZE ${t}`);
  } finally {
    await c.end();
  }
  return ms(t0);
}

// ---------------------------------------------------------------------------------------------
// The server and the clients.

/** `gridloop serve` on the history database; the public lookups' client addresses are believed. */
const serve = (databaseUrl: string): Promise<Server> =>
  startServer(
    {
      DATABASE_URL: databaseUrl,
      GRIDLOOP_SESSION_SECRET: 'history-bench-secret',
      // The public lookups come from many citizens: the bench names each request's client
      // (X-Forwarded-For, believed from loopback only), so the per-address rate limit holds.
      GRIDLOOP_TRUST_PROXY: '127.0.0.1',
    },
    { serverLog: Boolean(process.env.HISTORY_BENCH_SERVER_LOG) },
  );

const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });

// Anonymous requests come from addresses of the benchmarking range 198.18.0.0/15 (RFC 2544),
// a header value only: every request goes to the loopback server.
let citizen = 0;
const citizenAddress = (): string => {
  citizen = (citizen + 1) % 65536;
  return `198.18.${citizen >> 8}.${citizen & 255}`;
};

function get(url: string, token: string | null): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = token
      ? { authorization: `Bearer ${token}` }
      : { 'x-forwarded-for': citizenAddress() };
    const req = request(url, { method: 'GET', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

type Group = 'queue' | 'list' | 'deep' | 'history';
type Scenario = {
  readonly group: Group;
  readonly name: string;
  readonly user: string | null;
  /** the path of the i-th request */
  readonly path: (i: number) => string;
};

/** What the scenarios need from the database: codes, ids and deep cursors. */
async function samples(url: string, n: number) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => {
      const r = await c.query(sql, params);
      if (!r.rows[0]) throw new Error(`no sample: ${sql}`);
      return r.rows[0] as T;
    };
    const grid = await one<{ code: string; street_code: string; community_code: string }>(
      `SELECT code, street_code, community_code FROM grids
       WHERE district_code = '530114' ORDER BY code LIMIT 1`,
    );
    const unit = await one<{ id: string }>(
      `SELECT main_unit_id AS id FROM cases WHERE district_code = '530114'
       AND main_unit_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
    );
    const deepAll = await one<{ us: string; id: string }>(
      `SELECT (extract(epoch from created_at) * 1000000)::bigint::text AS us, id FROM cases
       ORDER BY created_at DESC, id DESC OFFSET ${Math.floor(n * 0.9)} LIMIT 1`,
    );
    const inDistrict = await one<{ n: string }>(
      `SELECT count(*)::text AS n FROM cases WHERE district_code = '530114'`,
    );
    const deepDistrict = await one<{ us: string; id: string }>(
      `SELECT (extract(epoch from created_at) * 1000000)::bigint::text AS us, id FROM cases
       WHERE district_code = '530114'
       ORDER BY created_at DESC, id DESC OFFSET ${Math.floor(Number(inDistrict.n) * 0.9)} LIMIT 1`,
    );
    const category = (
      await one<{ code: string }>(
        `SELECT category_code AS code FROM cases ORDER BY created_at DESC LIMIT 1`,
      )
    ).code;
    // Spread over the whole history: every 97th case from the newest (ids are md5('case' || s)).
    const ids = (
      await c.query<{ id: string; tracking: string | null; number: string }>(
        `SELECT c.id, p.tracking_code AS tracking, c.case_number AS number
         FROM generate_series(1, ${n}, ${Math.max(1, Math.floor(n / 500))}) s
         JOIN cases c ON c.id = md5('case' || s)::uuid::text
         LEFT JOIN public_reports p ON p.case_id = c.id`,
      )
    ).rows;
    const tracking = (
      await c.query<{ tracking_code: string }>(
        `SELECT tracking_code FROM public_reports ORDER BY created_at DESC LIMIT 500`,
      )
    ).rows.map((r) => r.tracking_code);
    const closed = await one<{ from: Date; to: Date }>(
      `SELECT max(closed_at) - interval '30 days' AS "from", max(closed_at) AS "to" FROM cases`,
    );
    return { grid, unit, deepAll, deepDistrict, ids, tracking, closed, category };
  } finally {
    await c.end();
  }
}

function scenarios(s: Awaited<ReturnType<typeof samples>>): Scenario[] {
  const list = (name: string, user: string, query: string): Scenario => ({
    group: 'list',
    name,
    user,
    path: () => `/api/v1/cases?${query}`,
  });
  const queue = (user: string, q: string): Scenario => ({
    group: 'queue',
    name: `queue ${q} (${user})`,
    user,
    path: () => `/api/v1/cases?queue=${q}`,
  });
  const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length] as T;
  const iso = (d: Date) => encodeURIComponent(d.toISOString());
  const monthAgo = new Date(Date.now() - 30 * 86400_000);
  return [
    queue('supervisor', 'to_verify'),
    queue('supervisor', 'to_recheck'),
    queue('acceptance_operator', 'to_file'),
    queue('acceptance_operator', 'to_close'),
    queue('dispatcher', 'to_dispatch'),
    queue('dispatcher', 'approvals'),
    queue('unit_handler', 'to_handle'),
    queue('commander', 'overdue'),
    queue('commander', 'approvals'),
    queue('city_supervisor', 'to_verify'),
    queue('hotline_agent', 'all'),
    queue('admin', 'overdue'),
    list('list (admin, no filter)', 'admin', 'queue=all'),
    list('list district', 'admin', 'district=530114'),
    list('list street', 'admin', `street=${s.grid.street_code}`),
    list('list community', 'admin', `community=${s.grid.community_code}`),
    list('list grid', 'admin', `grid=${s.grid.code}`),
    list('list source (rare: sensor)', 'admin', 'source=sensor'),
    list('list source (public_web)', 'dispatcher', 'source=public_web'),
    list('list category', 'admin', `category=${s.category}`),
    list('list status (cancelled)', 'admin', 'status=cancelled'),
    list('list status (closed, district)', 'dispatcher', 'status=closed'),
    list('list unit', 'admin', `unit=${encodeURIComponent(s.unit.id)}`),
    list('list unit (unit handler, all)', 'unit_handler', 'queue=all'),
    list('list urgency', 'dispatcher', 'urgency=urgent'),
    list(
      'list reported range (30 days)',
      'admin',
      `reportedFrom=${iso(monthAgo)}&reportedTo=${iso(new Date())}`,
    ),
    list(
      'list closed range (30 days)',
      'admin',
      `closedFrom=${iso(s.closed.from)}&closedTo=${iso(s.closed.to)}`,
    ),
    list('list overdue', 'dispatcher', 'overdue=true'),
    {
      group: 'list',
      name: 'list case number',
      user: 'admin',
      path: (i) => `/api/v1/cases?caseNumber=${pick(s.ids, i).number}`,
    },
    {
      group: 'list',
      name: 'list tracking code',
      user: 'admin',
      path: (i) => `/api/v1/cases?trackingCode=${pick(s.tracking, i)}`,
    },
    list('list text (3 characters)', 'admin', `text=${encodeURIComponent('占道经')}`),
    list('list text (1 in 300, district)', 'dispatcher', `text=${encodeURIComponent('117号附近')}`),
    {
      group: 'deep',
      name: 'deep page (admin, 90 % down)',
      user: 'admin',
      path: () =>
        `/api/v1/cases?cursor=${encodeCursor({ sort: 'reported_desc', createdUs: s.deepAll.us, id: s.deepAll.id })}`,
    },
    {
      group: 'deep',
      name: 'deep page (district, 90 % down)',
      user: 'dispatcher',
      path: () =>
        `/api/v1/cases?cursor=${encodeCursor({ sort: 'reported_desc', createdUs: s.deepDistrict.us, id: s.deepDistrict.id })}`,
    },
    {
      group: 'history',
      name: 'case history',
      user: 'admin',
      path: (i) => `/api/v1/cases/${pick(s.ids, i).id}/history`,
    },
    {
      group: 'history',
      name: 'tracking-code lookup (public)',
      user: null,
      path: (i) => `/api/v1/public/reports/${pick(s.tracking, i)}`,
    },
  ];
}

type Measured = { name: string; group: Group; p95: number; p50: number; bad: string };

async function measure(server: Server, list: Scenario[]): Promise<Measured[]> {
  const tokens = new Map<string, string>();
  // Sign in only the demo users the scenarios name (the demo city has a login per unit).
  for (const user of new Set(list.map((sc) => sc.user))) {
    if (user !== null) tokens.set(user, await login(server.url, user));
  }
  const out: Measured[] = [];
  for (const sc of list) {
    const token = sc.user === null ? null : (tokens.get(sc.user) ?? null);
    if (sc.user !== null && token === null) throw new Error(`no demo user ${sc.user}`);
    // Warm-up (plans, caches), then REQUESTS at CLIENTS concurrency.
    for (let i = 0; i < 5; i++) await get(server.url + sc.path(i), token);
    const times: number[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    let firstBad = '';
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let i = next++; i < REQUESTS; i = next++) {
          const t0 = process.hrtime.bigint();
          const r = await get(server.url + sc.path(i), token);
          times.push(ms(t0));
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          if (r.status !== 200 && firstBad === '') firstBad = r.body.slice(0, 300);
        }
      }),
    );
    const bad = [...statuses]
      .filter(([st]) => st !== 200)
      .map(([st, k]) => `${k}×${st}`)
      .join(' ');
    if (firstBad !== '') console.log(`  ${sc.name}: ${firstBad}`);
    out.push({
      name: sc.name,
      group: sc.group,
      p95: quantile(times, 0.95),
      p50: quantile(times, 0.5),
      bad,
    });
  }
  return out;
}

async function runPhase(url: string, n: number): Promise<Measured[]> {
  const server = await serve(url);
  try {
    // HISTORY_BENCH_ONLY=<regular expression>: only the scenarios whose name matches it.
    const only = process.env.HISTORY_BENCH_ONLY;
    const all = scenarios(await samples(url, n));
    return await measure(server, only ? all.filter((sc) => new RegExp(only).test(sc.name)) : all);
  } finally {
    await stopServer(server);
  }
}

async function storage(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    // A history kept from before a table existed has none of it yet.
    const present = await c.query<{ t: string }>(
      `SELECT t FROM unnest($1::text[]) t WHERE to_regclass(t) IS NOT NULL`,
      [TABLES],
    );
    const tables = present.rows.map((x) => x.t);
    const r = await c.query<{ name: string; bytes: string }>(
      `SELECT relname AS name, pg_relation_size(oid)::text AS bytes FROM pg_class
       WHERE oid IN (SELECT indexrelid FROM pg_index WHERE indrelid = ANY($1::regclass[]))
          OR oid = ANY($1::regclass[])
       ORDER BY pg_relation_size(oid) DESC`,
      [tables],
    );
    const total = await c.query<{ bytes: string }>(
      `SELECT sum(pg_total_relation_size(t::regclass))::text AS bytes FROM unnest($1::text[]) t`,
      [tables],
    );
    return { parts: r.rows, total: Number(total.rows[0]?.bytes ?? 0) };
  } finally {
    await c.end();
  }
}

const worst = (m: Measured[], g: Group) =>
  Math.max(...m.filter((x) => x.group === g).map((x) => x.p95));

/** Migrations of a kept history (a new index or table since the load), then fresh statistics. */
async function migrateKept(url: string): Promise<void> {
  const db = openPostgres(url, 1);
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    for (const t of TABLES) {
      if ((await c.query(`SELECT to_regclass($1) AS r`, [t])).rows[0]?.r)
        await c.query(`ANALYZE ${t}`);
    }
  } finally {
    await c.end();
  }
}

async function countCases(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query<{ n: string }>('SELECT count(*)::text AS n FROM cases');
    return Number(r.rows[0]?.n);
  } finally {
    await c.end();
  }
}

/** A database beside ADMIN_URL by name. */
function databaseUrl(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * The two histories to measure (10,000 cases, then N): loaded now, or, with `--reuse NAME`, the
 * ones a run with HISTORY_BENCH_KEEP kept (NAME and NAME_small), migrated to the current schema.
 */
async function histories(): Promise<{
  small: string;
  big: string;
  n: number;
  done: () => Promise<void>;
}> {
  const argReuse = process.argv.indexOf('--reuse');
  if (argReuse >= 0) {
    const name = process.argv[argReuse + 1] ?? '';
    if (!/^[a-z0-9_]+$/.test(name)) throw new Error('--reuse needs the name of a kept database');
    const big = databaseUrl(name);
    const small = databaseUrl(`${name}_small`);
    for (const url of [small, big]) await migrateKept(url);
    return { small, big, n: await countCases(big), done: async () => undefined };
  }
  const keep = Boolean(process.env.HISTORY_BENCH_KEEP);
  const scratch = await scratchDatabase(ADMIN_URL, 'gridloop_history_bench');
  const name = new URL(scratch.url).pathname.slice(1);
  await loadBenchCity(scratch.url);
  const end = new Date();
  const loadSmall = await grow(scratch.url, 1, SMALL, end, N);
  console.log(`loaded ${SMALL.toLocaleString('en')} cases in ${(loadSmall / 1000).toFixed(1)} s`);
  // Kept: a copy of the 10,000 (the same newest cases as the big history), measured beside it.
  const small = keep && N > SMALL ? databaseUrl(`${name}_small`) : scratch.url;
  if (small !== scratch.url) {
    const c = new pg.Client({ connectionString: ADMIN_URL });
    await c.connect();
    await c.query(`CREATE DATABASE ${name}_small TEMPLATE ${name}`).finally(() => c.end());
  }
  const smallPhase = small === scratch.url ? await runPhase(small, SMALL) : null;
  if (N > SMALL) {
    const loadBig = await grow(scratch.url, SMALL + 1, N, end, N);
    console.log(
      `loaded ${(N - SMALL).toLocaleString('en')} more cases with their events in ${(loadBig / 1000).toFixed(1)} s (${Math.round(((N - SMALL) / loadBig) * 1000).toLocaleString('en')} cases/s); ${machineLine()}`,
    );
  }
  measuredSmall = smallPhase;
  return {
    small,
    big: scratch.url,
    n: N,
    done: async () => {
      if (keep) console.log(`kept ${scratch.url} (--reuse ${name})`);
      else await scratch.drop();
    },
  };
}

/** The 10,000 phase when it was measured before the history grew in place. */
let measuredSmall: Measured[] | null = null;

async function main(): Promise<void> {
  console.log(machineLine());
  console.log(`history bench: ${CLIENTS} clients, ${REQUESTS} requests per scenario`);
  const h = await histories();
  try {
    const small = measuredSmall ?? (await runPhase(h.small, SMALL));
    const big = h.n > SMALL ? await runPhase(h.big, h.n) : small;
    console.log(
      `\np95 / p50 ms at ${SMALL.toLocaleString('en')} → ${h.n.toLocaleString('en')} cases`,
    );
    for (const [i, m] of big.entries()) {
      const s = small[i] as Measured;
      console.log(
        `  ${m.name.padEnd(36)} ${s.p95.toFixed(1).padStart(7)} ${s.p50.toFixed(1).padStart(6)}  →  ${m.p95.toFixed(1).padStart(7)} ${m.p50.toFixed(1).padStart(6)}${m.bad || s.bad ? `  non-200: ${s.bad} / ${m.bad}` : ''}`,
      );
    }
    const size = await storage(h.big);
    console.log(`\nstorage at ${h.n.toLocaleString('en')} cases (${machineLine()}):`);
    for (const p of size.parts) {
      console.log(
        `  ${p.name.padEnd(36)} ${(Number(p.bytes) / 1048576).toFixed(1).padStart(9)} MB`,
      );
    }
    const groups = (['queue', 'list', 'deep', 'history'] as const).filter((g) =>
      big.some((m) => m.group === g),
    );
    const growth = Math.max(...groups.map((g) => worst(big, g) / worst(small, g)));
    const mbPerMillion = (size.total / 1048576) * (1_000_000 / h.n);
    const fig = (g: Group) => (big.some((m) => m.group === g) ? worst(big, g).toFixed(1) : 'NaN');
    console.log(
      `RESULT history cases=${h.n} queue_p95_ms=${fig('queue')} list_p95_ms=${fig('list')} deep_page_p95_ms=${fig('deep')} history_p95_ms=${fig('history')} growth=${growth.toFixed(2)} mb_per_million=${Math.round(mbPerMillion)}`,
    );
  } finally {
    await h.done();
  }
}

await main();
