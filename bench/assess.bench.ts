/**
 * bench:assess — a month's assessment over a year of history (issue #10 §3, Performance).
 *
 * `npm run bench:assess -- --cases 500000` (default 500,000; `--reuse NAME` measures a database
 * a run with ASSESS_BENCH_KEEP=1 kept, skipping the load). On PostgreSQL (a fresh database beside
 * DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres):
 * 1. migrate, reference data, the demo city (seed 1, 200 components) and its users.
 * 2. Import: `loadHistory` (what `gridloop demo --history 12m` runs) with the cases per working
 *    day that make about N cases over 12 months: every case played through the workflow and
 *    written with its events and outbox rows by the intake's multi-row statements, triggers on.
 *    Beside it, the raw baseline: the same rows (cases, case_events, case_outbox) inserted by
 *    INSERT … SELECT into tables of the same columns without indexes, triggers or checks — the
 *    server's own copy speed, the floor any loader can reach. import_ratio = raw time / import
 *    time (the import's speed as a fraction of raw inserts).
 * 3. The roll-up folds the whole outbox (timed, printed).
 * 4. The last full month: every district's assessment at every level (unit, supervisor,
 *    operator, dispatcher, region by street, whistle) from the roll-ups (month_ms), and the
 *    naive computation from raw events for the same month (naive_ms): every case with an event
 *    in the month, its history read and folded, the month's facts summed per day — checked
 *    equal to the roll-up's daily rows of the month, or the bench fails.
 * 5. The real server (`gridloop serve`) and 50 concurrent clients (the figure): GET /api/v1/cockpit and
 *    /api/v1/cockpit/trend as the city commander, REQUESTS each (default 200). p95 of each.
 *
 * Ends with: RESULT assess cases=N month_ms=N naive_ms=N cockpit_p95_ms=N import_ratio=X
 */
import pg from 'pg';
import { historyDays } from '../src/domain/demo-city/index.ts';
import {
  NEW_TRACK,
  dailyRows,
  foldCaseEvent,
  sumFactsByDay,
  type CaseTrack,
  type DailySum,
} from '../src/domain/indicators/index.ts';
import type { Principal } from '../src/domain/access/index.ts';
import { calendarForDistrict } from '../src/services/calendar/load-calendar.ts';
import { loadDemoCity } from '../src/services/demo/load-demo.ts';
import { loadHistory } from '../src/services/demo/load-history.ts';
import { ASSESSMENT_LEVELS, assessDistrict } from '../src/services/indicators/assess.ts';
import { rollUpAll } from '../src/services/indicators/rollup.ts';
import { syncReferenceData } from '../src/services/reference/sync-reference-data.ts';
import * as store from '../src/store/assessment.store.ts';
import { migrate } from '../src/store/migrate.ts';
import { openPostgres } from '../src/store/postgres.ts';
import type { Db } from '../src/store/db.ts';
import { login, startServer, stopServer } from './serve.ts';
import { benchDeps, machineLine, scratchDatabase } from './setup.ts';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const N = Number(arg('--cases') ?? 500_000);
const REUSE = arg('--reuse');
const CLIENTS = 50;
const REQUESTS = Number(process.env.ASSESS_BENCH_REQUESTS ?? 200);
if (!Number.isInteger(N) || N < 1000) throw new Error('--cases must be an integer ≥ 1000');
if (REUSE !== undefined && !/^[a-z0-9_]+$/.test(REUSE))
  throw new Error('--reuse needs the name of a kept database');

const now = () => performance.now();
const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
};
const fmt = (n: number) => Math.round(n).toLocaleString('en');

