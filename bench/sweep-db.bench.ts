/**
 * bench:sweep-db — the deadline sweep in the database over many open cases.
 *
 * 1. A fresh database (PostgreSQL from DATABASE_URL, default postgres://postgres@127.0.0.1:5432/
 *    postgres as the admin connection, and the embedded PGlite), migrated.
 * 2. SWEEP_BENCH_CASES open cases (default 1,000,000 on PostgreSQL, SWEEP_BENCH_PGLITE_CASES
 *    default 200,000 on PGlite) inserted with generate_series, timers on time except
 *    SWEEP_BENCH_CHANGE_PCT % (default 0.5 %) past their due instant and as many past their
 *    warning instant, as a sweep running every minute would find them.
 * 3. Times `sweepDeadlines` (the set-based UPDATE … RETURNING + INSERT of one event per change),
 *    then a second sweep that finds nothing (the index scan alone), and as the baseline a plain
 *    count of the same rows through the same partial indexes.
 *
 * Ends with: RESULT sweep_db pg_cases=… pg_changes=… pg_sweep_ms=… pg_idle_sweep_ms=…
 *   pg_count_ms=… pglite_cases=… pglite_sweep_ms=… pglite_idle_sweep_ms=…
 */
import { sweepDeadlines } from '../src/services/deadlines/sweep.ts';
import type { Db } from '../src/store/db.ts';
import { migrate } from '../src/store/migrate.ts';
import { openPglite } from '../src/store/pglite.ts';
import { openPostgres } from '../src/store/postgres.ts';
import { benchDeps, machineLine, scratchDatabase } from './setup.ts';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PG_CASES = Number(process.env.SWEEP_BENCH_CASES ?? 1_000_000);
const PGLITE_CASES = Number(process.env.SWEEP_BENCH_PGLITE_CASES ?? 200_000);
const CHANGE_PCT = Number(process.env.SWEEP_BENCH_CHANGE_PCT ?? 0.5);
const NOW = new Date('2026-03-02T06:00:00Z');

/** n open cases in 530114; every k-th is overdue, every k-th + 1 in its warning window. */
async function fill(db: Db, n: number): Promise<void> {
  const every = Math.max(2, Math.round(100 / CHANGE_PCT));
  const chunk = 100_000;
  for (let from = 1; from <= n; from += chunk) {
    const to = Math.min(n, from + chunk - 1);
    await db.query(
      `INSERT INTO cases (id, case_number, district_code, source, kind, category_scheme,
         category_code, urgency, lng, lat, grid_code, community_code, street_code, loop_level,
         status, main_unit_id, active_step, due_at, warn_at, timer_state, version, created_at,
         updated_at)
       SELECT 'bench-' || i, '530114-20260301-' || lpad(i::text, 7, '0'), '530114',
         'supervisor', 'event', 'gbt47678.5-2026', '01005', 'normal',
         102.8 + (i % 1000) * 0.0001, 24.8 + (i / 1000) * 0.00001,
         '530114001001001', '530114001001', '530114001', 'district', 'handling',
         'u-530100-power', 'handle',
         CASE WHEN i % $3 = 0 THEN $4::timestamptz - interval '1 hour'
              ELSE $4::timestamptz + interval '3 days' END,
         CASE WHEN i % $3 IN (0, 1) THEN $4::timestamptz - interval '2 hours'
              ELSE $4::timestamptz + interval '2 days' END,
         'on_time', 1, $4::timestamptz - interval '1 day', $4::timestamptz - interval '1 day'
       FROM generate_series($1::int, $2::int) AS i`,
      [from, to, every, NOW],
    );
  }
  await db.exec('ANALYZE cases');
}

async function countBaseline(db: Db): Promise<number> {
  const t0 = performance.now();
  await db.query(
    `SELECT (SELECT count(*) FROM cases WHERE due_at < $1 AND status IN ('pending_verification',
       'pending_filing', 'pending_dispatch', 'dispatched', 'handling', 'pending_recheck',
       'pending_close')) + (SELECT count(*) FROM cases WHERE warn_at <= $1 AND status IN
       ('pending_verification', 'pending_filing', 'pending_dispatch', 'dispatched', 'handling',
       'pending_recheck', 'pending_close')) AS n`,
    [NOW],
  );
  return performance.now() - t0;
}

async function run(kind: string, db: Db, n: number) {
  await migrate(db);
  const t0 = performance.now();
  await fill(db, n);
  console.log(
    `${kind}: ${n.toLocaleString('en-US')} open cases inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );
  const deps = benchDeps(db, { now: () => NOW });
  const count = await countBaseline(db);
  const s0 = performance.now();
  const r = await sweepDeadlines(deps);
  const sweep = performance.now() - s0;
  const i0 = performance.now();
  const idle = await sweepDeadlines(deps);
  const idleMs = performance.now() - i0;
  if (idle.overdue + idle.warning !== 0) throw new Error('second sweep changed cases');
  const changes = r.overdue + r.warning;
  console.log(
    `${kind}: sweep ${sweep.toFixed(0)} ms (${r.overdue} overdue, ${r.warning} warning, one event each); ` +
      `idle sweep ${idleMs.toFixed(0)} ms; baseline count ${count.toFixed(0)} ms`,
  );
  return { sweep, idleMs, count, changes };
}

console.log(machineLine());
const scratch = await scratchDatabase(ADMIN_URL, 'gridloop_bench_sweep');
const pgDb = openPostgres(scratch.url, 2);
let p: Awaited<ReturnType<typeof run>>;
try {
  p = await run('postgres', pgDb, PG_CASES);
} finally {
  await pgDb.close();
  await scratch.drop();
}
const lite = await openPglite();
let l: Awaited<ReturnType<typeof run>>;
try {
  l = await run('pglite', lite, PGLITE_CASES);
} finally {
  await lite.close();
}
console.log(
  `RESULT sweep_db pg_cases=${PG_CASES} pg_changes=${p.changes} pg_sweep_ms=${p.sweep.toFixed(0)} ` +
    `pg_idle_sweep_ms=${p.idleMs.toFixed(0)} pg_count_ms=${p.count.toFixed(0)} ` +
    `pglite_cases=${PGLITE_CASES} pglite_changes=${l.changes} pglite_sweep_ms=${l.sweep.toFixed(0)} ` +
    `pglite_idle_sweep_ms=${l.idleMs.toFixed(0)}`,
);
