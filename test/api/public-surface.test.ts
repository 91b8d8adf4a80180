import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/build-app.ts';
import type { Db } from '../../src/store/db.ts';
import { addUsers, bearer, loginAs } from '../helpers/app.ts';
import { freshDb } from '../helpers/db.ts';
import { testDeps } from '../helpers/deps.ts';
import { opKey, operationsOf, urlOf } from '../helpers/openapi.ts';

let db: Db;
let app: FastifyInstance;

beforeAll(async () => {
  db = await freshDb();
  const deps = testDeps(db, new Date('2026-03-02T01:00:00Z'));
  await addUsers(deps, [{ username: 'admin', role: 'admin', districtCode: '530100' }]);
  app = await buildApp(deps, { sessionSecret: 'public-surface-secret' });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await db.close();
});

let ip = 0;
const nextIp = () => `10.20.${Math.floor(++ip / 250)}.${ip % 250}`;

describe('the OpenAPI document declares who may call each operation', () => {
  it('declares bearer security on exactly the operations that refuse anonymous callers', async () => {
    const ops = operationsOf(app);
    expect(ops.length).toBeGreaterThan(80);
    const wrong: string[] = [];
    for (const op of ops) {
      const res = await app.inject({
        method: op.method as 'GET',
        url: urlOf(op),
        remoteAddress: nextIp(),
        ...(op.method === 'GET' ? {} : { payload: {} }),
      });
      const declared = op.security;
      // A client's API key (Open311) is refused as the GeoReport v2 spec says: 403.
      const keyOnly =
        declared !== undefined &&
        declared.length > 0 &&
        declared.every((req) => Object.keys(req).every((k) => k === 'open311ApiKey'));
      const refused = res.statusCode === (keyOnly ? 403 : 401);
      if (declared === undefined) wrong.push(`${opKey(op)}: no security declared`);
      else if (refused && declared.length === 0)
        wrong.push(`${opKey(op)}: refuses anonymous callers but declares security: []`);
      else if (!refused && declared.length > 0)
        wrong.push(`${opKey(op)}: answers anonymous callers ${res.statusCode} but declares bearer`);
    }
    expect(wrong).toEqual([]);
  });
});

describe('rate limits of anonymous callers', () => {
  it('limit every public operation per client address, and not signed-in staff', async () => {
    const budget = { limit: 1, windowMs: 60_000 };
    const strict = await buildApp(testDeps(db, new Date('2026-03-02T01:00:00Z')), {
      sessionSecret: 'public-surface-secret',
      rateLimits: {
        'public-read': budget,
        'public-write': budget,
        login: budget,
        'public-report': budget,
        'tracking-lookup': budget,
        'portal-photo': budget,
        'code-request': budget,
        'code-verify': budget,
      },
    });
    await strict.ready();
    try {
      const token = await loginAs(app, 'admin');
      const unlimited: string[] = [];
      for (const op of operationsOf(strict).filter((o) => o.security?.length === 0)) {
        const address = nextIp();
        const send = (headers: Record<string, string> = {}) =>
          strict.inject({
            method: op.method as 'GET',
            url: urlOf(op, { trackingCode: 'ABCDEFGHJK' }),
            remoteAddress: address,
            headers,
            ...(op.method === 'GET' ? {} : { payload: {} }),
          });
        await send();
        const second = await send();
        if (second.statusCode !== 429) unlimited.push(`${opKey(op)}: ${second.statusCode}`);
        else {
          // Open311 answers in its own error format (GeoReport v2), the rest in the platform's.
          if (!op.path.startsWith('/open311/'))
            expect(second.json()).toMatchObject({ code: 'rate_limited' });
          expect(Number(second.headers['retry-after'])).toBeGreaterThan(0);
          // A signed-in caller from the same address is not counted as the public.
          if (op.path !== '/api/v1/auth/login')
            expect((await send(bearer(token))).statusCode).not.toBe(429);
        }
      }
      expect(unlimited).toEqual([]);
    } finally {
      await strict.close();
    }
  });

  it('lets a tracking-code lookup be guessed only 60 times a minute per address', async () => {
    const statuses: number[] = [];
    const address = nextIp();
    for (let i = 0; i < 61; i++) {
      const res = await app.inject({
        url: '/api/v1/public/reports/ABCDEFGHJK',
        remoteAddress: address,
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 60).every((s) => s === 404)).toBe(true);
    expect(statuses[60]).toBe(429);
    const other = await app.inject({
      url: '/api/v1/public/reports/ABCDEFGHJK',
      remoteAddress: nextIp(),
    });
    expect(other.statusCode).toBe(404);
  });
});

describe('the client address behind a proxy', () => {
  it('counts clients named by a trusted proxy, and ignores X-Forwarded-For from anyone else', async () => {
    const budget = { 'tracking-lookup': { limit: 1, windowMs: 60_000 } };
    const lookup = (a: FastifyInstance, from: string, client: string) =>
      a.inject({
        url: '/api/v1/public/reports/ABCDEFGHJK',
        remoteAddress: from,
        headers: { 'x-forwarded-for': client },
      });
    const proxied = await buildApp(testDeps(db, new Date('2026-03-02T01:00:00Z')), {
      sessionSecret: 'public-surface-secret',
      trustProxy: '10.99.0.1',
      rateLimits: budget,
    });
    const direct = await buildApp(testDeps(db, new Date('2026-03-02T01:00:00Z')), {
      sessionSecret: 'public-surface-secret',
      rateLimits: budget,
    });
    try {
      expect((await lookup(proxied, '10.99.0.1', '203.0.113.1')).statusCode).toBe(404);
      expect((await lookup(proxied, '10.99.0.1', '203.0.113.2')).statusCode).toBe(404);
      expect((await lookup(proxied, '10.99.0.1', '203.0.113.1')).statusCode).toBe(429);
      // Not through the trusted proxy: a forged header does not buy a fresh budget.
      expect((await lookup(direct, '10.98.0.1', '203.0.113.1')).statusCode).toBe(404);
      expect((await lookup(direct, '10.98.0.1', '203.0.113.9')).statusCode).toBe(429);
    } finally {
      await proxied.close();
      await direct.close();
    }
  });
});

describe('/metrics', () => {
  it('is refused to everyone while no token is configured', async () => {
    const res = await app.inject({ url: '/metrics' });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'metrics.not_configured' });
  });

  it('answers only the bearer of the configured token', async () => {
    const withToken = await buildApp(testDeps(db, new Date('2026-03-02T01:00:00Z')), {
      sessionSecret: 'public-surface-secret',
      metricsToken: 'scrape-me-please',
    });
    await withToken.ready();
    try {
      const none = await withToken.inject({ url: '/metrics' });
      expect(none.statusCode).toBe(401);
      expect(none.json()).toMatchObject({ code: 'metrics.unauthorized' });
      const session = await withToken.inject({
        url: '/metrics',
        headers: bearer(await loginAs(withToken, 'admin')),
      });
      expect(session.statusCode).toBe(401);
      const ok = await withToken.inject({
        url: '/metrics',
        headers: bearer('scrape-me-please'),
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.body).toContain('gridloop_http_request_duration_seconds');
    } finally {
      await withToken.close();
    }
  });
});
