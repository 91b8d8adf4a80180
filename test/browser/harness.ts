import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { buildApp } from '../../src/api/build-app.ts';
import { WEB_DIR } from '../../src/main.ts';
import { systemClock } from '../../src/services/deps.ts';
import { DEMO_PASSWORD } from '../../src/services/demo/load-demo.ts';
import type { Db } from '../../src/store/db.ts';
import { freshDb } from '../helpers/db.ts';
import { loadSmallDemo } from '../helpers/demo.ts';
import { testDeps } from '../helpers/deps.ts';

/** Debian's chromium (apt-get install -y chromium); no browser is ever downloaded. */
export const CHROMIUM = '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const HAVE_BUNDLE = existsSync(join(WEB_DIR, 'index.html'));
export const SHOTS = join(import.meta.dirname, '..', '..', 'test-results', 'browser');

export const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type Harness = {
  url: string;
  db: Db;
  app: FastifyInstance;
  browser: Browser;
  close: () => Promise<void>;
};

/**
 * A real server on a fresh embedded database with the demo city (2,000 components unless
 * `components` says more; `prepare` runs before the server starts), the built console at `/`,
 * the real clock, and headless chromium.
 */
export async function startHarness(
  opts: { components?: number; prepare?: (db: Db) => Promise<void> } = {},
): Promise<Harness> {
  mkdirSync(SHOTS, { recursive: true });
  const db = await freshDb();
  await loadSmallDemo(db, opts.components !== undefined ? { components: opts.components } : {});
  await opts.prepare?.(db);
  const deps = { ...testDeps(db, () => systemClock.now()), newId: randomUUID };
  const app = await buildApp(deps, {
    sessionSecret: 'browser-test-secret-browser-test',
    streamHeartbeatMs: 5_000,
    webDir: WEB_DIR,
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const addr = app.server.address();
  if (addr === null || typeof addr === 'string') throw new Error('no port');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
  return {
    url: `http://127.0.0.1:${addr.port}/`,
    db,
    app,
    browser,
    async close() {
      await browser.close();
      await app.close();
      await db.close();
    },
  };
}

/** A new browser context (own cookies) signed in as the user through the login page. */
export async function signIn(
  h: Harness,
  username: string,
): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await h.browser.newContext({
    viewport: { width: 1400, height: 900 },
    locale: 'zh-CN',
  });
  const page = await ctx.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(h.url);
  await page.fill('#login-username', username);
  await page.fill('#login-password', DEMO_PASSWORD);
  await page.click('#login-submit');
  await page.waitForSelector('#current-user');
  return { ctx, page };
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** A 2×2 PNG (a real image the upload route accepts as image/png). */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);
