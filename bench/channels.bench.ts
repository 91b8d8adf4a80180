/**
 * bench:channels (issue #9): intake through the channels beside the native supervisor intake in
 * the same run, and Open311 GET /requests over a large history.
 *
 * 1. migrate, reference data, the demo city (seed 1) on a scratch PostgreSQL database.
 * 2. N cases (default 1,000,000, `--cases N`) generated in SQL over the last 365 days, with the
 *    statuses and categories of a city (a quarter of them open).
 * 3. `gridloop serve`; 20 clients on GET /open311/v2/requests.json: the default 90-day window,
 *    open, closed, one service code, one service code open (p95 of each; requests_p95_ms is the
 *    worst of them).
 * 4. Intake: native POST /api/v1/intake/reports (a supervisor) and Open311 POST /requests.json
 *    (a client key) at the same concurrency, one after the other; open311_ratio = Open311
 *    cases/s ÷ native cases/s; and the hotline's POST /api/v1/hotline/orders (a hotline agent
 *    recording calls of a street type, sent straight to the street centre, 直派):
 *    hotline_ratio = hotline cases/s ÷ native cases/s.
 *
 * Ends with: RESULT channels hotline_ratio=X open311_ratio=X requests_p95_ms=N cases=N
 */
import pg from 'pg';
import { createApiKey } from '../src/services/apikeys/api-keys.ts';
import { migrate } from '../src/store/migrate.ts';
import { openPostgres } from '../src/store/postgres.ts';
import { login, startServer, stopServer, type Server } from './serve.ts';
import { benchDeps, loadBenchCity, machineLine, scratchDatabase } from './setup.ts';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const N = arg('--cases', 1_000_000);
const CLIENTS = 20;
const READS = arg('--reads', 200);
const INTAKE_CONCURRENCY = 16;
const INTAKES = arg('--intakes', 400);

/** A measured intake: cases per second over the run. */
export type IntakeFigure = { readonly casesPerS: number };

/** What an intake measurement gets: the server, a point in the city, the native figure. */
export type IntakeContext = {
  readonly server: Server;
  readonly points: readonly { lng: number; lat: number }[];
  readonly supervisorToken: string;
};

const p95 = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * 0.95))] ?? Number.NaN;
};

/** `count` calls of `fn` with `concurrency` in flight; the latency of each, in ms. */
async function load(concurrency: number, count: number, fn: (i: number) => Promise<void>) {
  const times: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < count; i = next++) {
        const t = performance.now();
        await fn(i);
        times.push(performance.now() - t);
      }
    }),
  );
  return { times, seconds: (performance.now() - t0) / 1000 };
}

/** N cases over the last 365 days: event categories of the Open311 mapping and others. */
async function generateCases(url: string, n: number): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(`SET statement_timeout = 0`);
    await c.query(`CREATE TEMP TABLE bg AS SELECT (row_number() OVER (ORDER BY code) - 1)::int AS i,
      district_code, ST_X(ST_PointOnSurface(geom)) AS lng, ST_Y(ST_PointOnSurface(geom)) AS lat FROM grids`);
    await c.query(`CREATE TEMP TABLE bc AS SELECT (row_number() OVER (ORDER BY code) - 1)::int AS i, code
      FROM category_standards WHERE scheme_id = 'gbt47678.5-2026' AND kind = 'event'`);
    const statuses = `(ARRAY['closed','evaluated','closed','evaluated','closed','cancelled','pending_verification','pending_dispatch','handling','pending_recheck','closed','evaluated'])`;
    for (let lo = 1; lo <= n; lo += 100_000) {
      const hi = Math.min(n, lo + 99_999);
      await c.query(`
        INSERT INTO cases (id, case_number, district_code, source, kind, category_scheme,
          category_code, urgency, lng, lat, address, description, loop_level, status, version,
          created_at, updated_at)
        SELECT md5('o311' || s)::uuid::text,
          g.district_code || '-' || to_char(t.created AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad(s::text, 8, '0'),
          g.district_code, 'public_web', 'event', 'gbt47678.5-2026', c.code, 'normal', g.lng, g.lat,
          '某路' || (t.h % 300) || '号', '市民反映的问题', 'district', ${statuses}[1 + t.h % 12], 1,
          t.created, t.created + interval '1 day'
        FROM generate_series(${lo}, ${hi}) s
        CROSS JOIN LATERAL (SELECT abs(hashint4(s)) AS h,
          now() - (s::double precision / ${n}) * interval '365 days' AS created) t
        JOIN bg g ON g.i = t.h % (SELECT count(*) FROM bg)
        JOIN bc c ON c.i = (t.h / 7) % (SELECT count(*) FROM bc)`);
    }
    await c.query('ANALYZE cases');
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

/** A fresh client key and intake points in 呈贡区 on the bench database. */
async function clientAndPoints(url: string) {
  const db = openPostgres(url, 2);
  try {
    await migrate(db);
    const k = await createApiKey(benchDeps(db), {
      clientName: 'bench client',
      rateLimitPerMinute: 100_000,
      createdBy: null,
    });
    if (!k.ok) throw new Error(k.error.code);
    const r = await db.query<{ lng: number; lat: number }>(
      `SELECT ST_X(ST_PointOnSurface(geom)) AS lng, ST_Y(ST_PointOnSurface(geom)) AS lat
       FROM grids WHERE district_code = '530114' ORDER BY code LIMIT 50`,
    );
    const n = await db.query<{ n: number }>('SELECT count(*)::float8 AS n FROM cases');
    return { key: k.value.key, points: r.rows, cases: n.rows[0]?.n ?? 0 };
  } finally {
    await db.close();
  }
}

