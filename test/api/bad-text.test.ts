import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMON_ERRORS } from '../../src/api/errors/common.ts';
import { findBadText } from '../../src/api/plugins/text-guard.ts';
import type { Db } from '../../src/store/db.ts';
import { addUsers, closeCaseWorld, openCaseWorld } from '../helpers/app.ts';
import { OWN, reportBody, type CaseWorld } from '../factories.ts';

// PostgreSQL and PGlite refuse U+0000 in text and jsonb; the API must refuse it first (400).
const NUL = '\u0000';

type ErrorBody = {
  code: string;
  message: { zh: string; en: string };
  details: { location: string; path: string; problem: string; line?: number };
};

let db: Db;
let w: CaseWorld;

beforeAll(async () => {
  w = await openCaseWorld();
  db = w.db;
  await addUsers(w.deps, [{ username: 'nul.admin', role: 'admin', districtCode: '530100' }]);
  // Signed in up front: a login is a successful write of its own and would move the counts.
  for (const u of ['supervisor', 'acceptance_operator', 'nul.admin']) await w.auth(u);
}, 120_000);
afterAll(() => closeCaseWorld(w));

async function count(sql: string, params: unknown[] = []): Promise<number> {
  const r = await db.query<{ n: string | number }>(sql, params);
  return Number(r.rows[0]?.n ?? 0);
}

/** What a refused write must leave unchanged: cases, their events, successful writes audited. */
async function written() {
  return {
    cases: await count('SELECT count(*) AS n FROM cases'),
    events: await count('SELECT count(*) AS n FROM case_events'),
    successes: await count('SELECT count(*) AS n FROM audit_log WHERE status < 400'),
  };
}

const supervisorReport = (overrides: Record<string, unknown> = {}) =>
  reportBody(w, 'supervisor', overrides);

async function report(payload: Record<string, unknown>, url = '/api/v1/cases') {
  return w.app.inject({
    method: 'POST',
    url,
    headers: await w.auth('supervisor'),
    payload,
  });
}

function expectRefusal(
  res: { statusCode: number; body: string; json: <T>() => T },
  where: Omit<ErrorBody['details'], 'problem'>,
) {
  const details = { ...where, problem: 'nul' };
  expect(res.statusCode, res.body).toBe(400);
  const body = res.json<ErrorBody>();
  expect(body.code).toBe('request.invalid_text');
  expect(body.message).toEqual({
    zh: COMMON_ERRORS['request.invalid_text'].zh,
    en: COMMON_ERRORS['request.invalid_text'].en,
  });
  expect(body.message.zh).toMatch(/U\+0000/);
  expect(body.message.zh).toMatch(/代理项/);
  expect(body.message.en).toMatch(/U\+0000/);
  expect(body.details).toEqual(details);
}

