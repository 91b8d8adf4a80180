/**
 * bench:locate — the in-process grid index against PostGIS ST_Contains, in the same run.
 *
 * 1. Generates the default demo city (seed 1, 1,272 grids) with the demo-city generator and loads its
 *    regions and grids into an in-memory PGlite (and, when DATABASE_URL is set, into a scratch
 *    database on that PostgreSQL server, dropped afterwards).
 * 2. Builds the locate index from the database exactly as the service does (ST_AsGeoJSON rows).
 * 3. Draws 1,000,000 points with a seeded PRNG inside the city's bounding box and times the index
 *    over all of them on this one thread (best of 3 passes after a warm-up pass).
 * 4. Times PostGIS over a sample of the same points (the first SAMPLE points, one batched
 *    `unnest(...) JOIN grids ON ST_Contains(...)` query per BATCH points, using the gist index)
 *    and reports the sample's rate: points/s extrapolated from the sample, not from all 1,000,000.
 * 5. Checks the index and PostGIS agree on every sampled point (same grid, or both none).
 *
 * Ends with: RESULT locate index_points_per_s=… postgis_points_per_s=… ratio=… agree_pct=…
 * (postgis = embedded PGlite; postgres_* keys are added when DATABASE_URL is set).
 * Environment: LOCATE_BENCH_SAMPLE (PostGIS sample size), LOCATE_BENCH_GRIDS (demo city size).
 */
import { availableParallelism, loadavg } from 'node:os';
import { generateCity } from '../src/domain/demo-city/index.ts';
import { buildGridIndex, findGridAt, locateInIndex } from '../src/domain/geo/index.ts';
import { bumpSpatialRevision, insertGrids, insertRegions } from '../src/store/base-data.store.ts';
import type { Db } from '../src/store/db.ts';
import { findGridsContainingPoints, listGridsForIndex } from '../src/store/grids.store.ts';
import { migrate } from '../src/store/migrate.ts';
import { openPglite } from '../src/store/pglite.ts';
import { openPostgres } from '../src/store/postgres.ts';
import { prng } from './prng.ts';
import { scratchDatabase } from './setup.ts';

const POINTS = 1_000_000;
const SAMPLE = Number(process.env.LOCATE_BENCH_SAMPLE ?? 50_000);
// The demo city's size: Kunming's 1,272 grids by default; e.g. 20000 to see how the index scales.
const GRIDS = Number(process.env.LOCATE_BENCH_GRIDS ?? 1272);
const BATCH = 10_000;
const SEED = 20261124;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const seconds = (ms: number) => (ms / 1000).toFixed(3);

async function loadCity(db: Db): Promise<number> {
  const city = generateCity({
    seed: 1,
    grids: GRIDS,
    components: 0,
    storefronts: 0,
    categories: [],
  });
  if (!city.ok) throw new Error(`demo city: ${JSON.stringify(city.error)}`);
  await db.transaction(async (tx) => {
    await insertRegions(tx, city.value.regions);
    await insertGrids(tx, city.value.grids);
    await bumpSpatialRevision(tx);
  });
  return city.value.grids.length;
}

type PostgisRun = { pointsPerS: number; agreePct: number; ms: number };

async function timePostgis(
  db: Db,
  xs: Float64Array,
  ys: Float64Array,
  expected: (string | null)[],
): Promise<PostgisRun> {
  const found: (string | null)[] = new Array<string | null>(SAMPLE).fill(null);
  // Warm the connection and the planner on a small batch first.
  await findGridsContainingPoints(
    db,
    Array.from(xs.subarray(0, 100)),
    Array.from(ys.subarray(0, 100)),
  );
  const t0 = performance.now();
  for (let start = 0; start < SAMPLE; start += BATCH) {
    const end = Math.min(SAMPLE, start + BATCH);
    const rows = await findGridsContainingPoints(
      db,
      Array.from(xs.subarray(start, end)),
      Array.from(ys.subarray(start, end)),
    );
    for (const r of rows) found[start + r.index] = r.code;
  }
  const ms = performance.now() - t0;
  let agree = 0;
  for (let i = 0; i < SAMPLE; i++) if (found[i] === expected[i]) agree++;
  return { pointsPerS: (SAMPLE / ms) * 1000, agreePct: (agree / SAMPLE) * 100, ms };
}

async function withScratchPostgres<T>(url: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const scratch = await scratchDatabase(url, 'gridloop_bench_locate');
  const db = openPostgres(scratch.url, 2);
  try {
    await migrate(db);
    await loadCity(db);
    return await fn(db);
  } finally {
    await db.close();
    await scratch.drop();
  }
}

