/**
 * `npm run bench:web`: the console against a real server (embedded database, demo city with
 * 1,272 grids, 100,000 components and 50,000 open cases, built bundle at `/`) in Debian's
 * headless chromium:
 * - first_load_ms: a signed-in dispatcher opens the console on the dispatch workbench, until the
 *   queue is drawn (page load, bundle, /auth/me, case-actions, the queue);
 * - map_frame_p95_ms: the city administrator's map of the whole city from the platform's vector
 *   tiles (districts, streets, communities, grids, components, cases), p95 of
 *   requestAnimationFrame intervals while panning for 3 s (software WebGL: SwiftShader,
 *   --disable-gpu); map_ready_ms is the time to the first drawn map, and grids / components /
 *   cases are the distinct features in the tiles drawn (points of one colour less than half a
 *   pixel apart are one dot: the rest are in the tiles of the next zoom levels);
 * - bundle_gzip_kb: gzip size of what the first page loads (index, antd, echarts chunks), and
 *   of the whole bundle (the map chunk loads with the map page).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WEB_DIR } from '../src/main.ts';
import { shot, signIn, startHarness } from '../test/browser/harness.ts';
import setupTemplate from '../test/helpers/global-setup.ts';
import type { Db } from '../src/store/db.ts';
import { machineLine } from './setup.ts';

/**
 * n open cases awaiting dispatch spread over the unit grids (a few metres around a point of
 * each grid), their timers on time, in warning, overdue or paused, as the sweep bench does it.
 */
async function addOpenCases(db: Db, n: number): Promise<void> {
  await db.query(
    `INSERT INTO cases (id, case_number, district_code, source, kind, category_scheme,
       category_code, urgency, lng, lat, grid_code, community_code, street_code, loop_level,
       status, active_step, due_at, warn_at, paused_at, timer_state, version, created_at, updated_at)
     SELECT 'mapbench-' || i, g.district_code || '-20250301-' || lpad(i::text, 6, '0'),
       g.district_code, 'supervisor', 'event', 'gbt47678.5-2026', '01005', 'normal',
       ST_X(g.p) + ((i::bigint * 7919) % 400 - 200) * 0.000004,
       ST_Y(g.p) + ((i::bigint * 104729) % 400 - 200) * 0.000004,
       g.code, g.community_code, g.street_code, 'district', 'pending_dispatch', 'dispatch',
       now() + CASE i % 10 WHEN 0 THEN interval '-1 hour' ELSE interval '2 days' END,
       now() + CASE WHEN i % 10 IN (0, 1) THEN interval '-2 hours' ELSE interval '1 day' END,
       CASE WHEN i % 25 = 3 THEN now() END,
       'on_time', 1, now() - interval '1 day', now() - interval '1 day'
     FROM generate_series(1, $1::int) AS i
     JOIN (SELECT row_number() OVER (ORDER BY code) - 1 AS k, code, district_code,
                  community_code, street_code, ST_PointOnSurface(geom) AS p FROM grids) g
       ON g.k = i % (SELECT count(*) FROM grids)`,
    [n],
  );
  await db.exec('ANALYZE cases');
}

function gzipKb(files: string[]): number {
  let bytes = 0;
  for (const f of files) bytes += gzipSync(readFileSync(join(WEB_DIR, f)), { level: 9 }).length;
  return Math.round(bytes / 1024);
}

const index = readFileSync(join(WEB_DIR, 'index.html'), 'utf8');
const initial = [
  'index.html',
  ...[...index.matchAll(/(?:src|href)="\.\/(assets\/[^"]+)"/g)].map((m) => m[1] ?? ''),
];
const all = ['index.html', ...readdirSync(join(WEB_DIR, 'assets')).map((f) => `assets/${f}`)];
const bundleInitial = gzipKb(initial);
const bundleAll = gzipKb(all);

// The migrated template database the test helpers copy (as vitest's global setup makes it).
const dropTemplate = await setupTemplate();
const COMPONENTS = Number(process.env.WEB_BENCH_COMPONENTS ?? 100_000);
const CASES = Number(process.env.WEB_BENCH_CASES ?? 50_000);
console.log(machineLine());
const t0 = performance.now();
const h = await startHarness({
  components: COMPONENTS,
  prepare: (db) => addOpenCases(db, CASES),
});
console.log(
  `city loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s: ` +
    `${COMPONENTS} components, ${CASES} open cases`,
);
try {
  // First load: a signed-in user (the cookie is there) opens the console on a workbench.
  const { ctx, page } = await signIn(h, 'dispatcher');
  const loads: number[] = [];
  for (let i = 0; i < 3; i++) {
    const p = await ctx.newPage();
    const t0 = performance.now();
    await p.goto(`${h.url}#/work/dispatch`);
    await p.locator('#queue .ant-list-empty-text, #queue [data-queue-case]').first().waitFor();
    loads.push(performance.now() - t0);
    await p.close();
  }
  await page.close();
  const firstLoad = Math.round(Math.min(...loads));

  const admin = (await signIn(h, 'admin')).page;
  admin.on('pageerror', (e) => console.error('[page error]', e.message));
  admin.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') console.error('[page]', m.text());
  });
  const m0 = performance.now();
  await admin.goto(`${h.url}#/map`);
  await admin.locator('#map[data-loaded="yes"]').waitFor({ timeout: 300_000 });
  const mapReady = Math.round(performance.now() - m0);
  const drawn = await admin.evaluate<Record<string, number>>(`(() => {
    const map = globalThis.__gridloopMap;
    const count = (source, key) =>
      new Set(map.querySourceFeatures(source, { sourceLayer: source }).map((f) => f.properties[key])).size;
    return { zoom: map.getZoom(), grids: count('grids', 'code'), components: count('components', 'code'),
             cases: count('cases', 'id') };
  })()`);
  console.log(
    `map ready in ${mapReady} ms at zoom ${drawn.zoom?.toFixed(2)}: ${drawn.grids} grids, ` +
      `${drawn.components} components, ${drawn.cases} cases drawn`,
  );
  await shot(admin, 'map-bench-city');
  // A string, not a function: tsx would wrap named functions in a helper the page lacks.
  const frames = await admin.evaluate<number[]>(`(async () => {
    const map = globalThis.__gridloopMap;
    const gaps = [];
    let last = 0;
    let dir = 1;
    const end = performance.now() + 3000;
    await new Promise((done) => {
      const tick = (t) => {
        if (last) gaps.push(t - last);
        last = t;
        map.panBy([dir * 12, dir * 6], { duration: 0 });
        if (gaps.length % 60 === 0) dir = -dir;
        if (t < end) requestAnimationFrame(tick);
        else done();
      };
      requestAnimationFrame(tick);
    });
    return gaps;
  })()`);
  frames.sort((a, b) => a - b);
  const p95 = frames[Math.floor(frames.length * 0.95)] ?? NaN;
  console.log(
    `first load (best of 3) ${firstLoad} ms [${loads.map((x) => Math.round(x)).join(', ')}]; ` +
      `map: ${frames.length} frames while panning, p95 ${p95.toFixed(1)} ms; ` +
      `bundle gzip: first page ${bundleInitial} kB, whole ${bundleAll} kB`,
  );
  console.log(
    `RESULT web first_load_ms=${firstLoad} map_frame_p95_ms=${p95.toFixed(1)} bundle_gzip_kb=${bundleInitial} ` +
      `bundle_all_gzip_kb=${bundleAll} map_ready_ms=${mapReady} grids=${drawn.grids} ` +
      `components=${drawn.components} cases=${drawn.cases}`,
  );
} finally {
  await h.close();
  await dropTemplate();
}
