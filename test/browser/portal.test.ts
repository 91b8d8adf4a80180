import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_BUNDLE, HAVE_CHROMIUM, PNG, shot, startHarness, type Harness } from './harness.ts';
import { caseOfCode, driveToClosed } from './staff.ts';

// The public portal on a phone inside WeChat's webview (360×640, MicroMessenger user agent, no
// login): a citizen reports with a photo and a map pin, follows the report by its tracking code
// while the centre works it through the API, sees the after photo and rates the result.
const WECHAT_UA =
  'Mozilla/5.0 (Linux; Android 13; V2219A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160083 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';
// A street of 呈贡区 (530114), as the phone's GPS gives it (WGS84).
const HERE = { longitude: 102.712, latitude: 24.826 };

describe.skipIf(!HAVE_CHROMIUM)('the public portal in a WeChat-like phone webview', () => {
  let h: Harness;
  let page: Page;
  const outside: string[] = [];

  beforeAll(async () => {
    if (!HAVE_BUNDLE) throw new Error('web/dist is missing: run `npm run build:web`');
    h = await startHarness();
    const ctx = await h.browser.newContext({
      viewport: { width: 360, height: 640 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      userAgent: WECHAT_UA,
      locale: 'zh-CN',
      geolocation: HERE,
      permissions: ['geolocation'],
    });
    page = await ctx.newPage();
    page.setDefaultTimeout(60_000);
    const origin = new URL(h.url).origin;
    page.on('request', (r) => {
      const u = r.url();
      if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))
        outside.push(u);
    });
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });

  it('serves the portal and the cockpit beside the console: pages revalidated, hashed assets kept', async () => {
    for (const path of ['portal/', 'cockpit/']) {
      const r = await fetch(new URL(path, h.url));
      expect(r.status, path).toBe(200);
      expect(r.headers.get('cache-control')).toBe('no-cache');
      const html = await r.text();
      const asset = /src="\.\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
      expect(asset, path).toBeTruthy();
      const a = await fetch(new URL(asset ?? '', h.url));
      expect(a.status).toBe(200);
      expect(a.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    }
  });

  it('a citizen reports with a photo and a pin, tracks the code in plain words and rates the result', async () => {
    await page.goto(`${h.url}portal/`);
    await page.locator('#portal-start-report').waitFor();
    // Nothing wider than the phone: no sideways scrolling in the webview.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      360,
    );
    await shot(page, 'portal-01-home');

    await page.locator('#portal-start-report').tap();
    // The category in plain words, found by what the citizen types.
    await page.locator('#portal-topic').click();
    await page.keyboard.type('井盖');
    await page.locator('.ant-select-item-option', { hasText: '井盖破损' }).first().click();
    // The pin: the phone's position, then a tap on the map where the problem is.
    await page.locator('#portal-map[data-loaded="yes"]').waitFor();
    await page.locator('#portal-locate').tap();
    await page.locator('#portal-pin').waitFor();
    await page.locator('#portal-map').tap();
    await expect
      .poll(() => page.locator('#portal-pin').textContent(), { timeout: 30_000 })
      .toMatch(/街道|社区/);
    await page.setInputFiles('#portal-photo', {
      name: 'manhole.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await page.locator('[data-photo-chosen="manhole.png"]').waitFor();
    await page.fill('#portal-description', '小区门口井盖丢了，晚上很危险');
    await page.fill('#portal-phone', '13800138000');
    await shot(page, 'portal-02-report');
    await page.locator('#portal-submit').tap();

    const codeEl = page.locator('#portal-new-code');
    await codeEl.waitFor();
    const code = ((await codeEl.textContent()) ?? '').trim();
    expect(code).toMatch(/^[0-9A-Za-z]{10}$/);
    await expect
      .poll(() => page.locator('#portal-phase').getAttribute('data-phase'))
      .toBe('received');
    expect(await page.locator('#portal-phase').textContent()).toContain('已收到您的反映');
    await shot(page, 'portal-03-tracking-code');

    // The case: from WeChat, in 呈贡区, with the citizen's photo, awaiting verification.
    const c = await caseOfCode(h, code);
    expect(c.source).toBe('wechat');
    expect(c.status).toBe('pending_verification');
    const photos = await h.db.query<{ n: number }>(
      `SELECT cardinality(photo_ids) AS n FROM cases WHERE id = $1`,
      [c.id],
    );
    expect(photos.rows[0]?.n).toBe(1);

    // The centre works it; the citizen follows by the code from the home page.
    await driveToClosed(h, c.id);
    await page.goto(`${h.url}portal/#/`);
    await page.locator(`[data-my-code="${code}"]`).waitFor();
    await page.fill('#portal-code', code);
    await page.locator('#portal-code-go').tap();
    await expect
      .poll(() => page.locator('#portal-phase').getAttribute('data-phase'))
      .toBe('closed');
    expect(await page.locator('#portal-phase').textContent()).toContain('已办结');
    expect(await page.locator('[data-timeline]').count()).toBeGreaterThanOrEqual(4);
    const after = page.locator('[data-after-photo] img, img[data-after-photo]').first();
    await after.waitFor();
    await expect
      .poll(() => after.evaluate((i) => (i as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    await shot(page, 'portal-04-closed-after-photo');

    await page.locator('[data-rate="satisfied"]').tap();
    await page.fill('#portal-comment', '处理很快，谢谢');
    await page.locator('#portal-send-rating').tap();
    await page.locator('#portal-rated[data-rating="satisfied"]').waitFor();
    const rated = await h.db.query<{ rating: string }>(
      `SELECT rating FROM public_report_ratings WHERE tracking_code = $1`,
      [code],
    );
    expect(rated.rows.map((r) => r.rating)).toEqual(['satisfied']);
    await shot(page, 'portal-05-rated');

    // English on request.
    await page.locator('#portal-lang').tap();
    await expect.poll(() => page.locator('#portal-phase').textContent()).toMatch(/Closed/);
    await shot(page, 'portal-06-english');
    expect(outside).toEqual([]);
  }, 300_000);
});
