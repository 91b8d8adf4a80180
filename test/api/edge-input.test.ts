import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/build-app.ts';
import { COMMON_ERRORS } from '../../src/api/errors/common.ts';
import { cappedDetails, ECHO_LIMITS } from '../../src/api/errors/registry.ts';
import { MAX_LISTED_PROBLEMS } from '../../src/api/plugins/errors.ts';
import type { Db } from '../../src/store/db.ts';
import { caseWorld, openTestCase, reportBody, type CaseWorld } from '../factories.ts';
import { freshDb } from '../helpers/db.ts';

// Issue #8 §1: bad input gets a clear 4xx in the error shape, never a 5xx.

type ErrorBody = {
  code: string;
  message: { zh: string; en: string };
  details?: Record<string, unknown>;
};

let db: Db;
let w: CaseWorld;
let app: FastifyInstance;
let dataDir: string;
let base: { host: string; port: number };

beforeAll(async () => {
  db = await freshDb();
  w = await caseWorld(db);
  dataDir = await mkdtemp(join(tmpdir(), 'gridloop-edge-'));
  app = await buildApp({ ...w.deps, dataDir }, { sessionSecret: 'cases-test-secret' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const a = app.server.address() as AddressInfo;
  base = { host: '127.0.0.1', port: a.port };
  for (const u of ['supervisor', 'acceptance_operator', 'admin']) await w.auth(u);
}, 300_000);

afterAll(async () => {
  await app.close();
  await w.app.close();
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function count(table: string): Promise<number> {
  const r = await db.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${table}`);
  return Number(r.rows[0]?.n ?? 0);
}

/** The answer is `status` in the error shape with `code` and its registered message. */
function expectError(
  res: { statusCode: number; body: string },
  status: number,
  code: string,
): ErrorBody {
  expect(res.statusCode, res.body).toBe(status);
  const body = JSON.parse(res.body) as ErrorBody;
  expect(body.code).toBe(code);
  const spec = COMMON_ERRORS[code as keyof typeof COMMON_ERRORS];
  if (spec) expect(body.message).toEqual({ zh: spec.zh, en: spec.en });
  expect(typeof body.message.zh).toBe('string');
  expect(typeof body.message.en).toBe('string');
  return body;
}

/** Sends raw bytes to the listening server and reads the whole answer until the socket closes. */
function raw(
  request: string | Buffer,
): Promise<{ statusCode: number; head: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(base.port, base.host);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const at = text.indexOf('\r\n\r\n');
      const head = at < 0 ? text : text.slice(0, at);
      resolve({
        statusCode: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0),
        head,
        body: at < 0 ? '' : text.slice(at + 4),
      });
    });
    socket.write(request);
  });
}

const get = (path: string, headers: Record<string, string> = {}) =>
  raw(
    `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n` +
      Object.entries(headers)
        .map(([k, v]) => `${k}: ${v}\r\n`)
        .join('') +
      '\r\n',
  );

describe('a malformed session cookie is an invalid token, never a 500', () => {
  it('answers 401 auth.invalid_token on a protected route for gridloop_session=%E0%A4%A', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: 'gridloop_session=%E0%A4%A' },
    });
    expect(res.statusCode, res.body).toBe(401);
    expect(res.json<ErrorBody>().code).toBe('auth.invalid_token');
  });

  it('serves a public route to the same request as an anonymous caller', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/units',
      headers: { cookie: 'other=1; gridloop_session=%; x=%ZZ' },
    });
    expect(res.statusCode, res.body).toBe(200);
  });
});

describe('a broken multipart upload is 400 request.invalid_multipart and leaves no file', () => {
  const boundary = '----edge-boundary';
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n` +
    'Content-Type: image/png\r\n\r\n\x89PNG\r\n\x1a\n';

  it('refuses a body cut short before its closing boundary', async () => {
    const files = await count('files');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: {
        ...(await w.auth('supervisor')),
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      payload: head,
    });
    expectError(res, 400, 'request.invalid_multipart');
    expect(await count('files')).toBe(files);
    expect(await readdir(dataDir, { recursive: true })).toEqual([]);
  });

  it('refuses a multipart Content-Type without a boundary', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { ...(await w.auth('supervisor')), 'content-type': 'multipart/form-data' },
      payload: `${head}\r\n--${boundary}--\r\n`,
    });
    expectError(res, 400, 'request.invalid_multipart');
    expect(await readdir(dataDir, { recursive: true })).toEqual([]);
  });

  it('refuses a truncated upload over a real connection too', async () => {
    const body = Buffer.from(head);
    const token = (await w.auth('supervisor')).authorization;
    const res = await raw(
      Buffer.concat([
        Buffer.from(
          `POST /api/v1/files HTTP/1.1\r\nHost: x\r\nConnection: close\r\n` +
            `Authorization: ${token}\r\n` +
            `Content-Type: multipart/form-data; boundary=${boundary}\r\n` +
            `Content-Length: ${body.length}\r\n\r\n`,
        ),
        body,
      ]),
    );
    expectError(res, 400, 'request.invalid_multipart');
    expect(await readdir(dataDir, { recursive: true })).toEqual([]);
  });
});