async function main(): Promise<void> {
  console.log('bench:locate — in-process grid index vs PostGIS ST_Contains');
  // Other processes compete for the cores; the load average says how much.
  console.log(`machine: ${availableParallelism()} cores, load average ${loadavg()[0]!.toFixed(1)}`);
  const db = await openPglite();
  await migrate(db);
  const grids = await loadCity(db);

  let t = performance.now();
  const rows = await listGridsForIndex(db);
  const readMs = performance.now() - t;
  t = performance.now();
  const index = buildGridIndex(rows);
  const buildMs = performance.now() - t;
  const vertices = index.coords.length / 2;
  console.log(
    `grids: ${fmt(grids)} (demo city seed 1), ${fmt(vertices)} vertices; ` +
      `read from PGlite ${seconds(readMs)} s, index built in ${seconds(buildMs)} s`,
  );

  const tree = index.tree;
  if (tree === null) throw new Error('no grids loaded');
  const rnd = prng(SEED);
  const xs = new Float64Array(POINTS);
  const ys = new Float64Array(POINTS);
  for (let i = 0; i < POINTS; i++) {
    xs[i] = tree.minX + rnd() * (tree.maxX - tree.minX);
    ys[i] = tree.minY + rnd() * (tree.maxY - tree.minY);
  }
  console.log(
    `points: ${fmt(POINTS)} uniform in the city bbox ` +
      `[${tree.minX.toFixed(4)}, ${tree.minY.toFixed(4)}, ${tree.maxX.toFixed(4)}, ${tree.maxY.toFixed(4)}], PRNG seed ${SEED}`,
  );

  // Index: one warm-up pass, then the best of three timed passes over all points.
  const codes: (string | null)[] = new Array<string | null>(POINTS).fill(null);
  let inside = 0;
  for (let i = 0; i < POINTS; i++) {
    const g = findGridAt(index, xs[i]!, ys[i]!);
    if (g !== undefined) {
      codes[i] = g.code;
      inside++;
    }
  }
  let bestMs = Infinity;
  for (let pass = 0; pass < 3; pass++) {
    let hits = 0;
    const t0 = performance.now();
    for (let i = 0; i < POINTS; i++) if (findGridAt(index, xs[i]!, ys[i]!) !== undefined) hits++;
    const ms = performance.now() - t0;
    if (hits !== inside) throw new Error('index gave different answers between passes');
    bestMs = Math.min(bestMs, ms);
  }
  const indexRate = (POINTS / bestMs) * 1000;
  console.log(
    `index: ${fmt(POINTS)} points in ${seconds(bestMs)} s (best of 3) = ${fmt(indexRate)} points/s on one thread; ` +
      `${((inside / POINTS) * 100).toFixed(2)}% inside a grid`,
  );

  // For information: the full locate (nearest grid + distance for points outside every grid).
  const fullN = Math.min(POINTS, 200_000);
  const t1 = performance.now();
  for (let i = 0; i < fullN; i++) locateInIndex(index, xs[i]!, ys[i]!);
  const fullRate = (fullN / (performance.now() - t1)) * 1000;
  console.log(
    `index with nearest-grid answers for outside points: ${fmt(fullRate)} points/s (${fmt(fullN)} points)`,
  );

  const sampleCodes = codes.slice(0, SAMPLE);
  const lite = await timePostgis(db, xs, ys, sampleCodes);
  console.log(
    `PostGIS on PGlite: ${fmt(SAMPLE)} of the points (sample), ${SAMPLE / BATCH} batched ST_Contains queries, ` +
      `${seconds(lite.ms)} s = ${fmt(lite.pointsPerS)} points/s (rate of the sample); agreement ${lite.agreePct.toFixed(3)}%`,
  );
  await db.close();

  const fields = [
    `index_points_per_s=${Math.round(indexRate)}`,
    `postgis_points_per_s=${Math.round(lite.pointsPerS)}`,
    `ratio=${(indexRate / lite.pointsPerS).toFixed(1)}`,
    `agree_pct=${lite.agreePct.toFixed(3)}`,
  ];
  const url = process.env.DATABASE_URL;
  if (url) {
    const pgRun = await withScratchPostgres(url, (pgDb) => timePostgis(pgDb, xs, ys, sampleCodes));
    console.log(
      `PostGIS on PostgreSQL (DATABASE_URL, scratch database): ${fmt(SAMPLE)} sampled points in ${seconds(pgRun.ms)} s = ` +
        `${fmt(pgRun.pointsPerS)} points/s; agreement ${pgRun.agreePct.toFixed(3)}%`,
    );
    fields.push(
      `postgres_points_per_s=${Math.round(pgRun.pointsPerS)}`,
      `postgres_ratio=${(indexRate / pgRun.pointsPerS).toFixed(1)}`,
      `postgres_agree_pct=${pgRun.agreePct.toFixed(3)}`,
    );
  }
  console.log(`ratio index/PostGIS(PGlite): ${(indexRate / lite.pointsPerS).toFixed(1)}×`);
  console.log(`RESULT locate ${fields.join(' ')}`);
}

await main();