function databaseUrl(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The raw baseline: the same rows copied by the server into bare tables of the same columns. */
async function rawInsertMs(db: Db): Promise<number> {
  const tables = ['cases', 'case_events', 'case_outbox'];
  for (const t of tables) await db.query(`CREATE TABLE raw_${t} AS SELECT * FROM ${t} WHERE false`);
  const t0 = now();
  for (const t of tables) await db.query(`INSERT INTO raw_${t} SELECT * FROM ${t}`);
  const ms = now() - t0;
  for (const t of tables) await db.query(`DROP TABLE raw_${t}`);
  return ms;
}

/** Loads the history into a fresh database; returns its url and the import figures. */
async function load(): Promise<{
  url: string;
  importMs: number;
  rawMs: number;
  drop: () => Promise<void>;
}> {
  const scratch = await scratchDatabase(ADMIN_URL, 'gridloop_assess_bench');
  const db = openPostgres(scratch.url, 4);
  try {
    await migrate(db);
    const deps = benchDeps(db);
    await syncReferenceData(deps);
    const demo = await loadDemoCity(deps, { seed: 1, components: 200 });
    if (!demo.ok) throw new Error(JSON.stringify(demo.error));
    const cal = await calendarForDistrict(db, '530114');
    const workingDays = historyDays(cal, { months: 12, end: deps.clock.now() }).length;
    const perDay = Math.max(1, Math.round(N / workingDays));
    console.log(`import: 12 months, ${perDay} cases per working day (${workingDays} days)`);
    let last = 0;
    const t0 = now();
    const r = await loadHistory(deps, { months: 12, perDay, rollUp: false }, (p) => {
      if (now() - last > 15_000 || p.done === p.total) {
        last = now();
        console.log(
          `  ${fmt(p.done)}/${fmt(p.total)} cases, ${fmt((p.done / (now() - t0)) * 1000)}/s`,
        );
      }
    });
    const importMs = now() - t0;
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    console.log(
      `imported ${fmt(r.value.cases)} cases, ${fmt(r.value.events)} events in ${(importMs / 1000).toFixed(1)} s (${fmt((r.value.cases / importMs) * 1000)} cases/s); ${machineLine()}`,
    );
    const rawMs = await rawInsertMs(db);
    console.log(`raw INSERT … SELECT of the same rows: ${(rawMs / 1000).toFixed(1)} s`);
    const t1 = now();
    const rolled = await rollUpAll(deps, 5000);
    console.log(`roll-up of ${fmt(rolled.events)} events: ${((now() - t1) / 1000).toFixed(1)} s`);
    await db.query('ANALYZE');
    if (process.env.ASSESS_BENCH_KEEP)
      console.log(`kept ${scratch.url} (--reuse ${new URL(scratch.url).pathname.slice(1)})`);
    return {
      url: scratch.url,
      importMs,
      rawMs,
      drop: process.env.ASSESS_BENCH_KEEP ? async () => undefined : scratch.drop,
    };
  } finally {
    await db.close();
  }
}

const ADMIN: Principal = {
  userId: 'bench',
  username: 'bench',
  displayName: 'bench',
  role: 'admin',
  districtCode: '530100',
  regionScope: [],
};

/** The last full month before now, as YYYY-MM, and its local bounds. */
function lastMonth(): { label: string; from: string; to: string } {
  const d = new Date(Date.now() + 8 * 3_600_000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth(); // 0-based: the current month; the last full one is m - 1
  const start = new Date(Date.UTC(y, m - 1, 1));
  const end = new Date(Date.UTC(y, m, 1));
  const day = (x: Date) => x.toISOString().slice(0, 10);
  return { label: day(start).slice(0, 7), from: day(start), to: day(end) };
}

/** The naive month: fold the history of every case with an event in the month, sum its days. */
async function naiveMonth(
  db: Db,
  district: string,
  month: { from: string; to: string },
  head: number,
): Promise<DailySum[]> {
  const local = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`));
  const ids = (
    await db.query<{ case_id: string }>(
      `SELECT DISTINCT case_id FROM case_events
       WHERE district_code = $1 AND at >= $2 AND at < $3`,
      [district, local(month.from), local(month.to)],
    )
  ).rows.map((r) => r.case_id);
  ids.sort();
  const cal = await calendarForDistrict(db, district);
  const sums = new Map<string, DailySum>();
  for (let i = 0; i < ids.length; i += 1000) {
    const events = await store.readCaseHistories(db, district, ids.slice(i, i + 1000), head);
    let track: CaseTrack = NEW_TRACK;
    let current = '';
    for (const { event, profile } of events) {
      if (profile.caseId !== current) {
        current = profile.caseId;
        track = NEW_TRACK;
      }
      const r = foldCaseEvent(track, event, profile, cal);
      track = r.track;
      sumFactsByDay(
        r.facts.filter((f) => f.day >= month.from && f.day < month.to),
        sums,
      );
    }
  }
  return dailyRows(sums);
}

const key = (rows: readonly DailySum[]) =>
  rows
    .map((r) =>
      JSON.stringify([r.day, r.partyKind, r.partyId, r.categoryCode, r.metric, r.n, r.value]),
    )
    .sort();

async function measureMonth(url: string): Promise<{ monthMs: number; naiveMs: number }> {
  const db = openPostgres(url, 4);
  try {
    const deps = benchDeps(db);
    await rollUpAll(deps, 5000); // a kept database may have events not yet folded
    const month = lastMonth();
    const districts = (
      await db.query<{ d: string }>('SELECT DISTINCT district_code AS d FROM cases ORDER BY 1')
    ).rows.map((r) => r.d.trim());
    const t0 = now();
    let parties = 0;
    for (const d of districts) {
      for (const level of ASSESSMENT_LEVELS) {
        const r = await assessDistrict(deps, {
          principal: ADMIN,
          period: month.label,
          level,
          districtCode: d,
        });
        if (!r.ok) throw new Error(JSON.stringify(r.error));
        parties += r.value.parties.length;
      }
    }
    const monthMs = now() - t0;
    console.log(
      `month ${month.label}: ${districts.length} districts × ${ASSESSMENT_LEVELS.length} levels, ${fmt(parties)} parties assessed from the roll-ups in ${monthMs.toFixed(0)} ms`,
    );
    const head = await store.outboxHead(db);
    const t1 = now();
    const naive = new Map<string, DailySum[]>();
    for (const d of districts) naive.set(d, await naiveMonth(db, d, month, head));
    const naiveMs = now() - t1;
    for (const d of districts) {
      const stored = (await store.listDaily(db, d)).filter(
        (r) => r.day >= month.from && r.day < month.to,
      );
      const a = key(stored);
      const b = key(naive.get(d) ?? []);
      if (JSON.stringify(a) !== JSON.stringify(b))
        throw new Error(`district ${d}: the roll-up's month differs from the naive fold`);
    }
    console.log(`naive fold of the month's raw events: ${naiveMs.toFixed(0)} ms (same daily sums)`);
    return { monthMs, naiveMs };
  } finally {
    await db.close();
  }
}

