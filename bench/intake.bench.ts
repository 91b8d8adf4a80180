/**
 * bench:intake — field reports over real HTTP, each located, filed and dispatched automatically.
 *
 * For PostgreSQL (a fresh database beside DATABASE_URL, default postgres://postgres@127.0.0.1:
 * 5432/postgres) and then the embedded PGlite (a fresh data directory):
 * 1. migrate, reference data, the demo city (seed 1, 2,000 components, its dispatch rules), then
 *    the real server — `gridloop serve` in its own process (LOG_LEVEL=warn, a free port), as in
 *    production — while this process is only the load generator; the demo supervisor logs in.
 * 2. INTAKE_BENCH_REPORTS reports (default 5,000; INTAKE_BENCH_PGLITE_REPORTS for PGlite,
 *    default the same) are posted to POST /api/v1/intake/reports at concurrency 32
 *    (INTAKE_BENCH_CONCURRENCY) with an Idempotency-Key each, for the utilities' manhole-cover
 *    categories whose demo rules auto-dispatch, at seeded random points in 呈贡区's grids (20 per
 *    grid; INTAKE_BENCH_POINTS=fixed: one point per grid, every report a duplicate); after 64
 *    warm-up reports. Every answer must be 201 and auto-dispatched.
 * 3. Half load: half as many reports again, sent at 50 % of the measured rate (open loop), p99.
 * 4. PostgreSQL only, baseline in the same run: the same rows (every column of the cases the run
 *    wrote) inserted again as single-row INSERTs at the same concurrency into a table made
 *    LIKE cases INCLUDING ALL (same columns, indexes and checks), rows/s.
 * Also printed: cases per write transaction (from the server's /metrics) and CPU per case of the
 * server process, this load generator and PostgreSQL's processes (Linux /proc).
 *
 * Ends with: RESULT intake pg_cases_per_s=… pg_p50_ms=… pg_p99_ms=… raw_inserts_per_s=… ratio=…
 *   pg_half_load_p99_ms=… pglite_cases_per_s=… pglite_p99_ms=… pg_cases_per_batch=…
 *   pg_server_cpu_ms_per_case=… pg_client_cpu_ms_per_case=… pg_postgres_cpu_ms_per_case=…
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadDemoCity } from '../src/services/demo/load-demo.ts';
import { syncReferenceData } from '../src/services/reference/sync-reference-data.ts';
import type { Db } from '../src/store/db.ts';
import { migrate } from '../src/store/migrate.ts';
import { openPglite } from '../src/store/pglite.ts';
import { openPostgres } from '../src/store/postgres.ts';
import { login, startServer, stopServer, type Server } from './serve.ts';
import { benchDeps, machineLine, scratchDatabase } from './setup.ts';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const N = Number(process.env.INTAKE_BENCH_REPORTS ?? 5000);
const PGLITE_N = Number(process.env.INTAKE_BENCH_PGLITE_REPORTS ?? N);
const CONCURRENCY = Number(process.env.INTAKE_BENCH_CONCURRENCY ?? 32);
const WARMUP = 64;
const CATEGORIES = ['01005', '01007', '01011'];

type Target = { url: string; token: string; points: { lng: number; lat: number }[] };

const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};

/** The demo city in the database; the points the reports are sent from. */
async function prepare(db: Db): Promise<{ lng: number; lat: number }[]> {
  await migrate(db);
  const deps = benchDeps(db);
  await syncReferenceData(deps);
  const demo = await loadDemoCity(deps, { seed: 1, components: 2000 });
  if (!demo.ok) throw new Error(JSON.stringify(demo.error));
  // Spread over the district as field reports are: 20 seeded random points in each grid (the
  // same points every run), so duplicates (same category within 50 m) occur as they would.
  const points =
    process.env.INTAKE_BENCH_POINTS === 'fixed'
      ? 'ST_PointOnSurface(geom)'
      : '(ST_Dump(ST_GeneratePoints(geom, 20, 1))).geom';
  const r = await db.query<{ lng: number; lat: number }>(
    `SELECT ST_X(p) AS lng, ST_Y(p) AS lat
     FROM (SELECT code, ${points} AS p FROM grids WHERE district_code = '530114') g
     ORDER BY code, lng, lat`,
  );
  return r.rows;
}

/** `gridloop serve` with the bench's secrets, on the embedded database unless env names one. */
const serve = (env: Record<string, string>): Promise<Server> =>
  startServer({
    DATABASE_URL: '',
    ...env,
    GRIDLOOP_SESSION_SECRET: 'intake-bench-secret',
    GRIDLOOP_METRICS_TOKEN: METRICS_TOKEN,
  });

