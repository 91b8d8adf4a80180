/**
 * `npm run soak:cockpit [-- minutes]`: the cockpit wall left open while the city works (issue
 * #12: it must stay up for days without growing memory). Default 60 minutes (SOAK_MINUTES or the
 * first argument), a sample every SOAK_SAMPLE_S seconds (default 30): the page's JS heap after a
 * forced garbage collection and its DOM node count (CDP Performance.getMetrics). Meanwhile a
 * citizen reports a case every SOAK_EVERY_S seconds (default 3) and the centre walks the one
 * before through to closure over the API, so the stream pushes and every panel refreshes.
 * City: demo + `--history 12m --per-day SOAK_PER_DAY` (default 3). Not part of `npm test`.
 */
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { caseOfCode, driveToClosed } from '../test/browser/staff.ts';
import { signInWall, waitWallReady } from '../test/browser/wall.ts';
import { startCockpitCity } from './cockpit-city.ts';

const minutes = Number(process.argv[2] ?? process.env.SOAK_MINUTES ?? 60);
const sampleS = Number(process.env.SOAK_SAMPLE_S ?? 30);
const everyS = Number(process.env.SOAK_EVERY_S ?? 3);
const perDay = Number(process.env.SOAK_PER_DAY ?? 3);
if (!(minutes > 0) || !(sampleS > 0) || !(everyS > 0)) throw new Error('bad soak parameters');

const city = await startCockpitCity(perDay);
const { h } = city;
try {
  const ctx = await h.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const page = await ctx.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await signInWall(page, h.url);
  await waitWallReady(page);
  const cdp = await ctx.newCDPSession(page);
  await cdp.send('Performance.enable');
  const sample = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = new Map(metrics.map((x) => [x.name, x.value]));
    return {
      heapMb: (m.get('JSHeapUsedSize') ?? NaN) / 1048576,
      nodes: m.get('Nodes') ?? NaN,
      listeners: m.get('JSEventListeners') ?? NaN,
    };
  };

  // The city at work: report, and close the previous report, every few seconds.
  let stop = false;
  let reported = 0;
  let closed = 0;
  let failed = 0;
  let ip = 0;
  const work = (async () => {
    let previous: string | null = null;
    while (!stop) {
      const t = performance.now();
      try {
        ip++;
        const r = await h.app.inject({
          method: 'POST',
          url: '/api/v1/public/portal-reports',
          remoteAddress: `10.99.${Math.floor(ip / 250) % 250}.${ip % 250}`,
          payload: {
            topic: 'manhole_cover',
            location: { lng: 102.712 + (ip % 20) * 0.0005, lat: 24.826, crs: 'wgs84' },
            description: `驾驶舱浸泡测试 ${ip}`,
          },
        });
        if (r.statusCode !== 201) throw new Error(`report: ${r.statusCode} ${r.body}`);
        reported++;
        if (previous) {
          await driveToClosed(h, (await caseOfCode(h, previous)).id);
          closed++;
        }
        previous = r.json<{ trackingCode: string }>().trackingCode;
      } catch (e) {
        failed++;
        if (failed <= 5) console.error(`[soak] case work failed: ${String(e)}`);
      }
      await sleep(Math.max(0, everyS * 1000 - (performance.now() - t)));
    }
  })();

  const start = await sample();
  const t0 = Date.now();
  const curve: { min: number; heapMb: number; nodes: number; listeners: number }[] = [];
  console.log('minute  heap_mb  dom_nodes  listeners  reported  closed  load');
  const log = (min: number, s: typeof start) => {
    curve.push({ min, ...s });
    console.log(
      `${min.toFixed(1).padStart(6)}  ${s.heapMb.toFixed(2).padStart(7)}  ${String(s.nodes).padStart(9)}  ${String(s.listeners).padStart(9)}  ${String(reported).padStart(8)}  ${String(closed).padStart(6)}  ${loadavg()[0]?.toFixed(1)}`,
    );
  };
  log(0, start);
  while (Date.now() - t0 < minutes * 60_000) {
    await sleep(Math.min(sampleS * 1000, minutes * 60_000 - (Date.now() - t0)));
    log((Date.now() - t0) / 60_000, await sample());
  }
  stop = true;
  await work;
  const connected = await page.locator('#cockpit').getAttribute('data-connected');
  const end = curve[curve.length - 1] ?? start;
  const max = Math.max(...curve.map((c) => c.heapMb));
  console.log(
    `wall connected at the end: ${connected}; page errors: ${pageErrors.length}; cases reported ${reported}, closed ${closed}, failed ${failed}`,
  );
  console.log(
    `RESULT cockpit_soak minutes=${Math.round(minutes)} heap_start_mb=${start.heapMb.toFixed(1)} heap_end_mb=${end.heapMb.toFixed(1)} heap_max_mb=${max.toFixed(1)} dom_nodes_end=${end.nodes}`,
  );
} finally {
  await city.close();
}
