import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryReport } from '../../src/services/demo/load-history.ts';
import { HAVE_BUNDLE, HAVE_CHROMIUM, shot, startHarness, type Harness } from './harness.ts';
import { caseOfCode, driveToClosed, staff } from './staff.ts';
import { figure, loadYearOfHistory, signInWall, waitWallReady } from './wall.ts';

// The cockpit wall (数字驾驶舱) in a real browser on the demo city with a year of history
// (`gridloop demo --history 12m --per-day 3`: ~750 cases played through the workflow, kept
// small so the test stays fast), at 1920×1080 and 3840×2160, updating live over the stream.
const PER_DAY = 3;

describe.skipIf(!HAVE_CHROMIUM)('the cockpit wall in a browser', () => {
  let h: Harness;
  let page: Page;
  let history: HistoryReport;
  const outside: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    if (!HAVE_BUNDLE) throw new Error('web/dist is missing: run `npm run build:web`');
    h = await startHarness();
    history = await loadYearOfHistory(h, PER_DAY);
    const ctx = await h.browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
    });
    page = await ctx.newPage();
    page.setDefaultTimeout(60_000);
    const origin = new URL(h.url).origin;
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))
        outside.push(u);
    });
    page.on('pageerror', (e) => errors.push(e.message));
  }, 600_000);
  afterAll(async () => {
    await h?.close();
  });

  it('a leader’s account signs the wall in once; a unit handler’s is refused', async () => {
    const ctx = await h.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const p = await ctx.newPage();
    await p.goto(`${h.url}cockpit/`);
    await p.locator('#wall-login').waitFor();
    await p.fill('#wall-username', 'unit_handler');
    await p.fill(
      '#wall-password',
      (await import('../../src/services/demo/load-demo.ts')).DEMO_PASSWORD,
    );
    await p.click('#wall-login-submit');
    await expect.poll(() => p.locator('#wall-login-error').textContent()).toMatch(/驾驶舱权限/);
    expect(await p.locator('#cockpit').count()).toBe(0);
    await ctx.close();
  });

  it('renders every panel of the city with a year of history, at 1080p and 4K', async () => {
    expect(history.cases).toBeGreaterThan(500);
    await signInWall(page, h.url);
    await waitWallReady(page);
    // The figures are the API's, for the commander's region.
    const cmd = await staff(h, 'commander');
    const live = await cmd.call<{ open: { total: number }; today: { new: number } }>(
      'GET',
      '/api/v1/cockpit',
    );
    expect(await figure(page, 'open-total')).toBe(live.open.total);
    expect(live.open.total).toBeGreaterThan(0);
    // A year: the monthly trend has 12 or 13 months with cases, the map open cases.
    const months = await page.locator('[data-panel="trend12"]').getAttribute('data-count');
    expect(Number(months)).toBeGreaterThanOrEqual(12);
    expect(
      Number(await page.locator('[data-panel="map"]').getAttribute('data-count')),
    ).toBeGreaterThan(0);
    expect(
      Number(await page.locator('[data-panel="hot-grids"]').getAttribute('data-count')),
    ).toBeGreaterThan(0);
    const drawn = await page.evaluate(() => {
      type M = { queryRenderedFeatures: (o: { layers: string[] }) => unknown[] };
      const map = (globalThis as unknown as { __cockpitMap?: M }).__cockpitMap;
      return {
        grids: map?.queryRenderedFeatures({ layers: ['grid-fill'] }).length ?? 0,
        cases: map?.queryRenderedFeatures({ layers: ['case-points'] }).length ?? 0,
      };
    });
    expect(drawn.grids).toBeGreaterThan(0);
    expect(drawn.cases).toBeGreaterThan(0);
    // Everything fits the wall: nothing scrolls.
    const fits = await page.evaluate<{ w: number; h: number }>(
      `({ w: document.documentElement.scrollWidth, h: document.documentElement.scrollHeight })`,
    );
    expect(fits).toEqual({ w: 1920, h: 1080 });
    await shot(page, 'cockpit-1920x1080');

    await page.setViewportSize({ width: 3840, height: 2160 });
    await expect
      .poll(() => page.evaluate<string>('getComputedStyle(document.documentElement).fontSize'))
      .toBe('32px');
    await page.waitForTimeout(500);
    await shot(page, 'cockpit-3840x2160');
    await page.setViewportSize({ width: 1920, height: 1080 });
  }, 300_000);

  it('updates when a case changes: a citizen’s report counts at once, its closure too', async () => {
    const before = {
      new: await figure(page, 'today-new'),
      closed: await figure(page, 'today-closed'),
    };
    const open = await figure(page, 'open-total');
    const r = await h.app.inject({
      method: 'POST',
      url: '/api/v1/public/portal-reports',
      payload: {
        topic: 'manhole_cover',
        location: { lng: 102.712, lat: 24.826, crs: 'wgs84' },
        description: '驾驶舱测试：井盖缺失',
      },
    });
    expect(r.statusCode, r.body).toBe(201);
    await expect.poll(() => figure(page, 'today-new'), { timeout: 30_000 }).toBe(before.new + 1);
    expect(await figure(page, 'open-total')).toBe(open + 1);
    await shot(page, 'cockpit-1920x1080-after-report');

    const c = await caseOfCode(h, r.json<{ trackingCode: string }>().trackingCode);
    await driveToClosed(h, c.id);
    await expect
      .poll(() => figure(page, 'today-closed'), { timeout: 30_000 })
      .toBe(before.closed + 1);
    await expect.poll(() => figure(page, 'open-total'), { timeout: 30_000 }).toBe(open);
    expect(await page.locator('#cockpit').getAttribute('data-connected')).toBe('yes');
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  }, 300_000);
});