/** The bearer token /metrics asks for (GRIDLOOP_METRICS_TOKEN of the served process). */
const METRICS_TOKEN = 'intake-bench-metrics';

/** The server's intake batching counters (/metrics). */
async function batching(url: string): Promise<{ batches: number; items: number; largest: number }> {
  const res = await fetch(`${url}/metrics`, {
    headers: { authorization: `Bearer ${METRICS_TOKEN}` },
  });
  if (!res.ok) throw new Error(`/metrics answered ${res.status}`);
  const text = await res.text();
  const read = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  return {
    batches: read('gridloop_intake_write_batches'),
    items: read('gridloop_intake_write_items'),
    largest: read('gridloop_intake_write_largest_batch'),
  };
}

/** CPU seconds used so far by one process (Linux /proc; 0 elsewhere). */
function processCpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, USER_HZ
  } catch {
    return 0;
  }
}

/** CPU seconds used so far by every `postgres` process (Linux /proc; 0 elsewhere). */
function postgresCpuSeconds(): number {
  let ticks = 0;
  try {
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const name = /\((.*)\)/.exec(stat)?.[1] ?? '';
        if (!name.startsWith('postgres')) continue;
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        ticks += Number(fields[11]) + Number(fields[12]); // utime + stime
      } catch {
        // the process ended between the listing and the read
      }
    }
  } catch {
    return 0;
  }
  return ticks / 100; // USER_HZ
}

// The load generator shares the machine with the server and the database, so it uses the
// lightest client Node has: node:http over kept-alive connections, one per concurrent sender.
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function post(
  url: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

let seq = 0;
async function report(t: Target): Promise<number> {
  const i = seq++;
  const body = {
    kind: 'event',
    categoryCode: CATEGORIES[i % CATEGORIES.length],
    urgency: 'normal',
    location: t.points[i % t.points.length],
    description: `井盖缺失 bench ${i}`,
    reporter: { name: '测试', phone: '13800000000' },
  };
  const t0 = performance.now();
  const res = await post(
    `${t.url}/api/v1/intake/reports`,
    {
      'content-type': 'application/json',
      authorization: `Bearer ${t.token}`,
      'idempotency-key': `bench-${process.pid}-${i}`,
    },
    JSON.stringify(body),
  );
  const ms = performance.now() - t0;
  const out = JSON.parse(res.text) as { autoDispatched: unknown };
  if (res.status !== 201 || out.autoDispatched === null) {
    throw new Error(`report ${i}: ${res.status} ${res.text}`);
  }
  return ms;
}

/** n requests, `concurrency` at a time; latencies and the wall time. */
async function closedLoop(n: number, concurrency: number, send: () => Promise<number>) {
  const lat: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        next++;
        lat.push(await send());
      }
    }),
  );
  return { lat, seconds: (performance.now() - t0) / 1000 };
}

/** n requests started at a fixed rate whatever the answers (open loop); latencies. */
async function openLoop(n: number, perSecond: number, send: () => Promise<number>) {
  const lat: number[] = [];
  const t0 = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    const due = t0 + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(send().then((ms) => void lat.push(ms)));
  }
  await Promise.all(pending);
  return lat;
}

/** Posts the reports to a running server: full load, then half load. */
async function intakeRun(kind: string, server: Server, points: Target['points'], n: number) {
  const target: Target = { url: server.url, token: await login(server.url, 'supervisor'), points };
  await closedLoop(WARMUP, CONCURRENCY, () => report(target));
  const before = await batching(server.url);
  const cpu0 = {
    server: processCpuSeconds(server.child.pid),
    client: process.cpuUsage(),
    pg: postgresCpuSeconds(),
  };
  const full = await closedLoop(n, CONCURRENCY, () => report(target));
  const rate = n / full.seconds;
  const client = process.cpuUsage(cpu0.client);
  const cpuMsPerCase = {
    server: ((processCpuSeconds(server.child.pid) - cpu0.server) * 1000) / n,
    client: (client.user + client.system) / 1000 / n,
    pg: ((postgresCpuSeconds() - cpu0.pg) * 1000) / n,
  };
  const after = await batching(server.url);
  const perBatch = (after.items - before.items) / (after.batches - before.batches);
  const half = await openLoop(Math.ceil(n / 2), rate / 2, () => report(target));
  const r = {
    rate,
    p50: quantile(full.lat, 0.5),
    p99: quantile(full.lat, 0.99),
    halfP99: quantile(half, 0.99),
  };
  console.log(
    `${kind}: ${n} reports (located, filed, auto-dispatched) at concurrency ${CONCURRENCY}: ` +
      `${rate.toFixed(0)} cases/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms; ` +
      `at ${(rate / 2).toFixed(0)}/s (half): p99 ${r.halfP99.toFixed(1)} ms; ` +
      `${perBatch.toFixed(1)} cases per write transaction (largest ${after.largest}); ` +
      `CPU per case: server ${cpuMsPerCase.server.toFixed(2)} ms, ` +
      `load generator ${cpuMsPerCase.client.toFixed(2)} ms` +
      (kind === 'postgres' ? `, postgres ${cpuMsPerCase.pg.toFixed(2)} ms` : ''),
  );
  return { ...r, perBatch, cpuMsPerCase };
}

