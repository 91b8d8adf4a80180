/**
 * `npm run bench:demo`: generates and loads a demo city at scale into a fresh database and
 * reports rows/s and the peak RSS of this process; the baseline is the generator alone.
 *
 * Env: BENCH_GRIDS (default 20000), BENCH_COMPONENTS (default 5000000), BENCH_BATCH (10000),
 * BENCH_DATABASE_URL (PostgreSQL server URL: a scratch database is created on it and dropped;
 * default: embedded PGlite in a temporary data directory). On PostgreSQL the server's own
 * memory is not in the RSS figure.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCity } from '../src/domain/demo-city/index.ts';
import { progressBar } from '../src/cli/commands/demo.ts';
import { syncReferenceData } from '../src/services/reference/sync-reference-data.ts';
import { loadDemoCity } from '../src/services/demo/load-demo.ts';
import type { Db } from '../src/store/db.ts';
import { migrate } from '../src/store/migrate.ts';
import { openPglite } from '../src/store/pglite.ts';
import { openPostgres } from '../src/store/postgres.ts';
import { benchDeps, scratchDatabase } from './setup.ts';

const GRIDS = Number(process.env.BENCH_GRIDS ?? 20_000);
const COMPONENTS = Number(process.env.BENCH_COMPONENTS ?? 5_000_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 10_000);
const PG_URL = process.env.BENCH_DATABASE_URL;

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

async function openScratch(): Promise<{ db: Db; drop: () => Promise<void> }> {
  if (PG_URL) {
    const scratch = await scratchDatabase(PG_URL, 'gridloop_bench_demo');
    return { db: openPostgres(scratch.url, 2), drop: scratch.drop };
  }
  const dir = await mkdtemp(join(tmpdir(), 'gridloop-demo-bench-'));
  const db = await openPglite({ dataDir: join(dir, 'pg') });
  return { db, drop: () => rm(dir, { recursive: true, force: true }) };
}

/** Baseline: the generator alone, over up to a million components. */
async function generatorRowsPerSecond(): Promise<number> {
  const csv = await readFile(
    join(import.meta.dirname, '..', 'reference/catalogue/source-categories.csv'),
    'utf8',
  );
  const categories = csv
    .split('\n')
    .map((l) => l.split(','))
    .filter((c) => c[0] === 'component' && /^\d{5}$/.test(c[3] ?? ''))
    .map((c) => ({ code: c[3]!, nameZh: c[4]! }));
  const n = Math.min(COMPONENTS, 1_000_000);
  const city = generateCity({ seed: 1, grids: GRIDS, components: n, categories });
  if (!city.ok) throw new Error(JSON.stringify(city.error));
  const t0 = performance.now();
  let count = 0;
  const stream = city.value.components();
  while (stream.next().done !== true) count++;
  return count / ((performance.now() - t0) / 1000);
}

const kind = PG_URL ? 'postgres' : 'pglite';
const { db, drop } = await openScratch();
try {
  await migrate(db);
  const deps = benchDeps(db);
  await syncReferenceData(deps);
  const rssBefore = peakRssMb();
  const t0 = performance.now();
  const r = await loadDemoCity(
    deps,
    { grids: GRIDS, components: COMPONENTS, batchSize: BATCH },
    progressBar(),
  );
  const seconds = (performance.now() - t0) / 1000;
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const c = r.value.counts;
  const rows =
    c.regions + c.grids + c.units + c.staff + c.assignments + c.storefronts + c.components;
  const peak = peakRssMb();
  const gen = await generatorRowsPerSecond();
  console.log(
    `${kind}: ${rows.toLocaleString('en-US')} rows (${c.grids} grids, ${c.components} components) in ${seconds.toFixed(1)} s = ` +
      `${Math.round(rows / seconds).toLocaleString('en-US')} rows/s; peak RSS ${peak} MB (${rssBefore} MB before loading); ` +
      `generator alone ${Math.round(gen).toLocaleString('en-US')} components/s`,
  );
  console.log(
    `RESULT demo grids=${c.grids} components=${c.components} seconds=${seconds.toFixed(1)} ` +
      `rows_per_s=${Math.round(rows / seconds)} peak_rss_mb=${peak} rss_before_load_mb=${rssBefore} ` +
      `generator_rows_per_s=${Math.round(gen)} postgres=${PG_URL ? 1 : 0}`,
  );
} finally {
  await db.close();
  await drop();
}