async function cockpitP95(url: string): Promise<{ summary: number; trend: number }> {
  const server = await startServer({ DATABASE_URL: url, GRIDLOOP_SESSION_SECRET: 'assess-bench' });
  try {
    const token = await login(server.url, 'commander');
    const run = async (path: string) => {
      const times: number[] = [];
      let next = 0;
      let bad = 0;
      const client = async () => {
        while (next++ < REQUESTS) {
          const t0 = now();
          const res = await fetch(`${server.url}${path}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          await res.arrayBuffer();
          if (res.status !== 200) bad++;
          times.push(now() - t0);
        }
      };
      await Promise.all(Array.from({ length: CLIENTS }, client));
      if (bad > 0) throw new Error(`${path}: ${bad} answers were not 200`);
      return quantile(times, 0.95);
    };
    await run('/api/v1/cockpit'); // warm-up
    const summary = await run('/api/v1/cockpit');
    const trend = await run('/api/v1/cockpit/trend');
    console.log(
      `cockpit p95 at ${CLIENTS} clients: summary ${summary.toFixed(1)} ms, trend ${trend.toFixed(1)} ms`,
    );
    return { summary, trend };
  } finally {
    await stopServer(server);
  }
}

async function main(): Promise<void> {
  console.log(machineLine());
  let url: string;
  let ratio = NaN;
  let drop: () => Promise<void> = async () => undefined;
  if (REUSE !== undefined) {
    url = databaseUrl(REUSE);
    const db = openPostgres(url, 2);
    await migrate(db).finally(() => db.close());
  } else {
    const l = await load();
    url = l.url;
    ratio = l.rawMs / l.importMs;
    drop = l.drop;
  }
  try {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const cases = Number((await c.query('SELECT count(*) AS n FROM cases')).rows[0].n);
    await c.end();
    const m = await measureMonth(url);
    const cockpit = await cockpitP95(url);
    console.log(
      `RESULT assess cases=${cases} month_ms=${Math.round(m.monthMs)} naive_ms=${Math.round(m.naiveMs)} cockpit_p95_ms=${cockpit.summary.toFixed(1)} import_ratio=${ratio.toFixed(3)}`,
    );
  } finally {
    await drop();
  }
}

await main();
