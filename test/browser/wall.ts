import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { systemClock } from '../../src/services/deps.ts';
import { DEMO_PASSWORD } from '../../src/services/demo/load-demo.ts';
import { loadHistory, type HistoryReport } from '../../src/services/demo/load-history.ts';
import { testDeps } from '../helpers/deps.ts';
import type { Harness } from './harness.ts';

/**
 * `gridloop demo --history 12m --per-day N` on the harness's city: a year of cases played through
 * the workflow up to now (the real clock), folded into the roll-ups.
 */
export async function loadYearOfHistory(h: Harness, perDay: number): Promise<HistoryReport> {
  const deps = { ...testDeps(h.db, () => systemClock.now()), newId: randomUUID };
  const r = await loadHistory(deps, { months: 12, perDay, seed: 1 });
  if (!r.ok) throw new Error(`history not loaded: ${JSON.stringify(r.error)}`);
  return r.value;
}

/** Panels of the wall (data-panel) and how many have drawn their data. */
export async function panelsReady(page: Page): Promise<{ panels: number; ready: number }> {
  // Strings, not functions: the page has the DOM, this file's types do not.
  return page.evaluate<{ panels: number; ready: number }>(`({
    panels: document.querySelectorAll('[data-panel]').length,
    ready: document.querySelectorAll('[data-panel][data-ready="yes"]').length,
  })`);
}

/** True in the page once every panel has data and the map has drawn its case points. */
export const WALL_READY = `(() => {
  const all = document.querySelectorAll('[data-panel]').length;
  const ready = document.querySelectorAll('[data-panel][data-ready="yes"]').length;
  return all > 0 && all === ready && !!document.querySelector('#cockpit-map[data-ready="yes"]');
})()`;

/** Waits until every panel has data and the map has drawn its case points. */
export async function waitWallReady(page: Page, timeout = 120_000): Promise<void> {
  await page.waitForFunction(WALL_READY, undefined, { timeout, polling: 50 });
}

/** Signs the wall in once through its own form (the commander: a leader's account). */
export async function signInWall(page: Page, url: string, username = 'commander'): Promise<void> {
  await page.goto(`${url}cockpit/`);
  await page.fill('#wall-username', username);
  await page.fill('#wall-password', DEMO_PASSWORD);
  await page.click('#wall-login-submit');
  await page.locator('#cockpit').waitFor();
}

/** The number a figure of the wall shows (data-figure), or NaN while it shows none. */
export async function figure(page: Page, key: string): Promise<number> {
  const t = await page.locator(`[data-figure="${key}"]`).textContent();
  return Number(t ?? 'NaN');
}
