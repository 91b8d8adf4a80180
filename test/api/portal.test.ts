import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/build-app.ts';
import type { Case } from '../../src/domain/cases/index.ts';
import { fromWgs84 } from '../../src/domain/geo/index.ts';
import type { SmsSender } from '../../src/services/portal/sms.ts';
import type { Db } from '../../src/store/db.ts';
import { freshDb } from '../helpers/db.ts';
import { OWN, OWN_UNIT, act, caseWorld, type CaseWorld } from '../factories.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let db: Db;
let w: CaseWorld;
let app: FastifyInstance;
let dataDir: string;
const texts: { phone: string; text: string }[] = [];
const sms: SmsSender = {
  name: 'test',
  send: async (phone, text) => {
    texts.push({ phone, text });
  },
};

beforeAll(async () => {
  db = await freshDb();
  w = await caseWorld(db);
  dataDir = await mkdtemp(join(tmpdir(), 'gridloop-portal-'));
  app = await buildApp(
    { ...w.deps, dataDir },
    { sessionSecret: 'cases-test-secret', smsSender: sms },
  );
  await app.ready();
}, 600_000);
afterAll(async () => {
  await app.close();
  await w.app.close();
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
});

let ip = 0;
const nextIp = () => `10.61.${Math.floor(++ip / 250)}.${ip % 250}`;

/** A point of 呈贡区 as a phone reports it (GCJ-02). */
async function phonePoint() {
  const p = await w.pointIn(OWN);
  return fromWgs84(p.lng, p.lat, 'gcj02');
}

