import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/build-app.ts';
import { blobPath } from '../../src/services/files/files.ts';
import { sweepDeadlines } from '../../src/services/deadlines/sweep.ts';
import { subscribeQueueNotices, type QueueNotice } from '../../src/services/notify/hub.ts';
import type { Db } from '../../src/store/db.ts';
import { freshDb } from '../helpers/db.ts';
import {
  OWN,
  OTHER,
  OWN_UNIT,
  act,
  caseWorld,
  openTestCase,
  type CaseWorld,
} from '../factories.ts';

// The smallest valid PNG (1×1, transparent) and a JPEG/WebP header: types are judged by bytes.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const WEBP = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.alloc(4),
  Buffer.from('WEBPVP8 '),
  Buffer.alloc(20),
]);

let db: Db;
let w: CaseWorld;
let app: FastifyInstance;
let dataDir: string;

beforeAll(async () => {
  db = await freshDb();
  w = await caseWorld(db);
  dataDir = await mkdtemp(join(tmpdir(), 'gridloop-files-'));
  // The same sessions as the world's app, with a data directory to write to.
  app = await buildApp({ ...w.deps, dataDir }, { sessionSecret: 'cases-test-secret' });
  await app.ready();
}, 120_000);
afterAll(async () => {
  await app.close();
  await w.app.close();
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
});

function multipartBody(bytes: Buffer, filename: string, contentType: string) {
  const boundary = '----gridloop-test-boundary';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, bytes, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

async function upload(
  username: string,
  bytes: Buffer,
  contentType = 'image/png',
  filename = 'photo.png',
) {
  const m = multipartBody(bytes, filename, contentType);
  return app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: { ...m.headers, ...(await w.auth(username)) },
    payload: m.payload,
  });
}

