/**
 * `npm run bench:web`: the console against a real server (embedded database, demo city with
 * 2,000 components, built bundle at `/`) in Debian's headless chromium:
 * - first_load_ms: a signed-in dispatcher opens the console on the dispatch workbench, until the
 *   queue is drawn (page load, bundle, /auth/me, case-actions, the queue);
 * - map_frame_p95_ms: the city administrator's map with every unit grid (1,272) and the case
 *   points, p95 of requestAnimationFrame intervals while panning for 3 s (software WebGL:
 *   SwiftShader, --disable-gpu);
 * - bundle_gzip_kb: gzip size of what the first page loads (index, antd, echarts chunks), and
 *   of the whole bundle (the map chunk loads with the map page).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { WEB_DIR } from '../src/main.ts';
import { signIn, startHarness } from '../test/browser/harness.ts';
import setupTemplate from '../test/helpers/global-setup.ts';

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
const h = await startHarness();
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
  await admin.goto(`${h.url}#/map`);
  await admin.locator('#map[data-loaded="yes"]').waitFor({ timeout: 120_000 });
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
    `RESULT web first_load_ms=${firstLoad} map_frame_p95_ms=${p95.toFixed(1)} bundle_gzip_kb=${bundleInitial} bundle_all_gzip_kb=${bundleAll}`,
  );
} finally {
  await h.close();
  await dropTemplate();
}