/** The cases the run wrote, inserted again one row per statement into a LIKE-cases table. */
async function rawInserts(url: string): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: CONCURRENCY });
  pool.on('error', () => undefined); // idle connections end when the scratch database is dropped
  try {
    await pool.query('CREATE TABLE bench_raw_cases (LIKE cases INCLUDING ALL)');
    const { rows } = await pool.query<Record<string, unknown>>('SELECT * FROM cases LIMIT $1', [N]);
    const columns = Object.keys(rows[0] ?? {}).filter((c) => c !== 'geom');
    const sql = `INSERT INTO bench_raw_cases (${columns.join(', ')})
      VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`;
    const values = rows.map((row) =>
      columns.map((c) => {
        const v = row[c];
        if (c === 'id') return `${String(v)}-raw`;
        if (c === 'case_number') return `${String(v)}9`;
        return v !== null && typeof v === 'object' && !(v instanceof Date) && !Array.isArray(v)
          ? JSON.stringify(v)
          : c === 'linked_reports' || c === 'deadlines'
            ? JSON.stringify(v)
            : v;
      }),
    );
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        const client = await pool.connect();
        try {
          while (next < values.length) {
            const v = values[next++];
            await client.query(sql, v);
          }
        } finally {
          client.release();
        }
      }),
    );
    const rate = values.length / ((performance.now() - t0) / 1000);
    console.log(
      `raw: ${values.length} single-row INSERTs at concurrency ${CONCURRENCY}: ${rate.toFixed(0)} rows/s`,
    );
    return rate;
  } finally {
    await pool.end();
  }
}

console.log(machineLine());
const scratch = await scratchDatabase(ADMIN_URL, 'gridloop_bench_intake');
let p: Awaited<ReturnType<typeof intakeRun>>;
let raw: number;
try {
  const db = openPostgres(scratch.url, 4);
  let points: Target['points'];
  try {
    points = await prepare(db);
  } finally {
    await db.close();
  }
  const server = await serve({ DATABASE_URL: scratch.url });
  try {
    p = await intakeRun('postgres', server, points, N);
  } finally {
    await stopServer(server);
  }
  raw = await rawInserts(scratch.url);
} finally {
  await scratch.drop();
}
const dataDir = mkdtempSync(join(tmpdir(), 'gridloop-bench-intake-'));
let l: Awaited<ReturnType<typeof intakeRun>>;
try {
  const lite = await openPglite({ dataDir: join(dataDir, 'pg') });
  let points: Target['points'];
  try {
    points = await prepare(lite);
  } finally {
    await lite.close();
  }
  const server = await serve({ GRIDLOOP_DATA_DIR: dataDir });
  try {
    l = await intakeRun('pglite', server, points, PGLITE_N);
  } finally {
    await stopServer(server);
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
console.log(
  `RESULT intake pg_cases_per_s=${p.rate.toFixed(1)} pg_p50_ms=${p.p50.toFixed(1)} ` +
    `pg_p99_ms=${p.p99.toFixed(1)} raw_inserts_per_s=${raw.toFixed(1)} ratio=${(p.rate / raw).toFixed(3)} ` +
    `pg_half_load_p99_ms=${p.halfP99.toFixed(1)} pglite_cases_per_s=${l.rate.toFixed(1)} ` +
    `pglite_p99_ms=${l.p99.toFixed(1)} pg_cases_per_batch=${p.perBatch.toFixed(1)} ` +
    `pg_server_cpu_ms_per_case=${p.cpuMsPerCase.server.toFixed(2)} ` +
    `pg_client_cpu_ms_per_case=${p.cpuMsPerCase.client.toFixed(2)} ` +
    `pg_postgres_cpu_ms_per_case=${p.cpuMsPerCase.pg.toFixed(2)}`,
);
