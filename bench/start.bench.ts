/**
 * `npm run bench:start`: time from spawning `gridloop start` (what `npm start` runs) on a fresh
 * data directory to the first successful `GET /api/v1/locate`, for the first run (initdb, PostGIS,
 * migrations, reference data, demo city) and for a restart. Prints when each phase's log line
 * appeared, and beside them the floor: PGlite alone opening the same data directory with PostGIS
 * (the package's bundle, and the slim bundle gridloop loads) and answering a PostGIS query, and
 * the load average of the machine before and after.
 *
 * Env: BENCH_PORT (default 18480), DATABASE_URL (PostgreSQL instead of the embedded default;
 * then it must point at an empty database).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { slimPostgis } from '../src/store/pglite-postgis.ts';

const PORT = Number(process.env.BENCH_PORT ?? 18480);
// The middle of the demo city: always inside some unit grid.
const LOCATE = `http://127.0.0.1:${PORT}/api/v1/locate?lng=102.74&lat=25.02`;
const ROOT = join(import.meta.dirname, '..');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');

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
  /** CPU time the server's processes used until the first locate (robust to a busy machine) */
  cpuSeconds: number | null;
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
  // What `npm start` runs: one node process with the tsx loader (the tsx CLI would spawn a second).
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'start'], {
    cwd: ROOT,
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
    return { seconds, cpuSeconds: await cpuTime(child.pid), marks, breakdown, peakRssMb: rss };
  } finally {
    child.kill('SIGTERM');
    while (!exited) await sleep(50);
  }
}

/** The server's process and its children (the tsx CLI runs node as a child). */
function processTree(pid: number): string[] {
  return [
    String(pid),
    // pgrep exits 1 when the process has no children (node --import tsx runs in one process).
    ...(() => {
      try {
        return execFileSync('pgrep', ['-P', String(pid)])
          .toString()
          .split('\n')
          .filter(Boolean);
      } catch {
        return [];
      }
    })(),
  ];
}

/** User + system CPU seconds of the server's process tree so far, from /proc (Linux). */
async function cpuTime(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  let ticks = 0;
  for (const p of processTree(pid)) {
    const stat = await readFile(`/proc/${p}/stat`, 'utf8').catch(() => '');
    // Fields after the command name "(...)": utime and stime are the 12th and 13th.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(f[11] ?? 0) + Number(f[12] ?? 0);
  }
  return ticks / 100; // USER_HZ
}

/** Peak RSS of the server's process tree, from /proc. */
async function peakRss(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  let total = 0;
  const pids = processTree(pid);
  for (const p of pids) {
    const status = await readFile(`/proc/${p}/status`, 'utf8').catch(() => '');
    const m = /VmHWM:\s+(\d+) kB/.exec(status);
    if (m) total = Math.max(total, Number(m[1]) / 1024);
  }
  return Math.round(total);
}

/** PGlite alone: open the data directory with PostGIS and answer a PostGIS query (seconds). */
async function pgliteOpen(dataDir: string, slim: boolean): Promise<number> {
  const t0 = performance.now();
  const pg = await PGlite.create({
    dataDir: join(dataDir, 'pg'),
    extensions: { postgis: slim ? slimPostgis(join(dataDir, 'cache')) : postgis },
  });
  await pg.query('SELECT ST_AsText(ST_Point(102.74, 25.02))');
  const seconds = (performance.now() - t0) / 1000;
  await pg.close();
  return seconds;
}

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

const dir = await mkdtemp(join(tmpdir(), 'gridloop-start-bench-'));
try {
  const loadBefore = load();
  const first = await timeStart(dir);
  const again = await timeStart(dir);
  const open = await pgliteOpen(dir, false);
  const openSlim = await pgliteOpen(dir, true);
  const loadAfter = load();
  const show = (name: string, r: Run) =>
    console.log(
      `${name}: ${r.seconds.toFixed(1)} s to first locate (${r.cpuSeconds?.toFixed(1) ?? '?'} s CPU); ` +
        Object.entries(r.marks)
          .map(([k, v]) => `${k} at ${v.toFixed(1)} s`)
          .join(', ') +
        `; peak RSS ${r.peakRssMb ?? '?'} MB\n  ${r.breakdown}`,
    );
  show('first run', first);
  show('restart', again);
  console.log(
    `PGlite alone opening the same data directory and answering a PostGIS query: ` +
      `${open.toFixed(1)} s with the package's PostGIS bundle, ${openSlim.toFixed(1)} s with the slim one`,
  );
  console.log(`load average (1, 5, 15 min): before ${loadBefore}, after ${loadAfter}`);
  const ms = (s: number) => Math.round(s * 1000);
  console.log(
    `RESULT start first_start_ms=${ms(first.seconds)} restart_ms=${ms(again.seconds)} ` +
      `pglite_open_ms=${ms(open)} pglite_slim_open_ms=${ms(openSlim)} ` +
      `first_start_cpu_ms=${ms(first.cpuSeconds ?? 0)} restart_cpu_ms=${ms(again.cpuSeconds ?? 0)} ` +
      `first_start_peak_rss_mb=${first.peakRssMb ?? 0} load1=${loadavg()[0]?.toFixed(2) ?? 0}`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