describe('U+0000 in a request (400 request.invalid_text, nothing written)', () => {
  it('refuses a report whose description holds U+0000 and writes no case, event or success', async () => {
    const before = await written();
    const res = await report(await supervisorReport({ description: `井盖${NUL}缺失` }));
    expectRefusal(res, { location: 'body', path: 'description' });
    expect(await written()).toEqual(before);
  });

  it('names the nested field: reporter.name', async () => {
    const before = await written();
    const res = await report(
      await supervisorReport({ reporter: { name: `张${NUL}先生`, phone: '13812345678' } }),
    );
    expectRefusal(res, { location: 'body', path: 'reporter.name' });
    expect(await written()).toEqual(before);
  });

  it('finds it in an object key too, and names the key escaped', async () => {
    const before = await written();
    const res = await report(
      await supervisorReport({ reporter: { [`na${NUL}me`]: '张先生', phone: '13812345678' } }),
    );
    expectRefusal(res, { location: 'body', path: 'reporter["na\\u0000me"]' });
    expect(await written()).toEqual(before);
  });

  it('audits the refusal itself, with the NUL replaced so the entry can be stored', async () => {
    const before = await count(
      `SELECT count(*) AS n FROM audit_log WHERE route = '/api/v1/cases' AND status = 400`,
    );
    const res = await report(await supervisorReport({ description: `审计${NUL}测试` }));
    expect(res.statusCode).toBe(400);
    const r = await db.query<{ payload: { description?: string } | null; user_id: string | null }>(
      `SELECT payload, user_id FROM audit_log WHERE route = '/api/v1/cases' AND status = 400
       ORDER BY id DESC LIMIT 1`,
    );
    expect(
      await count(
        `SELECT count(*) AS n FROM audit_log WHERE route = '/api/v1/cases' AND status = 400`,
      ),
    ).toBe(before + 1);
    expect(r.rows[0]?.payload?.description).toBe('审计\uFFFD测试');
    expect(r.rows[0]?.user_id).toBe(w.principal('supervisor').userId);
  });

  it('refuses U+0000 in a query string parameter of a GET', async () => {
    const res = await w.app.inject({
      method: 'GET',
      url: `/api/v1/audit?entity=cases%00&limit=5`,
      headers: await w.auth('nul.admin'),
    });
    expectRefusal(res, { location: 'query', path: 'entity' });
    // The same query without the NUL is answered.
    const ok = await w.app.inject({
      method: 'GET',
      url: `/api/v1/audit?entity=cases&limit=5`,
      headers: await w.auth('nul.admin'),
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('refuses U+0000 in a route param and writes nothing', async () => {
    const before = await written();
    const res = await w.app.inject({
      method: 'POST',
      url: `/api/v1/cases/abc%00def/file`,
      headers: await w.auth('acceptance_operator'),
      payload: { expectedVersion: 1 },
    });
    expectRefusal(res, { location: 'params', path: 'id' });
    expect(await written()).toEqual(before);
  });

  it('refuses U+0000 in a header (the Idempotency-Key of intake) and opens no case', async () => {
    const before = await written();
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/v1/intake/reports',
      headers: { ...(await w.auth('supervisor')), 'idempotency-key': `key${NUL}1` },
      payload: await supervisorReport(),
    });
    expectRefusal(res, { location: 'headers', path: 'idempotency-key' });
    expect(await written()).toEqual(before);
  });

  it('refuses a text import body holding U+0000 and names its line', async () => {
    const before = await count('SELECT count(*) AS n FROM grids');
    const csv = `code,name,district_code,wkt\nG1,一${NUL}号网格,${OWN},POINT(0 0)\n`;
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/v1/grids/import?dry_run=false',
      headers: { ...(await w.auth('nul.admin')), 'content-type': 'text/csv' },
      payload: csv,
    });
    expectRefusal(res, { location: 'body', path: '', line: 2 });
    expect(await count('SELECT count(*) AS n FROM grids')).toBe(before);
  });

  it('still opens a normal report (201), one case more', async () => {
    const before = await written();
    const res = await report(await supervisorReport({ description: '井盖缺失（无空字符）' }));
    expect(res.statusCode, res.body).toBe(201);
    const after = await written();
    expect(after.cases).toBe(before.cases + 1);
    expect(after.events).toBeGreaterThan(before.events);
  });
});

const findNul = (v: unknown) => findBadText(v)?.path ?? null;

describe('findBadText (the walk behind the check)', () => {
  it('names array items and nested keys, and finds nothing in clean values', () => {
    expect(findNul({ a: [1, 'x', { b: `y${NUL}` }] })).toBe('a[2].b');
    expect(findNul({ photoIds: ['p1', `p${NUL}`] })).toBe('photoIds[1]');
    expect(findNul({ 'odd key': `v${NUL}` })).toBe('["odd key"]');
    expect(findNul({ a: [1, 'x', { b: 'y' }], c: null, d: true })).toBeNull();
    expect(findNul(Buffer.from([0, 0, 0]))).toBeNull();
  });

  it('tells a lone surrogate from U+0000 and accepts paired surrogates (emoji)', () => {
    expect(findBadText({ a: 'x\ud800y' })).toEqual({ path: 'a', problem: 'lone_surrogate' });
    expect(findBadText({ a: ['\udc00'] })).toEqual({ path: 'a[0]', problem: 'lone_surrogate' });
    expect(findBadText({ ['k\udbff']: 1 })).toEqual({
      path: '["k\\udbff"]',
      problem: 'lone_surrogate',
    });
    expect(findBadText({ a: `x${NUL}\ud800` })).toEqual({ path: 'a', problem: 'nul' });
    expect(findBadText({ a: '井盖 😀 \ud83d\ude00' })).toBeNull();
  });

  it('walks a very deeply nested value without overflowing the stack', () => {
    const depth = 200_000;
    const deep: unknown = JSON.parse(`${'['.repeat(depth)}"\\u0000"${']'.repeat(depth)}`);
    const path = findNul(deep);
    expect(path).not.toBeNull();
    expect(path?.length).toBe(depth * 3);
  });
});