/**
 * The history to read: generated now on a scratch database (kept for `--reuse NAME` when
 * CHANNELS_BENCH_KEEP is set), or a kept one, migrated to the current schema.
 */
async function history(): Promise<{ url: string; done: () => Promise<void> }> {
  const reuseAt = process.argv.indexOf('--reuse');
  if (reuseAt >= 0) {
    const name = process.argv[reuseAt + 1] ?? '';
    if (!/^[a-z0-9_]+$/.test(name)) throw new Error('--reuse needs the name of a kept database');
    return { url: databaseUrl(name), done: async () => undefined };
  }
  const scratch = await scratchDatabase(ADMIN_URL, 'gridloop_channels_bench');
  await loadBenchCity(scratch.url);
  const t0 = performance.now();
  await generateCases(scratch.url, N);
  console.log(
    `generated ${N.toLocaleString('en')} cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const keep = Boolean(process.env.CHANNELS_BENCH_KEEP);
  return {
    url: scratch.url,
    done: async () => {
      if (keep)
        console.log(`kept ${scratch.url} (--reuse ${new URL(scratch.url).pathname.slice(1)})`);
      else await scratch.drop();
    },
  };
}

async function main(): Promise<void> {
  console.log(machineLine());
  const scratch = await history();
  let server: Server | null = null;
  try {
    const { key, points, cases } = await clientAndPoints(scratch.url);
    server = await startServer({
      DATABASE_URL: scratch.url,
      GRIDLOOP_SESSION_SECRET: 'channels-bench-secret',
      GRIDLOOP_TRUST_PROXY: '127.0.0.1',
    });
    const url = server.url;
    // Anonymous readers come from many addresses of 198.18.0.0/15 (RFC 2544), so the per-address
    // budget of one reader is not what is measured.
    const read = async (q: string, i: number) => {
      const res = await fetch(`${url}/open311/v2/requests.json${q}`, {
        headers: { 'x-forwarded-for': `198.18.${(i >> 8) & 255}.${i & 255}` },
      });
      if (res.status !== 200) throw new Error(`${q}: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    };
    const scenarios = [
      '',
      '?status=open',
      '?status=closed',
      '?service_code=road-damage',
      '?service_code=road-damage&status=open',
    ];
    let worst = 0;
    for (const q of scenarios) {
      await load(CLIENTS, 20, (i) => read(q, i)); // warm
      const m = await load(CLIENTS, READS, (i) => read(q, i + 1000));
      const p = p95(m.times);
      worst = Math.max(worst, p);
      console.log(
        `GET /requests.json${q || ' (default 90 days)'}: p95 ${p.toFixed(1)} ms at ${CLIENTS} clients`,
      );
    }

    const token = await login(url, 'supervisor');
    const point = (i: number) => points[i % points.length] ?? { lng: 102.85, lat: 24.88 };
    const native = await load(INTAKE_CONCURRENCY, INTAKES, async (i) => {
      const res = await fetch(`${url}/api/v1/intake/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          kind: 'event',
          categoryCode: '06037',
          urgency: 'normal',
          location: point(i),
          description: `基准上报 ${i}`,
        }),
      });
      if (res.status !== 201) throw new Error(`native intake ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    });
    const open311 = await load(INTAKE_CONCURRENCY, INTAKES, async (i) => {
      const p = point(i + 7);
      const res = await fetch(`${url}/open311/v2/requests.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          api_key: key,
          service_code: 'dead-animal',
          lat: String(p.lat),
          long: String(p.lng),
          description: `基准 Open311 ${i}`,
        }).toString(),
      });
      if (res.status !== 201) throw new Error(`open311 intake ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    });
    const agentToken = await login(url, 'hotline_agent');
    const hotlineRun = await load(INTAKE_CONCURRENCY, INTAKES, async (i) => {
      const res = await fetch(`${url}/api/v1/hotline/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${agentToken}` },
        body: JSON.stringify({
          line: '12345',
          hotlineType: 'S10',
          callerPhone: `139${String(i).padStart(8, '0')}`,
          description: `基准热线 ${i}`,
          location: point(i + 13),
        }),
      });
      if (res.status !== 201) throw new Error(`hotline intake ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    });
    const nativeRate = INTAKES / native.seconds;
    const open311Rate = INTAKES / open311.seconds;
    const hotline = { casesPerS: INTAKES / hotlineRun.seconds };
    console.log(
      `native intake ${nativeRate.toFixed(0)} cases/s, Open311 ${open311Rate.toFixed(0)} cases/s, hotline ${hotline.casesPerS.toFixed(0)} cases/s`,
    );
    console.log(machineLine());
    console.log(
      `RESULT channels hotline_ratio=${(hotline.casesPerS / nativeRate).toFixed(2)} open311_ratio=${(open311Rate / nativeRate).toFixed(2)} requests_p95_ms=${Math.round(worst)} cases=${cases}`,
    );
  } finally {
    if (server) await stopServer(server);
    await scratch.done();
  }
}

await main();
