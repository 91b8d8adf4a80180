import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_BUNDLE, HAVE_CHROMIUM, shot, signIn, startHarness, type Harness } from './harness.ts';
import { caseByNumber, command, eventsShown, gone, pick, report } from './steps.ts';

// The whole loop in a real browser (Debian's chromium, headless) against a real server on the
// embedded database with the demo city. Screenshots go to test-results/browser/.
if (!HAVE_CHROMIUM)
  console.warn(
    '[browser tests] SKIPPED: /usr/bin/chromium is missing (apt-get install -y chromium); the console is not tested in a browser',
  );

describe.skipIf(!HAVE_CHROMIUM)('the console in a browser: the whole loop by every role', () => {
  let h: Harness;
  const pages = new Map<string, Page>();
  const as = async (username: string): Promise<Page> => {
    let p = pages.get(username);
    if (!p) {
      p = (await signIn(h, username)).page;
      pages.set(username, p);
    }
    return p;
  };

  beforeAll(async () => {
    if (!HAVE_BUNDLE)
      throw new Error('web/dist is missing: run `npm run build:web` (npm install does)');
    h = await startHarness();
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });

  it('reports, files (key f), dispatches (key d), accepts, feeds back with a photo, re-checks and closes a case', async () => {
    const sup = await as('supervisor');
    const caseNumber = await report(sup, '井盖破损，浏览器测试');
    expect(caseNumber).toMatch(/^530114-\d{8}-\d+$/);
    await shot(sup, '01-reported');

    const acc = await as('acceptance_operator');
    await pick(acc, 'acceptance', caseNumber);
    await shot(acc, '02-acceptance-queue');
    await acc.keyboard.press('f');
    await gone(acc, caseNumber);

    const dis = await as('dispatcher');
    await pick(dis, 'dispatch', caseNumber);
    await dis.locator('[data-suggestion]').waitFor();
    await shot(dis, '03-dispatch-suggestion');
    await dis.keyboard.press('d');
    await gone(dis, caseNumber);
    const dispatched = await caseByNumber(dis, caseNumber);
    expect(dispatched.status).toBe('dispatched');
    expect(dispatched.mainUnitId).not.toBeNull();

    const handler = await as(`handler.${(dispatched.mainUnitId ?? '').replace(/^u-/, '')}`);
    await pick(handler, 'handling', caseNumber);
    await command(handler, 'accept');
    await handler.locator('[data-status="handling"]').waitFor();
    await command(handler, 'feedback', { note: '已更换井盖', photo: true });
    await gone(handler, caseNumber);
    await shot(handler, '04-handled');

    await pick(sup, 'recheck', caseNumber);
    await command(sup, 'recheck_pass', { note: '现场核查通过' });
    await gone(sup, caseNumber);

    await pick(acc, 'close', caseNumber);
    await command(acc, 'close', { note: '结案' });
    await gone(acc, caseNumber);

    const closed = await caseByNumber(acc, caseNumber);
    expect(closed.status).toBe('closed');
    await acc.goto(`${new URL(acc.url()).origin}/#/cases/${closed.id}`);
    await acc.locator('[data-status="closed"]').waitFor();
    const steps = await eventsShown(acc);
    expect(steps).toEqual([
      'report',
      'file',
      'dispatch',
      'accept',
      'feedback',
      'recheck_pass',
      'close',
    ]);
    await shot(acc, '05-closed-timeline');
    // A photo opens full size.
    await acc.locator('[data-photo]').first().click();
    await acc.locator('.ant-image-preview-img, .ant-image-preview img').first().waitFor();
    await shot(acc, '06-photo-full-size');
  }, 300_000);

  it('a unit sends a case back with a reason and the dispatcher re-dispatches it', async () => {
    const sup = await as('supervisor');
    const caseNumber = await report(sup, '井盖缺失，回退测试');
    const acc = await as('acceptance_operator');
    await pick(acc, 'acceptance', caseNumber);
    await command(acc, 'file');
    await gone(acc, caseNumber);
    const dis = await as('dispatcher');
    await pick(dis, 'dispatch', caseNumber);
    await dis.locator('[data-suggestion]').waitFor();
    await command(dis, 'dispatch');
    const first = await caseByNumber(dis, caseNumber);
    const handler = await as(`handler.${(first.mainUnitId ?? '').replace(/^u-/, '')}`);
    await pick(handler, 'handling', caseNumber);
    await command(handler, 'send_back', { reason: '不属于本单位职责' });
    await gone(handler, caseNumber);
    await shot(handler, '07-sent-back');

    await pick(dis, 'dispatch', caseNumber);
    await command(dis, 'redispatch', { reason: '改派至街道', unit: '龙城街道' });
    await gone(dis, caseNumber);
    const again = await caseByNumber(dis, caseNumber);
    expect(again.status).toBe('dispatched');
    expect(again.mainUnitId).not.toBe(first.mainUnitId);
    await dis.goto(`${new URL(dis.url()).origin}/#/cases/${again.id}`);
    await dis.locator('[data-event="redispatch"]').waitFor();
    const steps = await eventsShown(dis);
    expect(steps).toEqual(['report', 'file', 'dispatch', 'send_back', 'redispatch']);
    await shot(dis, '08-redispatched-timeline');
  }, 300_000);

  it('searches cases, exports CSV, switches to English and draws the map with no outside request', async () => {
    const dis = await as('dispatcher');
    const origin = new URL(dis.url()).origin;
    const outside: string[] = [];
    dis.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))
        outside.push(u);
    });
    await dis.click('#lang-switch');
    await dis.getByRole('menuitem', { name: 'Case search' }).click();
    await dis.locator('#case-table tbody tr[data-row-key]').first().waitFor();
    const rows = await dis.locator('#case-table tbody tr[data-row-key]').count();
    expect(rows).toBeGreaterThanOrEqual(2);
    await shot(dis, '09-case-search-en');
    const [download] = await Promise.all([dis.waitForEvent('download'), dis.click('#export-csv')]);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    const csv = await readFile(path, 'utf8');
    expect(csv.startsWith('\uFEFFcaseNumber,status')).toBe(true);
    expect(csv.split('\r\n').filter((l) => /^530114-/.test(l))).toHaveLength(rows);

    await dis.getByRole('menuitem', { name: 'Map' }).click();
    await dis.locator('#map[data-loaded="yes"]').waitFor({ timeout: 60_000 });
    const drawn = await dis.evaluate(() => {
      type M = { queryRenderedFeatures: (o: { layers: string[] }) => unknown[] };
      const map = (globalThis as unknown as { __gridloopMap?: M }).__gridloopMap;
      return {
        grids: map?.queryRenderedFeatures({ layers: ['grids-line'] }).length ?? 0,
        cases: map?.queryRenderedFeatures({ layers: ['cases-dot'] }).length ?? 0,
      };
    });
    expect(drawn.grids).toBeGreaterThan(0);
    expect(drawn.cases).toBeGreaterThan(0);
    await shot(dis, '10-map');
    expect(outside).toEqual([]);
  }, 300_000);
});
