import type { Page } from 'playwright-core';
import { crc32, deflateSync } from 'node:zlib';
import { PNG } from './harness.ts';

// The steps the browser tests share: report, pick a case in a workbench, give a command through
// its dialog, read the timeline, and the case as the signed-in user's API sees it.

export type CaseRow = { id: string; status: string; mainUnitId: string | null; version: number };

/** The case as the signed-in user's API sees it (the page's cookie), by case number. */
export async function caseByNumber(page: Page, caseNumber: string): Promise<CaseRow> {
  return page.evaluate(async (n) => {
    const r = await fetch(`/api/v1/cases?caseNumber=${encodeURIComponent(n)}`);
    const body = (await r.json()) as { items: CaseRow[] };
    const c = body.items[0];
    if (!c) throw new Error(`no case ${n}`);
    return c;
  }, caseNumber);
}

export async function report(page: Page, description: string): Promise<string> {
  await page.goto(`${new URL(page.url()).origin}/#/report`);
  await page.click('#report-category');
  await page.keyboard.type('01001');
  await page.keyboard.press('Enter');
  await page.fill('#report-lng', '102.712');
  await page.fill('#report-lat', '24.826');
  await page.fill('#report-address', '龙城街道演示路 1 号');
  await page.fill('#report-description', description);
  await page.setInputFiles('#report-form input[type=file]', {
    name: 'before.png',
    mimeType: 'image/png',
    buffer: PNG,
  });
  await page.click('#report-submit');
  const number = page.locator('[data-case-number]');
  await number.waitFor();
  return (await number.textContent()) ?? '';
}

/** Opens a workbench, picks the case in its queue and waits for its panel. */
export async function pick(page: Page, wb: string, caseNumber: string): Promise<void> {
  await page.goto(`${new URL(page.url()).origin}/#/work/${wb}`);
  await page.click(`[data-queue-case="${caseNumber}"]`);
  await page.locator('#open-case', { hasText: caseNumber }).waitFor();
}

/** Clicks a command button, fills the dialog and submits it. */
export async function command(
  page: Page,
  action: string,
  fill: { reason?: string; note?: string; photo?: boolean | Buffer; unit?: string } = {},
): Promise<void> {
  await page.click(`[data-action="${action}"]`);
  if (fill.unit) {
    await page.click('#action-unit');
    await page.keyboard.type(fill.unit);
    // The options come with the unit list: click the one that matches once it is there (Enter
    // on a list still loading picks nothing, and the dialog then stays open).
    await page.locator('.ant-select-item-option', { hasText: fill.unit }).first().click();
  }
  if (fill.reason) await page.fill('#action-reason', fill.reason);
  if (fill.note) await page.fill('#action-note', fill.note);
  if (fill.photo)
    await page.setInputFiles('.ant-modal input[type=file]', {
      name: 'after.png',
      mimeType: 'image/png',
      buffer: fill.photo === true ? PNG : fill.photo,
    });
  await page.click('#action-submit');
  await page.locator('.ant-modal').waitFor({ state: 'detached' });
}

/** The actions of the history timeline on the page, in order. */
export async function eventsShown(page: Page): Promise<(string | null)[]> {
  const items = await page.locator('[data-event]').all();
  return Promise.all(items.map((l) => l.getAttribute('data-event')));
}

export async function gone(page: Page, caseNumber: string): Promise<void> {
  await page.locator(`[data-queue-case="${caseNumber}"]`).waitFor({ state: 'detached' });
}

/** A 2×2 PNG of one colour: another picture than PNG (a second feedback needs new photos). */
export function pngOf(r: number, g: number, b: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.from([0, r, g, b, r, g, b]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat([row, row]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Presses a workbench shortcut; with `dialog`, fills the command's dialog and submits it. */
export async function key(
  page: Page,
  letter: string,
  dialog?: { reason?: string; note?: string; photo?: Buffer },
): Promise<void> {
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(letter);
  if (!dialog) return;
  await page.locator('.ant-modal').waitFor();
  if (dialog.reason) await page.fill('#action-reason', dialog.reason);
  if (dialog.note) await page.fill('#action-note', dialog.note);
  if (dialog.photo)
    await page.setInputFiles('.ant-modal input[type=file]', {
      name: 'photo.png',
      mimeType: 'image/png',
      buffer: dialog.photo,
    });
  await page.click('#action-submit');
  await page.locator('.ant-modal').waitFor({ state: 'detached' });
}