describe('a lone UTF-16 surrogate is refused like U+0000 (400 request.invalid_text)', () => {
  it('refuses "\\ud800" in a report description and opens no case', async () => {
    const [cases, events] = [await count('cases'), await count('case_events')];
    const body = await reportBody(w, 'supervisor');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { ...(await w.auth('supervisor')), 'content-type': 'application/json' },
      // JSON text with the escape, as a client would send it.
      payload: JSON.stringify({ ...body, description: 'x\ud800y' }),
    });
    const e = expectError(res, 400, 'request.invalid_text');
    expect(e.details).toEqual({ location: 'body', path: 'description', problem: 'lone_surrogate' });
    expect([await count('cases'), await count('case_events')]).toEqual([cases, events]);
  });

  it('refuses a lone low surrogate in an object key and names the key escaped', async () => {
    const body = await reportBody(w, 'supervisor');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { ...(await w.auth('supervisor')), 'content-type': 'application/json' },
      payload: JSON.stringify({ ...body, reporter: { ['n\udc00']: '张' } }),
    });
    const e = expectError(res, 400, 'request.invalid_text');
    expect(e.details).toEqual({
      location: 'body',
      path: 'reporter["n\\udc00"]',
      problem: 'lone_surrogate',
    });
  });

  it('still takes a description with an emoji (a paired surrogate)', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: await w.auth('supervisor'),
      payload: await reportBody(w, 'supervisor', { description: '井盖缺失 😀' }),
    });
    expect(res.statusCode, res.body).toBe(201);
  });
});

describe('every number of a request is bounded (400, never a 500 from the database)', () => {
  const listCases = async (query: string) =>
    app.inject({
      method: 'GET',
      url: `/api/v1/cases?${query}`,
      headers: await w.auth('acceptance_operator'),
    });

  it.each([
    'pageSize=Infinity',
    'pageSize=1e309',
    'pageSize=-1',
    'pageSize=1e15',
    'pageSize=NaN',
    'pageSize=0',
  ])('refuses %s as request.invalid', async (query) => {
    expectError(await listCases(query), 400, 'request.invalid');
  });

  it('answers a users cursor past the last user with an empty last page, and refuses an offset', async () => {
    const past = Buffer.from('u|zzzzzzzz', 'utf8').toString('base64url');
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/users?cursor=${past}&limit=500`,
      headers: await w.auth('admin'),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ items: [], nextCursor: null });
    expectError(
      await app.inject({
        method: 'GET',
        url: '/api/v1/users?offset=1000000&limit=500',
        headers: await w.auth('admin'),
      }),
      400,
      'request.invalid',
    );
  });

  it.each([
    'from=%2B275760-09-13T00:00:00Z&amount=8&unit=working_hours',
    'from=9999-12-31T23:59:59Z&amount=8&unit=working_hours',
    'from=2026-02-30T00:00:00Z&amount=8&unit=working_hours',
    'from=2026-03-02T00:00:00Z&amount=Infinity&unit=working_hours',
    'from=2026-03-02T00:00:00Z&amount=1e309&unit=working_hours',
    'from=2026-03-02T00:00:00Z&amount=8&unit=working_hours&warnFraction=NaN',
  ])('refuses a deadline query with %s', async (query) => {
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/calendars/default/deadline?${query}`,
    });
    expectError(res, 400, 'request.invalid');
  });

  it('refuses 1e309 and a version beyond int4 in a JSON body', async () => {
    const c = await openTestCase(w, 'supervisor');
    const events = await count('case_events');
    const headers = {
      ...(await w.auth('acceptance_operator')),
      'content-type': 'application/json',
    };
    for (const payload of [
      '{"expectedVersion":1e309}',
      '{"expectedVersion":99999999999999999999}',
    ]) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/v1/cases/${c.id}/file`,
        headers,
        payload,
      });
      expectError(res, 400, 'request.invalid');
    }
    expect(await count('case_events')).toBe(events);
  });

  it('refuses a calendar day out of range', async () => {
    for (const date of ['99999-01-01', '0000-01-01', '2026-02-30']) {
      const res = await app.inject({
        method: 'PUT',
        url: `/api/v1/calendars/default/days/${date}`,
        headers: await w.auth('admin'),
        payload: { kind: 'holiday' },
      });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json<ErrorBody>().code).toBe(
        date === '2026-02-30' ? 'calendar.invalid_date' : 'request.invalid',
      );
    }
  });
});

describe('a number sent for a text field is refused, not turned into text', () => {
  it('refuses description: 42 with request.invalid naming the field', async () => {
    const cases = await count('cases');
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: await w.auth('supervisor'),
      payload: await reportBody(w, 'supervisor', { description: 42 }),
    });
    const e = expectError(res, 400, 'request.invalid');
    expect(JSON.stringify(e.details)).toContain('/description');
    expect(await count('cases')).toBe(cases);
  });

  it('refuses "1" for a number in a body, and true for a string', async () => {
    const c = await openTestCase(w, 'supervisor');
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/file`,
      headers: await w.auth('acceptance_operator'),
      payload: { expectedVersion: '1', note: true },
    });
    expectError(res, 400, 'request.invalid');
  });

  it('still reads numbers and booleans from the query string (text on the wire)', async () => {
    const res = await app.inject({
      method: 'GET',
      url: '/api/v1/cases?pageSize=5',
      headers: await w.auth('acceptance_operator'),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ pageSize: number }>()).toMatchObject({ pageSize: 5 });
  });
});

