import { describe, expect, it } from 'vitest';
import { freshDb } from '../helpers/db.ts';
import { testApp } from '../helpers/app.ts';
import { testDeps } from '../helpers/deps.ts';

/** GET /healthz: liveness and readiness in one, with the check that failed named. */
describe('GET /healthz', () => {
  it('answers 200 with every check ok while the database answers, and 503 naming the database once it is gone', async () => {
    const db = await freshDb();
    const app = await testApp(testDeps(db, new Date('2026-03-02T01:00:00Z')));
    try {
      const up = await app.inject({ method: 'GET', url: '/healthz' });
      expect(up.statusCode, up.body).toBe(200);
      expect(up.json()).toMatchObject({
        ok: true,
        checks: { database: 'ok', caseWrites: 'ok' },
        failed: [],
      });
      await db.close();
      const down = await app.inject({ method: 'GET', url: '/healthz' });
      expect(down.statusCode).toBe(503);
      expect(down.headers['retry-after']).toBe('5');
      expect(down.json()).toMatchObject({ ok: false, failed: ['database', 'caseWrites'] });
      expect(down.json<{ checks: { database: string } }>().checks.database).not.toBe('ok');
    } finally {
      await app.close();
    }
  });
});
