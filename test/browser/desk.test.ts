import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handlerUsername } from '../../src/domain/demo-city/users.ts';
import { HAVE_BUNDLE, HAVE_CHROMIUM, shot, signIn, startHarness, type Harness } from './harness.ts';
import { caseByNumber, command, eventsShown, gone, key, pick, pngOf, report } from './steps.ts';

// The desks of issue #11 in a real browser against a real server with the demo city: the loop
// with an extension and a rework (and the commander's urge and the city's spot check), a hotline
// work order through to its call-back, and the acceptance desk merging a duplicate it sees side
// by side, then a whistle blown and reported. Screenshots: test-results/browser/desk-*.png.
if (!HAVE_CHROMIUM)
  console.warn(
    '[browser tests] SKIPPED: /usr/bin/chromium is missing (apt-get install -y chromium); the desks are not tested in a browser',
  );

describe.skipIf(!HAVE_CHROMIUM)('the desks in a browser', () => {
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
  const go = (p: Page, path: string) => p.goto(`${new URL(p.url()).origin}/#${path}`);

  beforeAll(async () => {
    if (!HAVE_BUNDLE)
      throw new Error('web/dist is missing: run `npm run build:web` (npm install does)');
    h = await startHarness();
  }, 300_000);
  afterAll(async () => {
    await h?.close();
  });

  it('runs the loop with an extension (unit asks, dispatcher approves), an urge, a rework and a spot check, by keyboard where it can', async () => {
    const sup = await as('supervisor');
    const caseNumber = await report(sup, '井盖破损，延期与返工测试');

    const acc = await as('acceptance_operator');
    await pick(acc, 'acceptance', caseNumber);
    await key(acc, 'f');
    await gone(acc, caseNumber);

    const dis = await as('dispatcher');
    await pick(dis, 'dispatch', caseNumber);
    await dis.locator('[data-suggestion]').waitFor();
    await key(dis, 'd');
    await gone(dis, caseNumber);
    const dispatched = await caseByNumber(dis, caseNumber);
    const handler = await as(handlerUsername(dispatched.mainUnitId ?? ''));

    // The unit accepts (a) and asks for more time (e opens the dialog: a reason is needed).
    await pick(handler, 'handling', caseNumber);
    await key(handler, 'a');
    await handler.locator('[data-status="handling"]').waitFor();
    await key(handler, 'e', { reason: '需采购井盖，申请延期' });
    await shot(handler, 'desk-01-extension-asked');

    // The dispatcher approves it from the approvals queue (y: no field to write).
    await pick(dis, 'approvals', caseNumber);
    await shot(dis, 'desk-02-approvals');
    await key(dis, 'y');
    await gone(dis, caseNumber);

    // The commander urges it from the case page (a note is required).
    const cmd = await as('commander');
    await go(cmd, `/cases/${dispatched.id}`);
    await command(cmd, 'urge', { note: '请加快处置' });
    await cmd.locator('[data-event="urge"]').waitFor();

    await pick(handler, 'handling', caseNumber);
    await command(handler, 'feedback', { note: '已更换井盖', photo: pngOf(200, 10, 10) });
    await gone(handler, caseNumber);

    // The re-check fails (w: a reason), the unit does it again.
    await pick(sup, 'recheck', caseNumber);
    await key(sup, 'w', { reason: '井盖未固定，返工' });
    await gone(sup, caseNumber);
    await shot(sup, 'desk-03-rework');

    await pick(handler, 'handling', caseNumber);
    await command(handler, 'feedback', { note: '已固定井盖', photo: pngOf(10, 200, 10) });
    await gone(handler, caseNumber);

    await pick(sup, 'recheck', caseNumber);
    await key(sup, 'p');
    await gone(sup, caseNumber);
    await pick(acc, 'close', caseNumber);
    await key(acc, 'c');
    await gone(acc, caseNumber);

    // The city spot-checks the district's closure (s).
    const city = await as('city_supervisor');
    await pick(city, 'spotcheck', caseNumber);
    await shot(city, 'desk-04-spot-check');
    await key(city, 's');
    await gone(city, caseNumber);

    await go(acc, `/cases/${dispatched.id}`);
    await acc.locator('[data-event="spot_check_pass"]').waitFor();
    expect(await eventsShown(acc)).toEqual([
      'report',
      'file',
      'dispatch',
      'accept',
      'request_extension',
      'approve_extension',
      'urge',
      'feedback',
      'rework',
      'feedback',
      'recheck_pass',
      'close',
      'spot_check_pass',
    ]);
    await shot(acc, 'desk-05-extension-rework-timeline');
  }, 600_000);

  it('records a hotline call with address search, the unit responds and replies, the hotline calls back', async () => {
    const { rows } = await h.db.query<{ address: string }>(
      `SELECT s.address FROM storefronts s
        WHERE s.grid_code LIKE '530114%'
          AND (SELECT count(*) FROM storefronts o WHERE o.address = s.address) = 1
        ORDER BY s.address LIMIT 1`,
    );
    const address = rows[0]?.address ?? '';
    expect(address).not.toBe('');

    const agent = await as('hotline_agent');
    await go(agent, '/hotline');
    await agent.click('#call-type');
    await agent.keyboard.type('S10');
    await agent.keyboard.press('Enter');
    await agent.fill('#call-name', '李女士');
    await agent.fill('#call-phone', '13900001111');
    await agent.fill('#call-address', address);
    await agent.locator('#address-pinned').waitFor();
    await agent.fill('#call-description', '门前占道经营，影响通行');
    await shot(agent, 'desk-06-hotline-call');
    await agent.click('#call-submit');
    const number = agent.locator('#order-case', { hasText: /^530114-/ });
    await number.waitFor();
    const caseNumber = (await number.textContent()) ?? '';
    const id = ((await number.getAttribute('href')) ?? '').replace('#/cases/', '');
    await agent.locator('[data-order-state="dispatched"]').waitFor();
    const order = await agent.evaluate(async (orderId) => {
      const r = await fetch(`/api/v1/hotline/orders/${orderId}`);
      return ((await r.json()) as { order: { caseNumber: string; unitId: string } }).order;
    }, id);
    expect(order.caseNumber).toBe(caseNumber);
    expect(order.unitId).toMatch(/^u-530114/);

    const unit = await as(handlerUsername(order.unitId));
    await go(unit, '/hotline');
    await unit.click(`[data-order="${id}"]`);
    await unit.locator('#order-case', { hasText: caseNumber }).waitFor();
    await unit.click('[data-order-step="respond"]');
    await unit.click('#step-submit');
    await unit.locator('[data-order-state="responded"]').waitFor();
    await unit.click('[data-order-step="reply"]');
    await unit.fill('#step-note', '已劝离占道摊贩，并告知来电人');
    await unit.click('#step-submit');
    await unit.locator('[data-order-state="replied"]').waitFor();
    await shot(unit, 'desk-07-hotline-replied');

    await agent.reload();
    await agent.click(`[data-order="${id}"]`);
    await agent.locator('[data-order-state="replied"]').waitFor();
    await agent.click('[data-order-step="call-back"]');
    await agent.getByLabel('基本满意').check();
    await agent.click('#step-submit');
    await agent.locator('[data-order-state="closed"]').waitFor();
    await agent.locator('[data-call-back="basically_satisfied"]').waitFor();
    await shot(agent, 'desk-08-hotline-called-back');
  }, 600_000);

  it('shows a likely duplicate side by side and merges it; then blows a whistle that a department reports to', async () => {
    const sup = await as('supervisor');
    const first = await report(sup, '路灯不亮（第一次上报）');
    const second = await report(sup, '路灯不亮（重复上报）');

    const acc = await as('acceptance_operator');
    await pick(acc, 'acceptance', second);
    await acc.locator(`[data-duplicate="${first}"]`).waitFor();
    await acc.locator('[data-sketch]').first().waitFor();
    await shot(acc, 'desk-09-duplicates-side-by-side');
    await acc.click(`[data-merge-into="${first}"]`);
    await acc.click('#merge-confirm');
    await gone(acc, second);
    expect((await caseByNumber(acc, second)).status).toBe('merged');
    const target = await caseByNumber(acc, first);
    await go(acc, `/cases/${target.id}`);
    await acc.locator('[data-event="absorb_duplicate"]').waitFor();
    await shot(acc, 'desk-10-merged-timeline');

    // The district (its dispatcher) whistles on the case and summons a city department.
    const dis = await as('dispatcher');
    await go(dis, '/whistles');
    await dis.fill('#blow-case', first);
    await dis.click('#blow-units');
    await dis.keyboard.type('u-530100-cgj');
    await dis.keyboard.press('Enter');
    await dis.keyboard.press('Escape');
    await dis.fill('#blow-reason', '涉及市级部门职责，区级无法单独解决');
    await dis.click('#blow-submit');
    await dis.locator('[data-whistle-status="open"]').waitFor();
    await shot(dis, 'desk-11-whistle-blown');

    const dept = await as('handler.530100-cgj');
    await go(dept, '/whistles');
    for (const step of ['acknowledge', 'arrive', 'feedback']) {
      await dept.click(`[data-report-step="${step}"]`);
      await dept.locator(`[data-done="${step}"]`).waitFor();
    }
    await shot(dept, 'desk-12-whistle-reported');

    await dis.reload();
    await dis.click('#close-whistle');
    await dis.fill('#close-whistle-note', '市城管局到场处置完毕');
    await dis.click('#close-whistle-submit');
    await dis.locator('[data-whistle-status="resolved"]').waitFor();
    await shot(dis, 'desk-13-whistle-closed');
  }, 600_000);

  it('saves a search as a view, picks it again after a reset, and exports the matches as .xlsx', async () => {
    await report(await as('supervisor'), '人行道板松动，保存查询测试');
    const dis = await as('dispatcher');
    await go(dis, '/cases');
    // A search by text: the rows it finds are the view's.
    await dis.fill('#search-text', '人行道板松动');
    await dis.click('#search-submit');
    await dis.locator('#case-table tbody tr[data-row-key]').first().waitFor();
    const found = await dis.locator('#case-table tbody tr[data-row-key]').count();
    await dis.fill('#view-name', '路灯案件');
    await dis.click('#save-view');
    await dis.click('#search-reset');
    await dis.click('#saved-views');
    await dis.locator('.ant-select-item-option[title="路灯案件"]').click();
    // The view puts its filters back and searches again: the reset list is replaced by its rows.
    await expect
      .poll(() => dis.locator('#case-table tbody tr[data-row-key]').count(), { timeout: 30_000 })
      .toBe(found);
    await shot(dis, 'desk-14-saved-view');

    const [download] = await Promise.all([dis.waitForEvent('download'), dis.click('#export-xlsx')]);
    expect(download.suggestedFilename()).toMatch(/^cases-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(await download.path());
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
  }, 300_000);
});
