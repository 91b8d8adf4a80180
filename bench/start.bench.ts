/**
 * `npm run bench:start`: time from spawning `gridloop start` (what `npm start` runs) on a fresh
 * data directory to the first successful `GET /api/v1/locate`, for the first run (initdb, PostGIS,
 * migrations, reference data, demo city) and for a restart. Prints when each phase's log line
 * appeared, and a baseline: opening PGlite with PostGIS alone on a fresh in-memory database.
 *
 * Env: BENCH_PORT (default 18480), DATABASE_URL (PostgreSQL instead of the embedded default;
 * then it must point at an empty database).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { openPglite } from '../src/store/pglite.ts';

const PORT = Number(process.env.BENCH_PORT ?? 18480);
// The middle of the demo city: always inside some unit grid.
const LOCATE = `http://127.0.0.1:${PORT}/api/v1/locate?lng=102.74&lat=25.02`;
const TSX = join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx');
const MAIN = join(import.meta.dirname, '..', 'src', 'cli', 'main.ts');

// Log lines that mark the phases of a start, in order.
const MARKS: readonly (readonly [string, RegExp])[] = [
  ['migrated', /migrations applied/],
  ['demo_started', /first run: loading the demo city/],
  ['demo_loaded', /演示城市已加载/],
  ['listening', /listening: http/],
  ['ready', /就绪 ready in/],
];

type Run = {
  seconds: number;
  marks: Record<string, number>;
  breakdown: string;
  peakRssMb: number | null;
};

async function located(): Promise<boolean> {
  try {
    const res = await fetch(LOCATE);
    if (res.status !== 200) return false;
    const body = (await res.json()) as { grid?: { code?: string } };
    return typeof body.grid?.code === 'string';
  } catch {
    return false;
  }
}

async function timeStart(dataDir: string): Promise<Run> {
  const t0 = performance.now();
  const child = spawn(TSX, [MAIN, 'start'], {
    env: {
      ...process.env,
      GRIDLOOP_DATA_DIR: dataDir,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const marks: Record<string, number> = {};
  let output = '';
  let breakdown = '';
  const watch = (chunk: Buffer) => {
    output += chunk.toString();
    breakdown ||= /就绪 ready in [^\n]*/.exec(output)?.[0] ?? '';
    for (const [name, re] of MARKS)
      if (marks[name] === undefined && re.test(output))
        marks[name] = (performance.now() - t0) / 1000;
  };
  child.stdout.on('data', watch);
  child.stderr.on('data', watch);
  let exited = false;
  child.on('exit', () => (exited = true));
  try {
    for (;;) {
      if (exited) throw new Error(`gridloop start exited early:\n${output}`);
      if (await located()) break;
      await sleep(50);
    }
    const seconds = (performance.now() - t0) / 1000;
    const rss = await peakRss(child.pid);
    return { seconds, marks, breakdown, peakRssMb: rss };
  } finally {
    child.kill('SIGTERM');
    while (!exited) await sleep(50);
  }
}

/** Peak RSS of the server's process tree (tsx runs node as a child), from /proc. */
async function peakRss(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  const { readFile } = await import('node:fs/promises');
  const { execFileSync } = await import('node:child_process');
  let total = 0;
  const pids = [
    String(pid),
    ...execFileSync('pgrep', ['-P', String(pid)])
      .toString()
      .split('\n')
      .filter(Boolean),
  ];
  for (const p of pids) {
    const status = await readFile(`/proc/${p}/status`, 'utf8').catch(() => '');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    if (m) total = Math.max(total, Number(m[1]) / 1024);
  }
  return Math.round(total);
}

async function baseline(): Promise<number> {
  const t0 = performance.now();
  const db = await openPglite();
  await db.exec('CREATE EXTENSION IF NOT EXISTS postgis');
  await db.close();
  return (performance.now() - t0) / 1000;
}

const dir = await mkdtemp(join(tmpdir(), 'gridloop-start-bench-'));
try {
  const first = await timeStart(dir);
  const again = await timeStart(dir);
  const base = await baseline();
  const show = (name: string, r: Run) =>
    console.log(
      `${name}: ${r.seconds.toFixed(1)} s to first locate; ` +
        Object.entries(r.marks)
          .map(([k, v]) => `${k} at ${v.toFixed(1)} s`)
          .join(', ') +
        `; peak RSS ${r.peakRssMb ?? '?'} MB\n  ${r.breakdown}`,
    );
  show('first run', first);
  show('restart', again);
  console.log(`baseline: PGlite + CREATE EXTENSION postgis in memory ${base.toFixed(1)} s`);
  console.log(
    `RESULT start first_run_s=${first.seconds.toFixed(2)} restart_s=${again.seconds.toFixed(2)} ` +
      `baseline_pglite_postgis_s=${base.toFixed(2)} first_run_peak_rss_mb=${first.peakRssMb ?? 0}`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
