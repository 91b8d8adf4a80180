import { chromium } from 'playwright-core';
import { DEMO_PASSWORD } from '../src/services/demo/load-demo.ts';
import { CHROMIUM, FLAGS } from '../test/browser/harness.ts';
import { WALL_READY } from '../test/browser/wall.ts';

/**
 * Cockpit first render (issue #12): milliseconds from navigating to `/cockpit/` until every panel
 * of the wall has drawn its data and the map its case points, at 1920×1080, signed in as the
 * demo commander. Each run is a new browser context (empty HTTP cache, the session cookie set
 * by signing in through the API beforehand); the median of `runs` is returned.
 */
export async function measureCockpitFirstRender(
  baseUrl: string,
  opts: { runs?: number; username?: string } = {},
): Promise<number> {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  try {
    const times: number[] = [];
    for (let i = 0; i < (opts.runs ?? 3); i++) {
      const ctx = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      const login = await ctx.request.post(`${base}api/v1/auth/login`, {
        data: { username: opts.username ?? 'commander', password: DEMO_PASSWORD },
      });
      if (!login.ok()) throw new Error(`wall sign-in: ${login.status()} ${await login.text()}`);
      const page = await ctx.newPage();
      const t0 = performance.now();
      await page.goto(`${base}cockpit/`);
      await page.waitForFunction(WALL_READY, undefined, { timeout: 120_000, polling: 20 });
      times.push(performance.now() - t0);
      await ctx.close();
    }
    times.sort((a, b) => a - b);
    return Math.round(times[Math.floor(times.length / 2)] ?? NaN);
  } finally {
    await browser.close();
  }
}
