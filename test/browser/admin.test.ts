import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/services/deps.ts';
import { rollUpAll } from '../../src/services/indicators/rollup.ts';
import { testDeps } from '../helpers/deps.ts';
import {
  HAVE_BUNDLE,
  HAVE_CHROMIUM,
  PNG,
  shot,
  signIn,
  startHarness,
  type Harness,
} from './harness.ts';

// The base-data admin, the assessment pages and the map's vector tiles in a real browser
// (issue #11). Screenshots: test-results/browser/admin-*.png, assessment-*.png, map-*.png.
if (!HAVE_CHROMIUM)
  console.warn('[browser tests] SKIPPED: /usr/bin/chromium is missing; the admin is not tested');

const AT = { lng: 102.712, lat: 24.826 };
const CATEGORY = '01001';

async function caseByNumber(page: Page, n: string) {
  return page.evaluate(async (num) => {
    const r = await fetch(`/api/v1/cases?caseNumber=${encodeURIComponent(num)}`);
    const c = (
      (await r.json()) as {
        items: { id: string; status: string; mainUnitId: string | null; kind: string }[];
      }
    ).items[0];
    if (!c) throw new Error(`no case ${num}`);
    return c;
  }, n);
}

describe.skipIf(!HAVE_CHROMIUM)('the console in a browser: admin, assessment, map', () => {
  let h: Harness;
  let caseNumber = '';
  let newUnit = '';
  const origin = () => h.url.replace(/\/$/, '');

  beforeAll(async () => {
    if (!HAVE_BUNDLE) throw new Error('web/dist is missing: run `npm run build:web`');
    h = await startHarness();
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });

  it('a dispatch rule edited in the admin and then used: the next case goes to the rule’s unit', async () => {
    const cmd = (await signIn(h, 'commander')).page;
    const kind = await cmd.evaluate(async (code) => {
      // The report page offers the categories in this order and picks the first match.
      const r = await fetch('/api/v1/categories');
      const items = ((await r.json()) as { items: { kind: string; code: string }[] }).items;
      return items.find((c) => c.code === code)?.kind ?? 'component';
    }, CATEGORY);
    await cmd.goto(`${origin()}/#/admin/rules`);
    const tryIt = async () => {
      await cmd.click('#trial-kind');
      // The option in the open list (the select itself carries the chosen label as its title too).
      await cmd
        .locator(`.ant-select-item-option[title="${kind === 'event' ? '事件' : '部件'}"]`)
        .click();
      await cmd.fill('#trial-code', CATEGORY);
      await cmd.fill('#trial-lng', String(AT.lng));
      await cmd.fill('#trial-lat', String(AT.lat));
      await cmd.click('#trial-submit');
    };
    await tryIt();
    const result = cmd.locator('#trial-result');
    await result.waitFor();
    const oldRule = (await result.getAttribute('data-trial-rule')) ?? '';
    const oldUnit = (await result.getAttribute('data-trial-unit')) ?? '';
    expect(oldRule).not.toBe('');
    await shot(cmd, 'admin-01-rule-tester');

    // Edit the rule that chose the unit: another unit (a street centre).
    await cmd.locator('#rule-table [data-rule-edit]').first().waitFor();
    let edit = cmd.locator(`[data-rule-edit="${oldRule}"]`);
    // The table's id lands on its inner element; the pager is its sibling in the wrapper.
    const next = cmd.locator('.ant-table-wrapper:has(#rule-table) .ant-pagination-next');
    while ((await edit.count()) === 0) {
      if ((await next.getAttribute('aria-disabled')) === 'true')
        throw new Error(`rule ${oldRule} is not in the admin's table`);
      await next.click();
      edit = cmd.locator(`[data-rule-edit="${oldRule}"]`);
    }
    await edit.click();
    await cmd.click('#rule-unit');
    await cmd.keyboard.type('龙城街道');
    await cmd.keyboard.press('Enter');
    await shot(cmd, 'admin-02-rule-edit');
    await cmd.click('#rule-save');
    await cmd.locator('.ant-modal').waitFor({ state: 'detached' });
    await cmd.locator(`[data-rule-edit="${oldRule}"]`).waitFor({ state: 'detached' });

    await tryIt();
    await cmd.locator(`#trial-result:not([data-trial-rule="${oldRule}"])`).waitFor();
    newUnit = (await result.getAttribute('data-trial-unit')) ?? '';
    expect(newUnit).not.toBe(oldUnit);
    await shot(cmd, 'admin-03-rule-tester-after-edit');

    // A supervisor reports there; the operator files it; the dispatcher takes the suggestion.
    const sup = (await signIn(h, 'supervisor')).page;
    await sup.goto(`${origin()}/#/report`);
    await sup.click('#report-category');
    await sup.keyboard.type(CATEGORY);
    await sup.keyboard.press('Enter');
    await sup.fill('#report-lng', String(AT.lng));
    await sup.fill('#report-lat', String(AT.lat));
    await sup.fill('#report-address', '龙城街道演示路 2 号');
    await sup.fill('#report-description', '规则编辑后的案件');
    await sup.setInputFiles('#report-form input[type=file]', {
      name: 'p.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await sup.click('#report-submit');
    caseNumber = (await sup.locator('[data-case-number]').textContent()) ?? '';
    const acc = (await signIn(h, 'acceptance_operator')).page;
    await acc.goto(`${origin()}/#/work/acceptance`);
    await acc.click(`[data-queue-case="${caseNumber}"]`);
    await acc.locator('#open-case', { hasText: caseNumber }).waitFor();
    await acc.keyboard.press('f');
    await acc.locator(`[data-queue-case="${caseNumber}"]`).waitFor({ state: 'detached' });
    const dis = (await signIn(h, 'dispatcher')).page;
    if ((await caseByNumber(dis, caseNumber)).status === 'pending_dispatch') {
      await dis.goto(`${origin()}/#/work/dispatch`);
      await dis.click(`[data-queue-case="${caseNumber}"]`);
      await dis.locator('[data-suggestion]').waitFor();
      await dis.keyboard.press('d');
      await dis.locator(`[data-queue-case="${caseNumber}"]`).waitFor({ state: 'detached' });
    }
    const c = await caseByNumber(dis, caseNumber);
    expect(c.status).toBe('dispatched');
    expect(c.mainUnitId).toBe(newUnit);
    await dis.goto(`${origin()}/#/cases/${c.id}`);
    await dis.locator('[data-event="dispatch"]').waitFor();
    await shot(dis, 'admin-04-case-dispatched-by-edited-rule');
  }, 400_000);

  it('assessment: ranks the units and drills down from a number to the cases behind it', async () => {
    await rollUpAll(testDeps(h.db, () => systemClock.now()));
    const cmd = (await signIn(h, 'commander')).page;
    await cmd.goto(`${origin()}/#/assessment`);
    const month = new Date().toISOString().slice(0, 7);
    await cmd.fill('#assess-period', month);
    await cmd.fill('#assess-district', '530114');
    const cell = cmd.locator(`[data-drill="unit.received|${newUnit}"]`);
    await cell.waitFor({ timeout: 60_000 });
    expect(Number(await cell.textContent())).toBeGreaterThanOrEqual(1);
    await shot(cmd, 'assessment-01-units-ranked');
    await cell.click();
    await cmd.locator(`[data-trace-case="${caseNumber}"]`).waitFor();
    await shot(cmd, 'assessment-02-drill-down');
    // The drill-down is a modal over the page: close it before switching the level.
    await cmd.locator('.ant-modal-close').click();
    await cmd.locator('#trace-table').waitFor({ state: 'hidden' });
    for (const lvl of ['区域', '监督员', '派遣员']) {
      await cmd.locator('#assess-level').getByText(lvl).click();
      await cmd.locator('#assess-table .ant-table-tbody').waitFor();
    }
    await shot(cmd, 'assessment-03-dispatchers');
  }, 300_000);

  it('map: every layer from the platform’s vector tiles, cases coloured by timer, nothing from outside', async () => {
    // Its own case, reported through the API, so the map does not rely on the first test.
    const sup = (await signIn(h, 'supervisor')).page;
    const reported = await sup.evaluate(
      async ({ at, code }) => {
        const cats = (await (await fetch('/api/v1/categories')).json()) as {
          items: { kind: string; code: string }[];
        };
        const cat = cats.items.find((c) => c.code === code);
        const r = await fetch('/api/v1/cases', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            source: 'supervisor',
            kind: cat?.kind,
            categoryCode: code,
            location: at,
            description: '地图测试案件',
            urgency: 'normal',
          }),
        });
        return { status: r.status, body: (await r.json()) as { caseNumber?: string } };
      },
      { at: AT, code: CATEGORY },
    );
    expect(reported.status, JSON.stringify(reported.body)).toBe(201);
    const cmd = (await signIn(h, 'commander')).page;
    const outside: string[] = [];
    const tiles: string[] = [];
    cmd.on('request', (r) => {
      const u = r.url();
      if (u.includes('tiles/')) tiles.push(u);
      if (!u.startsWith(origin()) && !u.startsWith('data:') && !u.startsWith('blob:'))
        outside.push(u);
    });
    await cmd.goto(`${origin()}/#/map`);
    await cmd.locator('#map[data-loaded="yes"]').waitFor({ timeout: 120_000 });
    const drawn = await cmd.evaluate(() => {
      type M = {
        querySourceFeatures: (
          s: string,
          o: { sourceLayer: string },
        ) => { properties: Record<string, unknown> }[];
      };
      const map = (globalThis as unknown as { __gridloopMap: M }).__gridloopMap;
      const n = (s: string) => map.querySourceFeatures(s, { sourceLayer: s }).length;
      return {
        districts: n('districts'),
        grids: n('grids'),
        components: n('components'),
        cases: map
          .querySourceFeatures('cases', { sourceLayer: 'cases' })
          .map((f) => f.properties.timer),
      };
    });
    expect(drawn.districts).toBeGreaterThan(0);
    expect(drawn.grids).toBeGreaterThan(100);
    expect(drawn.components).toBeGreaterThan(100);
    expect(drawn.cases.length).toBeGreaterThan(0);
    expect(
      drawn.cases.every((t) =>
        ['on_time', 'warning', 'overdue', 'paused', 'none'].includes(String(t)),
      ),
    ).toBe(true);
    expect(tiles.some((u) => /\/api\/v1\/tiles\/components\//.test(u))).toBe(true);
    expect(tiles.some((u) => /\/api\/v1\/case-tiles\//.test(u))).toBe(true);
    await shot(cmd, 'map-01-city-layers');
    await cmd.click('#map-layer-components');
    await cmd.click('#map-layer-grids');
    await shot(cmd, 'map-02-without-components-and-grids');
    expect(outside).toEqual([]);
  }, 300_000);
});