function multipart(bytes: Buffer) {
  const boundary = '----gridloop-portal';
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\n` +
          'Content-Type: image/png\r\n\r\n',
      ),
      bytes,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

async function publicPhoto(from = nextIp()) {
  const p = await phonePoint();
  const m = multipart(PNG);
  return app.inject({
    method: 'POST',
    url: `/api/v1/public/photos?lng=${p.lng}&lat=${p.lat}`,
    remoteAddress: from,
    ...m,
  });
}

async function portalReport(body: Record<string, unknown> = {}, from = nextIp()) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/public/portal-reports',
    remoteAddress: from,
    payload: {
      topic: 'manhole_cover',
      location: await phonePoint(),
      description: '小区门口井盖丢了',
      ...body,
    },
  });
}

const follow = (code: string) =>
  app.inject({ url: `/api/v1/public/portal-reports/${code}`, remoteAddress: nextIp() });

async function caseOf(trackingCode: string): Promise<Case> {
  const r = await db.query<{ id: string }>(
    'SELECT case_id AS id FROM public_reports WHERE tracking_code = $1',
    [trackingCode],
  );
  const id = r.rows[0]?.id;
  if (!id) throw new Error(`no case for ${trackingCode}`);
  return { id } as Case;
}

describe('categories in plain words', () => {
  it.each([
    ['jg', 'manhole_cover'],
    ['井盖', 'manhole_cover'],
    ['牛皮癣', 'flyposting'],
    ['hld', 'traffic_light'],
  ])('finds %s', async (q, code) => {
    const res = await app.inject({
      url: `/api/v1/public/categories?q=${encodeURIComponent(q)}`,
      remoteAddress: nextIp(),
    });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: { code: string; nameZh: string }[] }>().items;
    expect(items[0]?.code).toBe(code);
    // Plain words only: no catalogue code to type.
    expect(Object.keys(items[0] ?? {})).not.toContain('categoryCode');
  });

  it('refuses a bad query with the platform error shape', async () => {
    const res = await app.inject({
      url: '/api/v1/public/categories?limit=0',
      remoteAddress: nextIp(),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: expect.any(String),
      message: { zh: expect.any(String) },
    });
  });
});

describe('a public report through to its rating', () => {
  it('files with a photo and a GCJ-02 point, follows in plain words, shows the after photo, rates once', async () => {
    const photo = await publicPhoto();
    expect(photo.statusCode, photo.body).toBe(201);
    const photoId = photo.json<{ photoId: string }>().photoId;

    const res = await portalReport({ photoIds: [photoId], phone: '+86 139-0000-7777' });
    expect(res.statusCode, res.body).toBe(201);
    const made = res.json<{ trackingCode: string; urgency: string; phase: string }>();
    // 井盖丢失 is urgent by its topic.
    expect(made).toMatchObject({ urgency: 'urgent', phase: 'received' });
    const code = made.trackingCode;

    const c = await db.query<{
      source: string;
      urgency: string;
      reporter_phone: string;
      lng: number;
    }>(
      `SELECT source, urgency, reporter_phone FROM cases c JOIN public_reports p ON p.case_id = c.id
       WHERE p.tracking_code = $1`,
      [code],
    );
    expect(c.rows[0]).toMatchObject({ source: 'public_web', urgency: 'urgent' });
    expect(c.rows[0]?.reporter_phone).toBe('13900007777');
    const attached = await db.query<{ case_id: string }>(
      'SELECT case_id FROM files WHERE id = $1',
      [photoId],
    );
    expect(attached.rows[0]?.case_id).toBe((await caseOf(code)).id);

    // Rating before closure is refused.
    const early = await app.inject({
      method: 'POST',
      url: `/api/v1/public/portal-reports/${code}/rating`,
      remoteAddress: nextIp(),
      payload: { rating: 'satisfied', phone: '13900007777' },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ code: 'portal.not_closed' });

    // Staff walk the case through the loop; the unit's after photo is a real upload.
    const up = multipart(PNG);
    const after = await app.inject({
      method: 'POST',
      url: '/api/v1/files',
      headers: { ...up.headers, ...(await w.auth('unit_handler')) },
      payload: up.payload,
    });
    expect(after.statusCode, after.body).toBe(201);
    const afterId = after.json<{ id: string }>().id;
    let k = await caseOf(code);
    k = await act(w, 'supervisor', k, { kind: 'verify' });
    k = await act(w, 'acceptance_operator', k, { kind: 'file' });
    k = await act(w, 'dispatcher', k, { kind: 'dispatch', unitId: OWN_UNIT });
    const mid = (await follow(code)).json<{ phase: string; unit: { zh: string } | null }>();
    expect(mid.phase).toBe('with_unit');
    expect(mid.unit?.zh).toBeTruthy();
    k = await act(w, 'unit_handler', k, { kind: 'accept' });
    k = await act(w, 'unit_handler', k, {
      kind: 'feedback',
      note: '已更换井盖',
      photoIds: [afterId],
    });
    k = await act(w, 'supervisor', k, { kind: 'recheck_pass' });
    await act(w, 'acceptance_operator', k, { kind: 'close' });

    const seen = await follow(code);
    expect(seen.statusCode, seen.body).toBe(200);
    const p = seen.json<{
      phase: string;
      text: { zh: string };
      timeline: { phase: string; text: { zh: string; en: string } }[];
      afterPhotos: { photoId: string; url: string }[];
      mayRate: boolean;
    }>();
    expect(p.phase).toBe('closed');
    expect(p.timeline.map((e) => e.phase)).toEqual([
      'received',
      'filed',
      'with_unit',
      'checking',
      'done',
      'closed',
    ]);
    expect(p.timeline[2]?.text.zh).toMatch(/^已交由.+处理$/);
    expect(p.afterPhotos.map((x) => x.photoId)).toEqual([afterId]);
    expect(p.mayRate).toBe(true);
    // Nobody's personal data: not the reporter's phone, not the staff's names.
    expect(seen.body).not.toContain('13900007777');
    for (const u of ['supervisor', 'unit_handler', 'acceptance_operator', 'dispatcher']) {
      expect(seen.body).not.toContain(w.principal(u).displayName);
    }

    const img = await app.inject({ url: p.afterPhotos[0]?.url ?? '', remoteAddress: nextIp() });
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    // The reporter's own photo is not served publicly, nor an unknown id.
    for (const id of [photoId, 'nope']) {
      const no = await app.inject({
        url: `/api/v1/public/portal-reports/${code}/photos/${id}`,
        remoteAddress: nextIp(),
      });
      expect(no.statusCode).toBe(404);
    }

    const rate = (body: Record<string, unknown>) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/public/portal-reports/${code.toLowerCase()}/rating`,
        remoteAddress: nextIp(),
        payload: body,
      });
    const stranger = await rate({ rating: 'dissatisfied', phone: '13900008888' });
    expect(stranger.statusCode).toBe(403);
    const noPhone = await rate({ rating: 'dissatisfied' });
    expect(noPhone.statusCode).toBe(403);
    const first = await rate({
      rating: 'basically_satisfied',
      comment: '修得挺快',
      phone: '13900007777',
    });
    expect(first.statusCode, first.body).toBe(201);
    const again = await rate({ rating: 'satisfied', phone: '13900007777' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'portal.already_rated' });
    const rated = (await follow(code)).json<{ rating: { rating: string }; mayRate: boolean }>();
    expect(rated.rating.rating).toBe('basically_satisfied');
    // The rating is the case's one satisfaction event (the hotline's call-back records the same),
    // by the public portal as a client system; the refused tries wrote none.
    const events = await db.query<{ action: string; payload: unknown; actor_role: string }>(
      `SELECT e.action, e.payload, e.actor_role FROM case_events e
       JOIN public_reports p ON p.case_id = e.case_id
       WHERE p.tracking_code = $1 AND e.action = 'rate_satisfaction'`,
      [code],
    );
    expect(events.rows).toEqual([
      expect.objectContaining({
        actor_role: 'channel',
        payload: expect.objectContaining({
          result: 'basically_satisfied',
          via: 'portal',
          note: '修得挺快',
        }),
      }),
    ]);
    const audit = await db.query<{ n: number | string }>(
      `SELECT count(*) AS n FROM audit_log WHERE route = '/api/v1/public/portal-reports/:trackingCode/rating'`,
    );
    // Each try is audited, refused or not: early, stranger, no phone, first, again.
    expect(Number(audit.rows[0]?.n)).toBe(5);
  });

  it('records the WeChat channel through the seam and answers a retry with the same tracking code', async () => {
    const from = nextIp();
    const location = await phonePoint();
    const send = () =>
      app.inject({
        method: 'POST',
        url: '/api/v1/public/portal-reports',
        remoteAddress: from,
        headers: { 'idempotency-key': 'wx-retry-1' },
        payload: { channel: 'wechat', topic: 'street_light', location, description: '路灯不亮' },
      });
    const a = await send();
    const b = await send();
    expect([a.statusCode, b.statusCode], b.body).toEqual([201, 200]);
    expect(b.json<{ trackingCode: string }>().trackingCode).toBe(
      a.json<{ trackingCode: string }>().trackingCode,
    );
    // No urgency in the topic: the catalogue's default.
    expect(a.json()).toMatchObject({ urgency: 'normal', phase: 'received' });
    const c = await db.query<{ source: string; origin_client_id: string }>(
      `SELECT source, origin_client_id FROM cases c JOIN public_reports p ON p.case_id = c.id
       WHERE p.tracking_code = $1`,
      [a.json<{ trackingCode: string }>().trackingCode],
    );
    expect(c.rows).toEqual([{ source: 'wechat', origin_client_id: 'public' }]);
  });

  it('refuses bad input with the platform error shape', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ topic: 'no_such_topic' }, 422, 'portal.unknown_topic'],
      [{ phone: '12345678901' }, 400, 'portal.invalid_phone'],
      [{ location: { lng: 0, lat: 0 } }, 404, 'geo.outside_all_grids'],
      [{ description: '' }, 400, 'request.'],
    ];
    for (const [body, status, code] of cases) {
      const res = await portalReport(body);
      expect(res.statusCode, res.body).toBe(status);
      expect(res.json<{ code: string }>().code.startsWith(code)).toBe(true);
      expect(res.json()).toHaveProperty('message.zh');
    }
    const notImage = multipart(Buffer.from('not an image at all'));
    const p = await phonePoint();
    const bad = await app.inject({
      method: 'POST',
      url: `/api/v1/public/photos?lng=${p.lng}&lat=${p.lat}`,
      remoteAddress: nextIp(),
      ...notImage,
    });
    expect(bad.statusCode).toBe(415);
    const missing = await follow('ZZZZZZZZZZ');
    expect(missing.json()).toMatchObject({ code: 'intake.not_found' });
  });
});

