import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/build-app.ts';
import { WEB_DIR } from '../../src/main.ts';
import type { Db } from '../../src/store/db.ts';
import { freshDb } from '../helpers/db.ts';
import { testDeps } from '../helpers/deps.ts';

const BUILT = existsSync(join(WEB_DIR, 'field', 'index.html'));
if (!BUILT) console.warn('[field app] SKIPPED: web/dist/field is missing (npm run build:web)');

// The supervisors' field app (城管通) is served by the same process at /field/, installable: a
// manifest, and a service worker whose scope is /field/ and which is always revalidated.
describe.skipIf(!BUILT)('the field app at /field/', () => {
  let db: Db;
  let app: FastifyInstance;
  const get = (url: string) => app.inject({ method: 'GET', url });

  beforeAll(async () => {
    db = await freshDb();
    app = await buildApp(testDeps(db, new Date('2026-03-02T01:00:00Z')), {
      sessionSecret: 'field-app-test-secret-field-app-test',
      webDir: WEB_DIR,
    });
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('serves the page at /field/, revalidated on every start so a release is picked up', async () => {
    const r = await get('/field/');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/html/);
    expect(r.headers['cache-control']).toBe('no-cache');
    expect(r.body).toContain('manifest.webmanifest');
  });

  it('serves the service worker from /field/ (so its scope is /field/), never cached for long', async () => {
    const r = await get('/field/sw.js');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/javascript/);
    expect(r.headers['cache-control']).toBe('no-cache');
    // It precaches the page's own hashed assets, and leaves /api to the network.
    const assets = [...r.body.matchAll(/"\.\.\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.some((a) => a.startsWith('assets/field-'))).toBe(true);
    expect(r.body).toContain("startsWith('/api/')");
    for (const a of assets) {
      const asset = await get(`/${a}`);
      expect(asset.statusCode, a).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  it('serves the manifest of an installable app whose scope is /field/', async () => {
    const r = await get('/field/manifest.webmanifest');
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/manifest\+json|json/);
    const m = r.json<{ scope: string; start_url: string; display: string; icons: unknown[] }>();
    expect(m).toMatchObject({ scope: './', start_url: './', display: 'standalone' });
    expect(m.icons.length).toBeGreaterThan(0);
    expect((await get('/field/icon.svg')).statusCode).toBe(200);
  });

  it('leaves the console at / and the API untouched', async () => {
    expect((await get('/')).body).not.toContain('城管通');
    expect((await get('/healthz')).statusCode).not.toBe(404);
  });
});