describe('an error never echoes the input back', () => {
  it('cuts a megabyte key named by an additionalProperties refusal to a few hundred bytes', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: await w.auth('supervisor'),
      payload: { ...(await reportBody(w, 'supervisor')), ['k'.repeat(1_000_000)]: 1 },
    });
    expectError(res, 400, 'request.invalid');
    expect(res.body.length).toBeLessThan(8 * 1024);
  });

  it('lists at most MAX_LISTED_PROBLEMS validation problems and says how many there were', async () => {
    const c = await openTestCase(w, 'supervisor');
    const bad = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`f${i}`, i]));
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/file`,
      headers: await w.auth('acceptance_operator'),
      payload: bad,
    });
    const e = expectError(res, 400, 'request.invalid');
    expect((e.details?.problems as unknown[]).length).toBe(MAX_LISTED_PROBLEMS);
    expect(e.details?.count).toBe(500);
    expect(res.body.length).toBeLessThan(8 * 1024);
  });

  it('caps strings, arrays, keys and depth in any details (the one place every error passes)', () => {
    const deep: Record<string, unknown> = {};
    let at = deep;
    for (let i = 0; i < 20; i++) {
      at.next = {};
      at = at.next as Record<string, unknown>;
    }
    const capped = cappedDetails({
      s: 'x'.repeat(1_000_000),
      a: Array.from({ length: 5000 }, () => 1),
      o: Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i])),
      deep,
      emoji: '😀'.repeat(150),
    }) as Record<string, unknown>;
    expect((capped.s as string).length).toBeLessThanOrEqual(ECHO_LIMITS.MAX_ECHO_CHARS);
    expect((capped.a as unknown[]).length).toBe(ECHO_LIMITS.MAX_ECHO_ITEMS);
    expect(Object.keys(capped.o as object)).toHaveLength(ECHO_LIMITS.MAX_ECHO_KEYS);
    expect(JSON.stringify(capped.deep)).toContain('"…"');
    // Cut on a code point: no lone surrogate at the end.
    expect(capped.emoji).toMatch(/😀…$/u);
    expect(JSON.stringify(capped).length).toBeLessThan(30_000);
  });
});

describe('errors of the HTTP layer itself come back in the error shape', () => {
  it('431 request.headers_too_large for headers over the limit', async () => {
    expectError(
      await get('/api/v1/units', { 'x-big': 'a'.repeat(20_000) }),
      431,
      'request.headers_too_large',
    );
  });

  it('414 request.url_too_long for a URL over 8 KiB', async () => {
    expectError(await get(`/api/v1/units?x=${'a'.repeat(9000)}`), 414, 'request.url_too_long');
  });

  it('414 request.url_too_long for a path segment over the parameter limit', async () => {
    expectError(await get(`/api/v1/cases/${'a'.repeat(600)}`), 414, 'request.url_too_long');
  });

  it('400 request.bad_url for a percent-encoding that is not UTF-8', async () => {
    const res = await get('/api/v1/cases/%E0%A4%A');
    expectError(res, 400, 'request.bad_url');
    // Not Fastify's own body ({ error, message, statusCode }).
    expect(Object.keys(JSON.parse(res.body) as object)).toEqual(['code', 'message', 'details']);
  });

  it('400 request.malformed for bytes that are not HTTP', async () => {
    expectError(await raw('HELLO THERE\r\n\r\n'), 400, 'request.malformed');
  });

  it('400 request.invalid_json for an unparsable JSON body, over a real connection', async () => {
    const body = '{"username": "admin", ';
    const res = await raw(
      `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    expectError(res, 400, 'request.invalid_json');
  });

  it('400 request.invalid_json for an empty JSON body', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expectError(res, 400, 'request.invalid_json');
  });

  it('413 request.too_large for a body over the limit', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: `{"username":"${'a'.repeat(11 * 1024 * 1024)}"}`,
    });
    expectError(res, 413, 'request.too_large');
  });

  it('415 request.unsupported_media_type for a content type nothing parses', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/xml' },
      payload: '<login/>',
    });
    expectError(res, 415, 'request.unsupported_media_type');
  });

  it('405 route.method_not_allowed with Allow for a method the path does not answer', async () => {
    const res = await app.inject({ method: 'DELETE', url: '/api/v1/units' });
    const e = expectError(res, 405, 'route.method_not_allowed');
    expect(e.details?.allowed).toEqual(expect.arrayContaining(['GET', 'POST']));
    expect(res.headers.allow).toContain('GET');
  });

  it('404 route.not_found for a path nothing answers', async () => {
    expectError(
      await app.inject({ method: 'GET', url: '/api/v1/nothing-here' }),
      404,
      'route.not_found',
    );
  });
});
