/**
 * The supervisors' field app (城管通) against a real server, in Debian's headless chromium at
 * phone size. Exported for `npm run bench:field` (the lead's combined bench) and runnable on its
 * own (`npm run bench:field-app`: a server on the embedded database with the demo city):
 * - app_cold_start_ms: a signed-in supervisor opens /field/ with no HTTP cache and no service
 *   worker on a throttled "4G" profile (CDP Network.emulateNetworkConditions: 150 ms latency,
 *   1.6 Mbit/s down, 750 kbit/s up), until the app is interactive: the session is known and the
 *   report form (category search) takes input. Median of 3, each in a fresh context.
 * - sync_100_reports_ms: 100 reports (one photo each) waiting in the outbox (IndexedDB) are sent
 *   when the network comes back: photo upload + idempotent intake for each, until the app shows
 *   all 100 sent (unthrottled, local server).
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { DEMO_PASSWORD } from '../src/services/demo/load-demo.ts';
import { CHROMIUM } from '../test/browser/harness.ts';

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const HERE = { latitude: 24.826, longitude: 102.712, accuracy: 8 };
const PHONE = {
  viewport: { width: 390, height: 844 },
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  geolocation: HERE,
  permissions: ['geolocation'],
};
// A 2×2 PNG, the photo of every synced report.
const PNG_B64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==';

async function signedIn(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  const ctx = await browser.newContext({ ...PHONE, serviceWorkers: 'block' });
  const r = await ctx.request.post(new URL('/api/v1/auth/login', baseUrl).href, {
    data: { username: 'supervisor', password: DEMO_PASSWORD },
  });
  if (!r.ok()) throw new Error(`login: ${r.status()}`);
  return ctx;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/** Cold start on throttled 4G, no cache, until interactive (median of 3), in ms. */
export async function measureAppColdStart(baseUrl: string): Promise<number> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const runs: number[] = [];
    for (let i = 0; i < 3; i++) {
      const ctx = await signedIn(browser, baseUrl);
      const page = await ctx.newPage();
      const cdp = await ctx.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 150,
        downloadThroughput: (1.6 * 1024 * 1024) / 8,
        uploadThroughput: (750 * 1024) / 8,
      });
      const t0 = performance.now();
      await page.goto(new URL('/field/#report', baseUrl).href, { waitUntil: 'commit' });
      await page.locator('#field-app[data-ready=yes] #field-category-search').waitFor({
        timeout: 60_000,
      });
      runs.push(performance.now() - t0);
      await ctx.close();
    }
    return Math.round(median(runs));
  } finally {
    await browser.close();
  }
}

/** 100 reports queued offline, then the network back: ms until the app shows all 100 sent. */
export async function measureSync100(baseUrl: string): Promise<number> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const ctx = await signedIn(browser, baseUrl);
    const page = await ctx.newPage();
    page.setDefaultTimeout(120_000);
    await page.goto(new URL('/field/#outbox', baseUrl).href);
    await page.locator('#field-app[data-ready=yes]').waitFor();
    await ctx.setOffline(true);
    await page.locator('#field-net[data-online=no]').waitFor();
    // The outbox as the report form writes it (lib/queue.ts newOutboxItem), 100 times. A string,
    // not a function: tsx would wrap named functions in a helper the page lacks.
    await page.evaluate(`(async () => {
      const bytes = Uint8Array.from(atob('${PNG_B64}'), (c) => c.charCodeAt(0));
      const db = await new Promise((ok, fail) => {
        const r = indexedDB.open('gridloop-field');
        r.onsuccess = () => ok(r.result);
        r.onerror = () => fail(r.error);
      });
      const tx = db.transaction('outbox', 'readwrite');
      for (let i = 0; i < 100; i++) {
        tx.objectStore('outbox').put({
          key: crypto.randomUUID(),
          createdAt: new Date(Date.now() + i).toISOString(),
          draft: {
            kind: 'event',
            categoryCode: '01023',
            urgency: 'normal',
            location: { lng: ${HERE.longitude} + (i % 10) * 0.0003, lat: ${HERE.latitude} + Math.floor(i / 10) * 0.0003, crs: 'wgs84' },
            description: '基准测试上报 bench report ' + i,
          },
          photos: [{ role: 'before', name: 'p.png', type: 'image/png', blob: new Blob([bytes], { type: 'image/png' }), fileId: null }],
          status: 'waiting', attempts: 0, reason: null, refusalCode: null, caseNumber: null, sentAt: null,
        });
      }
      await new Promise((ok, fail) => { tx.oncomplete = ok; tx.onerror = () => fail(tx.error); });
    })()`);
    // The app reads the outbox from IndexedDB when the network comes back.
    const t0 = performance.now();
    await ctx.setOffline(false);
    await page.locator('#field-sync-summary[data-sent="100"]').waitFor();
    const ms = performance.now() - t0;
    const refused = await page.locator('[data-status=refused]').count();
    if (refused > 0) throw new Error(`${refused} of the 100 reports were refused`);
    await ctx.close();
    return Math.round(ms);
  } finally {
    await browser.close();
  }
}

// Runnable on its own: a server with the demo city, both measures, one RESULT line.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { startHarness } = await import('../test/browser/harness.ts');
  const { default: setupTemplate } = await import('../test/helpers/global-setup.ts');
  const { loadavg } = await import('node:os');
  const dropTemplate = await setupTemplate();
  const h = await startHarness();
  try {
    const cold = await measureAppColdStart(h.url);
    const sync = await measureSync100(h.url);
    console.log(
      `field app: cold start (4G, no cache, median of 3) ${cold} ms; 100 queued reports synced in ${sync} ms; load average ${loadavg()
        .map((x) => x.toFixed(2))
        .join(' ')}`,
    );
    console.log(`RESULT field_app app_cold_start_ms=${cold} sync_100_reports_ms=${sync}`);
  } finally {
    await h.close();
    await dropTemplate();
  }
}
