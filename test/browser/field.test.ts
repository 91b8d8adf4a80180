import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/services/demo/load-demo.ts';
import {
  CHROMIUM,
  HAVE_BUNDLE,
  HAVE_CHROMIUM,
  PNG,
  SHOTS,
  startHarness,
  type Harness,
} from './harness.ts';

// The supervisors' field app (城管通) in a real browser at phone size: three problems reported
// with the network off, the app closed and opened again (the same profile, so IndexedDB and the
// service worker survive), the network back, and every report sent exactly once.

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
// 呈贡区, inside the demo supervisor's district (530114).
const HERE = { latitude: 24.826, longitude: 102.712, accuracy: 8 };

const openProfile = (dir: string): Promise<BrowserContext> =>
  chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    args: FLAGS,
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    geolocation: HERE,
    permissions: ['geolocation'],
  });

const shot = (page: Page, name: string) =>
  page.screenshot({ path: join(SHOTS, `field-${name}.png`) });

type Made = { description: string; selfHandle?: boolean; lng?: string; lat?: string };

/** Fills and submits one report on the report tab; returns its idempotency key. */
async function report(page: Page, m: Made): Promise<string> {
  await page.click('#field-tab-report');
  const previous = await page
    .locator('#field-saved')
    .getAttribute('data-key', { timeout: 100 })
    .catch(() => null);
  await page.fill('#field-category-search', 'jg');
  await page.locator('[data-category]').first().click();
  await page.locator('#field-picked').waitFor();
  await page.locator('#field-gps', { hasText: 'WGS84' }).waitFor();
  if (m.lng) await page.fill('#field-lng', m.lng);
  if (m.lat) await page.fill('#field-lat', m.lat);
  await page.setInputFiles('#field-photo', {
    name: 'before.png',
    mimeType: 'image/png',
    buffer: PNG,
  });
  await page.fill('#field-description', m.description);
  if (m.selfHandle) {
    await page.check('#field-self-handle');
    await page.setInputFiles('#field-photo-after', {
      name: 'after.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await page.fill('#field-note', '已盖好井盖 put the cover back');
  }
  await page.click('#field-submit');
  const saved = page.locator(
    previous ? `#field-saved:not([data-key="${previous}"])` : '#field-saved',
  );
  await saved.waitFor();
  return (await saved.getAttribute('data-key')) ?? '';
}

describe.skipIf(!HAVE_CHROMIUM)('the field app (城管通) offline in a browser', () => {
  let h: Harness;
  let dir: string;
  const casesOf = async (keys: readonly string[]) =>
    (
      await h.db.query<{
        idempotency_key: string;
        case_id: string;
        photo_ids: string[];
        self_handled: boolean;
        status: string;
        files: number;
      }>(
        `SELECT k.idempotency_key, c.id AS case_id, c.photo_ids, c.self_handled, c.status,
                (SELECT count(*)::int FROM files f WHERE f.case_id = c.id) AS files
           FROM intake_idempotency_keys k JOIN cases c ON c.id = k.case_id
          WHERE k.idempotency_key = ANY ($1::text[]) ORDER BY k.created_at`,
        [keys],
      )
    ).rows;
  const caseCount = async () =>
    (await h.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows[0]!.n;

  beforeAll(async () => {
    if (!HAVE_BUNDLE)
      throw new Error('web/dist is missing: run `npm run build:web` (npm install does)');
    h = await startHarness();
    dir = mkdtempSync(join(tmpdir(), 'gridloop-field-'));
  }, 300_000);
  afterAll(async () => {
    await h?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reports three problems offline, survives a restart, and sends each exactly once when back online', async () => {
    const url = `${h.url}field/`;
    // 1. Online once: sign in; the service worker installs and the catalogue is kept.
    let ctx = await openProfile(dir);
    let page = ctx.pages()[0] ?? (await ctx.newPage());
    page.setDefaultTimeout(30_000);
    await page.goto(url);
    await page.fill('#field-username', 'supervisor');
    await page.fill('#field-password', DEMO_PASSWORD);
    await page.click('#field-login-submit');
    await page.locator('#field-app[data-ready=yes]').waitFor();
    await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
    await page.reload();
    await page.locator('#field-app[data-ready=yes]').waitFor();
    expect(await page.evaluate('navigator.serviceWorker.controller !== null')).toBe(true);
    await page.locator('#field-map[data-loaded=yes]').waitFor();
    await shot(page, 'map');
    await page.click('#field-tab-report');
    await page.fill('#field-category-search', 'jg');
    await page.locator('[data-category]').first().waitFor();
    await shot(page, 'category-pinyin');
    await page.click('#field-tab-tasks');
    await page.locator('#field-tasks').waitFor();
    await shot(page, 'tasks');

    // 2. The network goes: three problems (one fixed on the spot) and one the server will refuse.
    const before = await caseCount();
    await ctx.setOffline(true);
    await page.locator('#field-net[data-online=no]').waitFor();
    const keys = [
      await report(page, { description: '井盖松动 离线上报一' }),
      await report(page, { description: '井盖破损 离线上报二' }),
      await report(page, { description: '井盖移位 离线自行处置', selfHandle: true }),
    ];
    await shot(page, 'offline-report');
    // Outside every grid of the city: intake refuses it, and the app says why.
    const refusedKey = await report(page, {
      description: '城外一点 离线上报四',
      lng: '100.0',
      lat: '24.0',
    });
    await page.click('#field-tab-outbox');
    await expect.poll(() => page.locator('#field-waiting').textContent()).toBe('4');
    await shot(page, 'outbox-offline');
    expect(await caseCount()).toBe(before);
    await ctx.close();

    // 3. Opened again with the network still off: the shell from the service worker, the
    //    outbox from IndexedDB, nothing sent.
    ctx = await openProfile(dir);
    await ctx.setOffline(true);
    page = ctx.pages()[0] ?? (await ctx.newPage());
    page.setDefaultTimeout(30_000);
    await page.goto(`${url}#outbox`);
    await page.locator('#field-app[data-ready=yes]').waitFor();
    await page.locator('#field-net[data-online=no]').waitFor();
    await expect.poll(() => page.locator('[data-status=waiting]').count()).toBe(4);
    await shot(page, 'reopened-offline');
    expect(await caseCount()).toBe(before);

    // 4. The network is back: the outbox syncs by itself.
    await ctx.setOffline(false);
    await page.locator('#field-sync-summary[data-sent="3"][data-refused="1"]').waitFor();
    await expect.poll(() => page.locator('[data-status=sent]').count()).toBe(3);
    const refused = page.locator(`[data-outbox-key="${refusedKey}"]`);
    expect(await refused.getAttribute('data-status')).toBe('refused');
    expect(await refused.locator('[data-reason]').textContent()).toMatch(/geo\.\w+/);
    await shot(page, 'synced');

    // Exactly three new cases, one per idempotency key, with their photos.
    expect(await caseCount()).toBe(before + 3);
    let rows = await casesOf(keys);
    expect(rows.map((r) => r.idempotency_key).sort()).toEqual([...keys].sort());
    expect(new Set(rows.map((r) => r.case_id)).size).toBe(3);
    expect(new Set([...keys, refusedKey]).size).toBe(4);
    for (const r of rows.filter((x) => x.idempotency_key !== keys[2])) {
      expect(r.photo_ids).toHaveLength(1);
      expect(r.files).toBe(1);
    }
    // The self-handled one opened closed, with its before and after photos.
    const selfHandled = rows.find((r) => r.idempotency_key === keys[2])!;
    expect(selfHandled).toMatchObject({ self_handled: true, status: 'closed', files: 2 });
    expect(new Set(selfHandled.photo_ids).size).toBe(2);

    // A further sync (the user taps "send now", the app starts again) sends nothing twice.
    await page.click('#field-tab-outbox');
    await page.reload();
    await page.locator('#field-app[data-ready=yes]').waitFor();
    await expect.poll(() => page.locator('[data-status=sent]').count()).toBe(3);
    expect(await caseCount()).toBe(before + 3);
    rows = await casesOf(keys);
    expect(rows).toHaveLength(3);
    await ctx.close();
  });
});