describe("a reporter's own reports by phone", () => {
  const codeFor = (phone: string) => {
    const t = texts.filter((x) => x.phone === phone).at(-1);
    const m = t?.text.match(/(\d{6})/);
    if (!m?.[1]) throw new Error(`no code sent to ${phone}`);
    return m[1];
  };
  const ask = (phone: string, from = nextIp()) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/public/otp',
      remoteAddress: from,
      payload: { phone },
    });
  const verify = (phone: string, code: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/public/otp/verify',
      remoteAddress: nextIp(),
      payload: { phone, code },
    });
  const mine = (token?: string) =>
    app.inject({
      url: '/api/v1/public/my-reports',
      remoteAddress: nextIp(),
      headers: token === undefined ? {} : { 'x-reporter-token': token },
    });

  it('lists only that phone’s reports after a one-time code, never another reporter’s', async () => {
    const a = await portalReport({ phone: '13700001111', topic: 'noise', description: '夜里很吵' });
    const b = await portalReport({ phone: '13700002222', description: '王先生家门口井盖' });
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    const codeA = a.json<{ trackingCode: string }>().trackingCode;

    expect((await mine()).statusCode).toBe(403);
    expect((await ask('13700001111')).statusCode).toBe(202);
    const wrong = await verify(
      '13700001111',
      codeFor('13700001111') === '000000' ? '111111' : '000000',
    );
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({
      code: 'portal.code_invalid',
      details: { attemptsLeft: 4 },
    });
    const ok = await verify('13700001111', codeFor('13700001111'));
    expect(ok.statusCode, ok.body).toBe(200);
    const token = ok.json<{ token: string }>().token;
    // A code is used once.
    expect((await verify('13700001111', codeFor('13700001111'))).json()).toMatchObject({
      code: 'portal.code_expired',
    });

    const list = await mine(token);
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json<{ items: { trackingCode: string; topic: { zh: string } }[] }>().items;
    expect(items.map((i) => i.trackingCode)).toEqual([codeA]);
    expect(items[0]?.topic.zh).toBe('噪声扰民');
    expect(list.body).not.toContain('13700002222');
    expect(list.body).not.toContain('13700001111');
    expect(list.body).not.toContain('王先生');
    // Tampered or expired tokens buy nothing.
    expect((await mine(`${token}x`)).statusCode).toBe(403);
    w.clock.advanceHours(1);
    expect((await mine(token)).statusCode).toBe(403);
  });

  it('expires codes and allows five wrong tries', async () => {
    const phone = '13700003333';
    await ask(phone);
    const right = codeFor(phone);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await verify(phone, wrong)).statusCode).toBe(401);
    const exhausted = await verify(phone, right);
    expect(exhausted.statusCode).toBe(429);
    expect(exhausted.json()).toMatchObject({ code: 'portal.code_attempts_exhausted' });

    const phone2 = '13700004444';
    await ask(phone2);
    w.clock.advanceHours(0.1); // 6 minutes: past the 5-minute life
    expect((await verify(phone2, codeFor(phone2))).json()).toMatchObject({
      code: 'portal.code_expired',
    });
    // Codes are stored hashed.
    const stored = await db.query<{ code_hash: string; phone_hash: string }>(
      'SELECT code_hash, phone_hash FROM reporter_codes',
    );
    for (const r of stored.rows) {
      expect(r.phone_hash).not.toContain('1370000');
      expect(r.code_hash).not.toBe(codeFor(phone2));
    }
  });
});

describe('abuse limits', () => {
  it('limits one-time codes per phone whatever the address, and per address whatever the phone', async () => {
    const phone = '13600001234';
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await ask(phone)).statusCode);
    expect(statuses).toEqual([202, 202, 202, 429]);
    const from = nextIp();
    const perAddress: number[] = [];
    for (let i = 0; i < 11; i++)
      perAddress.push((await ask(`1360000${String(2000 + i)}`, from)).statusCode);
    expect(perAddress.slice(0, 10).every((s) => s === 202)).toBe(true);
    expect(perAddress[10]).toBe(429);
    w.clock.advanceHours(1);
  });

  it('limits reports per phone whatever the address, and per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (await portalReport({ phone: '13500001234', description: `第${i}次` })).statusCode,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 201)).toBe(true);
    expect(statuses[10]).toBe(429);
    const from = nextIp();
    const perAddress: number[] = [];
    for (let i = 0; i < 21; i++) perAddress.push((await portalReport({}, from)).statusCode);
    expect(perAddress.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(perAddress[20]).toBe(429);
  });

  const ask = (phone: string, from = nextIp()) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/public/otp',
      remoteAddress: from,
      payload: { phone },
    });
});