describe('files', () => {
  it('stores an upload content-addressed under the data directory and answers its id', async () => {
    const res = await upload('supervisor', PNG);
    expect(res.statusCode, res.body).toBe(201);
    const f = res.json<{ id: string; sha256: string; mime: string; sizeBytes: number }>();
    expect(f).toMatchObject({ mime: 'image/png', sizeBytes: PNG.length });
    const path = blobPath(dataDir, f.sha256);
    expect(path).toBe(join(dataDir, 'files', f.sha256.slice(0, 2), f.sha256.slice(2, 4), f.sha256));
    const got = await app.inject({
      method: 'GET',
      url: `/api/v1/files/${f.id}`,
      headers: await w.auth('supervisor'),
    });
    expect(got.statusCode).toBe(200);
    expect(got.headers['content-type']).toBe('image/png');
    expect(got.rawPayload.equals(PNG)).toBe(true);
  });

  it('judges the type by the bytes: a WebP passes, text labelled image/png is 415', async () => {
    expect((await upload('supervisor', WEBP, 'application/octet-stream')).json()).toMatchObject({
      mime: 'image/webp',
    });
    const res = await upload('supervisor', Buffer.from('<svg>not a photo</svg>'));
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({
      code: 'file.unsupported_type',
      message: { zh: expect.any(String), en: expect.any(String) },
    });
  });

  it('refuses a file whose name holds U+0000 with 400 request.invalid_text, storing nothing', async () => {
    const before = await db.query<{ n: number | string }>('SELECT count(*) AS n FROM files');
    const res = await upload('supervisor', PNG, 'image/png', 'a\u0000b.png');
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'request.invalid_text',
      details: { location: 'body', path: 'filename' },
    });
    const after = await db.query<{ n: number | string }>('SELECT count(*) AS n FROM files');
    expect(Number(after.rows[0]?.n)).toBe(Number(before.rows[0]?.n));
  });

  it('refuses a file over the size limit with 413 file.too_large', async () => {
    const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
    const res = await upload('supervisor', big);
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'file.too_large', details: { maxBytes: 10485760 } });
  });

  it('serves a photo to whoever may see its case, and answers 404 to anyone else', async () => {
    const up = (await upload('supervisor', PNG)).json<{ id: string }>();
    const rep = await app.inject({
      method: 'POST',
      url: '/api/v1/intake/reports',
      headers: await w.auth('supervisor'),
      payload: {
        kind: 'event',
        categoryCode: '01001',
        urgency: 'normal',
        location: await w.pointIn(OWN),
        description: '附照片',
        photoIds: [up.id],
      },
    });
    expect(rep.statusCode, rep.body).toBe(201);
    const caseId = rep.json<{ case: { id: string } }>().case.id;
    const file = await db.query<{ case_id: string }>('SELECT case_id FROM files WHERE id = $1', [
      up.id,
    ]);
    expect(file.rows[0]?.case_id).toBe(caseId);
    const as = async (u: string) =>
      (await app.inject({ method: 'GET', url: `/api/v1/files/${up.id}`, headers: await w.auth(u) }))
        .statusCode;
    expect(await as('acceptance_operator')).toBe(200);
    expect(await as('wh.dispatcher')).toBe(404);
    // A unit sees it only once the case is sent to it.
    expect(await as('unit_handler')).toBe(404);
    // Another user's unattached upload is invisible too.
    const other = (await upload('wh.supervisor', PNG)).json<{ id: string }>();
    const res = await app.inject({
      method: 'GET',
      url: `/api/v1/files/${other.id}`,
      headers: await w.auth('supervisor'),
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('queue streams', () => {
  it('sends a change only to subscribers whose scope covers the case, naming the queues', async () => {
    const got = new Map<string, QueueNotice[]>();
    const stops: (() => void)[] = [];
    for (const u of ['dispatcher', 'wh.dispatcher', 'unit_handler', 'admin']) {
      got.set(u, []);
      const sub = await subscribeQueueNotices(w.deps, w.principal(u), null, (n) =>
        got.get(u)?.push(n),
      );
      stops.push(sub.end);
    }
    const c = await openTestCase(w, 'supervisor');
    // The admin sees every change: once the case is heard there, every stream has read it.
    while (!got.get('admin')?.some((n) => n.caseId === c.id)) {
      await new Promise((r) => setTimeout(r, 5));
    }
    for (const stop of stops) stop();
    const mine = (u: string) => got.get(u)?.filter((n) => n.caseId === c.id) ?? [];
    expect(mine('dispatcher').map((n) => [n.caseId, n.queues, n.entered, n.left])).toEqual([
      [c.id, ['all', 'to_file'], ['all', 'to_file'], []],
    ]);
    expect(mine('admin')).toHaveLength(1);
    expect(mine('wh.dispatcher')).toEqual([]);
    expect(mine('unit_handler')).toEqual([]);
  });

  it('streams queue events over real HTTP to a signed-in user of the district', async () => {
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const ctrl = new AbortController();
    const res = await fetch(`${address}/api/v1/streams/queues`, {
      headers: await w.auth('dispatcher'),
      signal: ctrl.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body?.getReader();
    if (!reader) throw new Error('no body');
    const decoder = new TextDecoder();
    let text = '';
    const first = await reader.read();
    text += decoder.decode(first.value as Uint8Array);
    expect(text).toContain(': connected');
    // Another district's case is not sent; our district's is.
    await openTestCase(w, 'wh.supervisor', { districtCode: OTHER });
    const ours = await openTestCase(w, 'supervisor');
    while (!text.includes(ours.id)) {
      const r = await reader.read();
      if (r.done) break;
      text += decoder.decode(r.value as Uint8Array);
    }
    ctrl.abort();
    const events = text
      .split('\n\n')
      .filter((b) => b.includes('event: queues'))
      .map((b) => JSON.parse(b.split('data: ')[1] ?? '{}') as QueueNotice);
    expect(events.map((e) => [e.caseId, e.districtCode, e.toStatus])).toEqual([
      [ours.id, OWN, 'pending_filing'],
    ]);
    const anon = await fetch(`${address}/api/v1/streams/queues`);
    expect(anon.status).toBe(401);
  });
});

describe('deadline sweep', () => {
  async function timer(id: string) {
    const r = await db.query<{ warn_at: Date; due_at: Date; timer_state: string; version: number }>(
      'SELECT warn_at, due_at, timer_state, version FROM cases WHERE id = $1',
      [id],
    );
    const row = r.rows[0];
    if (!row) throw new Error('no case');
    return { ...row, warnAt: new Date(row.warn_at), dueAt: new Date(row.due_at) };
  }
  async function timerEvents(id: string) {
    const r = await db.query<{ action: string; actor_user_id: string; version: number }>(
      `SELECT action, actor_user_id, version FROM case_events
       WHERE case_id = $1 AND action LIKE 'timer_%' ORDER BY version`,
      [id],
    );
    return r.rows;
  }

  it('marks a running step warning past its warning instant and overdue past its due instant, one system event each', async () => {
    const start = w.clock.now();
    const c = await openTestCase(w, 'supervisor');
    const t0 = await timer(c.id);
    expect(t0.timer_state).toBe('on_time');
    w.clock.set(new Date(t0.warnAt.getTime() + 1));
    const first = await sweepDeadlines(w.deps);
    expect(first.warning).toBeGreaterThanOrEqual(1);
    expect(await timer(c.id)).toMatchObject({ timer_state: 'warning', version: t0.version + 1 });
    // A second sweep at the same instant changes nothing.
    await sweepDeadlines(w.deps);
    expect((await timer(c.id)).version).toBe(t0.version + 1);
    w.clock.set(new Date(t0.dueAt.getTime() + 1));
    await sweepDeadlines(w.deps);
    expect(await timer(c.id)).toMatchObject({ timer_state: 'overdue', version: t0.version + 2 });
    expect(await timerEvents(c.id)).toEqual([
      { action: 'timer_warning', actor_user_id: 'system', version: t0.version + 1 },
      { action: 'timer_overdue', actor_user_id: 'system', version: t0.version + 2 },
    ]);
    // The history shows the system events with their names; the overdue queue lists the case.
    const h = await w.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${c.id}/history`,
      headers: await w.auth('acceptance_operator'),
    });
    expect(h.statusCode, h.body).toBe(200);
    expect(h.body).toContain('超期');
    const q = await w.app.inject({
      method: 'GET',
      url: '/api/v1/cases?queue=overdue&pageSize=200',
      headers: await w.auth('acceptance_operator'),
    });
    expect(q.json<{ items: { id: string }[] }>().items.map((x) => x.id)).toContain(c.id);
    // The next action still works on the swept case (its version moved on).
    const filed = await w.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/file`,
      headers: await w.auth('acceptance_operator'),
      payload: { expectedVersion: t0.version + 2 },
    });
    expect(filed.statusCode, filed.body).toBe(200);
    w.clock.set(start);
  });

  it('leaves a case on long-term hold (timer paused) alone, however late', async () => {
    const start = w.clock.now();
    let c = await openTestCase(w, 'supervisor', { kind: 'event', categoryCode: '01001' });
    c = await act(w, 'acceptance_operator', c, { kind: 'file' });
    c = await act(w, 'dispatcher', c, { kind: 'dispatch', unitId: OWN_UNIT });
    c = await act(w, 'unit_handler', c, { kind: 'accept' });
    c = await act(w, 'unit_handler', c, { kind: 'request_hold', reason: '需整体改造' });
    c = await act(w, 'dispatcher', c, { kind: 'approve_hold' });
    expect(c.status).toBe('on_hold');
    w.clock.set(new Date(start.getTime() + 365 * 86_400_000));
    await sweepDeadlines(w.deps);
    w.clock.set(start);
    expect(await timerEvents(c.id)).toEqual([]);
    expect((await timer(c.id)).version).toBe(c.version);
  });
});
