import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/services/access/users.ts';
import { createApiKey } from '../../src/services/apikeys/api-keys.ts';
import { TEST_PASSWORD, bearer, closeCaseWorld, loginAs, openCaseWorld } from '../helpers/app.ts';
import { OWN, type CaseWorld } from '../factories.ts';
import { refuseInserts } from '../helpers/refuse-inserts.ts';

/**
 * The 12345 / 12319 hotline (接诉即办, issue #9 §2) through its routes, on the database the run
 * uses: a call becomes an order at the unit its type names, the unit responds and replies, the
 * hotline calls back (a dissatisfied call-back reopens by rule), repeated calls are linked, the
 * rates come out exact on a hand-built sequence, and the platform's import is idempotent.
 */

type Order = {
  id: string;
  caseNumber: string;
  unitId: string;
  status: string;
  streetCode: string;
  orderNo: string | null;
  reopenCount: number;
  linkedCalls: number;
  respondedAt: string | null;
  callBack: { result: string } | null;
  caller: { name: string | null; phone: string | null } | null;
};
type ErrorBody = { code: string; message: { zh: string; en: string }; details?: unknown };

let w: CaseWorld;
let street = '';
let point = { lng: 0, lat: 0 };
const STREET_HANDLER = 'cg.street.handler';
let apiKey = '';
/** an Open311 client's key (scope open311): no key to the hotline exchange */
let open311Key = '';
const headers = new Map<string, Record<string, string>>();

/** Moves the clock; sessions signed before may have ended, so everyone signs in again. */
function setClock(at: Date) {
  w.clock.set(at);
  headers.clear();
}

async function as(username: string) {
  let h = headers.get(username);
  if (!h) {
    h = bearer(await loginAs(w.app, username));
    headers.set(username, h);
  }
  return h;
}

async function call(
  username: string,
  method: 'GET' | 'POST',
  url: string,
  payload?: Record<string, unknown>,
) {
  return w.app.inject({
    method,
    url,
    headers: await as(username),
    ...(payload ? { payload } : {}),
  });
}

const callBody = (over: Record<string, unknown> = {}) => ({
  line: '12345',
  hotlineType: 'S10', // 暴露垃圾: a street type
  callerName: '王女士',
  callerPhone: '13912345678',
  description: '小区门口垃圾堆积三天无人清运',
  location: point,
  ...over,
});

async function record(username = 'hotline_agent', over: Record<string, unknown> = {}) {
  const res = await call(username, 'POST', '/api/v1/hotline/orders', callBody(over));
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json<{ order: Order }>().order;
}

async function stepOk(username: string, id: string, path: string, body: Record<string, unknown>) {
  const res = await call(username, 'POST', `/api/v1/hotline/orders/${id}/${path}`, body);
  if (res.statusCode !== 200) throw new Error(`${path}: ${res.body}`);
  return res.json<Order>();
}

async function eventsOf(caseId: string): Promise<string[]> {
  const r = await w.db.query<{ action: string }>(
    'SELECT action FROM case_events WHERE case_id = $1 ORDER BY version, id',
    [caseId],
  );
  // The workflow's events (timer events left out).
  return r.rows
    .map((x) => x.action)
    .filter(
      (a) => a === 'direct_dispatch' || a === 'rate_satisfaction' || a.startsWith('hotline_'),
    );
}

async function caseCount(): Promise<number> {
  const r = await w.db.query<{ n: string }>('SELECT count(*) AS n FROM cases');
  return Number(r.rows[0]?.n);
}

beforeAll(async () => {
  w = await openCaseWorld();
  point = await w.pointIn(OWN);
  const r = await w.db.query<{ street_code: string }>(
    `SELECT street_code FROM grids WHERE district_code = $1 ORDER BY code LIMIT 1`,
    [OWN],
  );
  street = (r.rows[0]?.street_code ?? '').trim();
  const u = await createUser(w.deps, {
    username: STREET_HANDLER,
    role: 'unit_handler',
    districtCode: OWN,
    unitId: `u-${street}`,
    password: TEST_PASSWORD,
  });
  if (!u.ok) throw new Error(u.error.code);
  const k = await createApiKey(w.deps, {
    clientName: '12345 市级平台 city platform',
    scope: 'hotline_exchange',
    createdBy: null,
  });
  if (!k.ok) throw new Error(k.error.code);
  apiKey = k.value.key;
  const o = await createApiKey(w.deps, { clientName: '市民App citizen app', createdBy: null });
  if (!o.ok) throw new Error(o.error.code);
  open311Key = o.value.key;
}, 600_000);
afterAll(() => closeCaseWorld(w));

describe('a call recorded as a work order', () => {
  it('goes straight to the street centre its type names, dispatched, the caller’s phone masked for the unit', async () => {
    const o = await record();
    expect(o).toMatchObject({ unitId: `u-${street}`, status: 'dispatched', streetCode: street });
    expect(o.caller).toEqual({ name: '王女士', phone: '13912345678' });
    const c = await call('admin', 'GET', `/api/v1/cases/${o.id}`);
    expect(c.json<{ status: string; source: string }>()).toMatchObject({
      status: 'dispatched',
      source: 'hotline_12345',
    });
    expect(await eventsOf(o.id)).toEqual(['direct_dispatch']);
    // The caller's phone is the hotline's alone: the centre's commander reads the case masked.
    const phoneAs = async (username: string) =>
      (await call(username, 'GET', `/api/v1/cases/${o.id}`)).json<{ reporter: { phone: string } }>()
        .reporter.phone;
    expect(await phoneAs('commander')).toBe('139****5678');
    expect(await phoneAs('hotline_agent')).toBe('13912345678');
    const seen = await call(STREET_HANDLER, 'GET', `/api/v1/hotline/orders/${o.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json<{ order: Order }>().order.caller?.phone).toBe('139****5678');
    // Another unit does not see it at all.
    expect((await call('unit_handler', 'GET', `/api/v1/hotline/orders/${o.id}`)).statusCode).toBe(
      404,
    );
    const listed = await call(STREET_HANDLER, 'GET', '/api/v1/hotline/orders');
    expect(listed.json<{ items: Order[] }>().items.map((x) => x.id)).toContain(o.id);
  });

  it('sends a department type to the unit the dispatch rules name', async () => {
    const o = await record('cg.hotline', { hotlineType: 'D01', line: '12319' });
    expect(o.unitId).not.toBe(`u-${street}`);
    expect(o.unitId.startsWith('u-')).toBe(true);
    const c = await call('admin', 'GET', `/api/v1/cases/${o.id}`);
    expect(c.json<{ source: string; mainUnitId: string }>()).toMatchObject({
      source: 'hotline_12319',
      mainUnitId: o.unitId,
    });
  });
});

describe('respond, reply, call back', () => {
  it('takes an order through respond → reply → a satisfied call-back, each a case event', async () => {
    const o = await record();
    // Only the receiving unit responds.
    const other = await call('unit_handler', 'POST', `/api/v1/hotline/orders/${o.id}/respond`, {});
    expect(other.statusCode).toBe(404);
    // Steps in order: no reply before the response.
    const early = await call(STREET_HANDLER, 'POST', `/api/v1/hotline/orders/${o.id}/reply`, {
      note: '已清运',
    });
    expect(early.statusCode).toBe(409);
    expect(early.json<ErrorBody>().code).toBe('hotline.not_in_state');
    expect((await stepOk(STREET_HANDLER, o.id, 'respond', { note: '已致电' })).status).toBe(
      'responded',
    );
    const blank = await call(STREET_HANDLER, 'POST', `/api/v1/hotline/orders/${o.id}/reply`, {
      note: ' ',
    });
    expect(blank.statusCode).toBe(422);
    expect(blank.json<ErrorBody>()).toMatchObject({
      code: 'hotline.note_required',
      message: { zh: expect.any(String), en: expect.any(String) },
    });
    expect((await stepOk(STREET_HANDLER, o.id, 'reply', { note: '已清运完毕' })).status).toBe(
      'replied',
    );
    // A unit does not call back.
    const byUnit = await call(STREET_HANDLER, 'POST', `/api/v1/hotline/orders/${o.id}/call-back`, {
      result: 'satisfied',
    });
    expect(byUnit.statusCode).toBe(403);
    const done = await stepOk('hotline_agent', o.id, 'call-back', { result: 'satisfied' });
    expect(done).toMatchObject({ status: 'closed', callBack: { result: 'satisfied' } });
    expect(await eventsOf(o.id)).toEqual([
      'direct_dispatch',
      'hotline_respond',
      'hotline_reply',
      'rate_satisfaction',
    ]);
  });

  it('reopens the order on a dissatisfied call-back once (maxReopenings 1), then closes it dissatisfied', async () => {
    const o = await record();
    const round = async () => {
      await stepOk(STREET_HANDLER, o.id, 'respond', {});
      await stepOk(STREET_HANDLER, o.id, 'reply', { note: '已处理' });
    };
    await round();
    const why = await call('hotline_agent', 'POST', `/api/v1/hotline/orders/${o.id}/call-back`, {
      result: 'dissatisfied',
    });
    expect(why.statusCode).toBe(422);
    const reopened = await stepOk('hotline_agent', o.id, 'call-back', {
      result: 'dissatisfied',
      note: '垃圾仍在',
    });
    expect(reopened).toMatchObject({ status: 'dispatched', reopenCount: 1 });
    await round();
    const closed = await stepOk('hotline_agent', o.id, 'call-back', {
      result: 'dissatisfied',
      note: '仍不满意',
    });
    expect(closed).toMatchObject({ status: 'closed', reopenCount: 1 });
    expect((await eventsOf(o.id)).filter((a) => a !== 'direct_dispatch')).toEqual([
      'hotline_respond',
      'hotline_reply',
      'rate_satisfaction',
      'hotline_reopen',
      'hotline_respond',
      'hotline_reply',
      'rate_satisfaction',
    ]);
  });

  /** Moves the order's case one step of its own loop (POST /cases/{id}/{path}). */
  async function caseStep(username: string, id: string, path: string, body = {}) {
    const res = await call(username, 'POST', `/api/v1/cases/${id}/${path}`, body);
    if (res.statusCode !== 200) throw new Error(`${path} by ${username}: ${res.body}`);
    return res.json<{ case: { status: string } }>().case.status;
  }

  it('goes on while its case is on hold (挂账): the caller is still answered and called back', async () => {
    const o = await record();
    await caseStep(STREET_HANDLER, o.id, 'accept');
    await caseStep(STREET_HANDLER, o.id, 'hold-requests', { reason: '待管网改造后处理' });
    // A hotline order is a city-loop case: the city centre's staff take its loop steps.
    expect(await caseStep('city.dispatcher', o.id, 'hold-requests/approve')).toBe('on_hold');
    await stepOk(STREET_HANDLER, o.id, 'respond', { note: '已致电说明' });
    await stepOk(STREET_HANDLER, o.id, 'reply', { note: '需待管网改造，已向来电人说明' });
    await stepOk('hotline_agent', o.id, 'calls', { description: '再次来电' });
    const closed = await stepOk('hotline_agent', o.id, 'call-back', {
      result: 'basically_satisfied',
    });
    expect(closed).toMatchObject({ status: 'closed', callBack: { result: 'basically_satisfied' } });
    const c = await w.db.query<{ status: string }>('SELECT status FROM cases WHERE id = $1', [
      o.id,
    ]);
    expect(c.rows[0]?.status).toBe('on_hold');
  });

  it('sends an order back to its unit after the case was evaluated (重办): the unit responds and replies again', async () => {
    const o = await record();
    await caseStep(STREET_HANDLER, o.id, 'accept');
    await stepOk(STREET_HANDLER, o.id, 'respond', {});
    await caseStep(STREET_HANDLER, o.id, 'feedback', { note: '已清运', photoIds: ['p-after'] });
    await caseStep('city_supervisor', o.id, 'recheck');
    await caseStep('city.operator', o.id, 'close');
    expect(await caseStep('hotline_agent', o.id, 'evaluate', { satisfaction: 4 })).toBe(
      'evaluated',
    );
    await stepOk(STREET_HANDLER, o.id, 'reply', { note: '已清运完毕' });
    const reopened = await stepOk('hotline_agent', o.id, 'call-back', {
      result: 'dissatisfied',
      note: '又有人倾倒',
    });
    expect(reopened).toMatchObject({ status: 'dispatched', reopenCount: 1 });
    expect((await stepOk(STREET_HANDLER, o.id, 'respond', {})).status).toBe('responded');
    expect((await stepOk(STREET_HANDLER, o.id, 'reply', { note: '已再次清运' })).status).toBe(
      'replied',
    );
    expect((await stepOk('hotline_agent', o.id, 'call-back', { result: 'satisfied' })).status).toBe(
      'closed',
    );
  });

  it('links a repeated call to the open order instead of opening a case', async () => {
    const o = await record();
    const before = await caseCount();
    const linked = await stepOk('hotline_agent', o.id, 'calls', {
      callerName: '李先生',
      callerPhone: '13700009999',
      description: '同一处垃圾，再次反映',
    });
    expect(linked.linkedCalls).toBe(1);
    expect(await caseCount()).toBe(before);
    expect(await eventsOf(o.id)).toEqual(['direct_dispatch', 'hotline_link_call']);
    const seen = await call(STREET_HANDLER, 'GET', `/api/v1/hotline/orders/${o.id}`);
    expect(seen.json<{ calls: { caller: { phone: string } }[] }>().calls).toEqual([
      expect.objectContaining({ caller: { name: '李先生', phone: '137****9999' } }),
    ]);
  });
});

describe('the rates', () => {
  it('are exact on a hand-built sequence: response 1/3, handling 2/2, satisfaction 2/2', async () => {
    // Monday 2026-04-13 09:00 Beijing time; nothing else is received in this hour.
    const t0 = new Date('2026-04-13T01:00:00Z');
    setClock(t0);
    const a = await record();
    const b = await record();
    await record(); // c: never responded
    setClock(new Date(t0.getTime() + 3_600_000));
    await stepOk(STREET_HANDLER, a.id, 'respond', {});
    await stepOk(STREET_HANDLER, a.id, 'reply', { note: '已清运' });
    await stepOk('hotline_agent', a.id, 'call-back', { result: 'satisfied' });
    // b responds a day later: past its 2 working hours.
    setClock(new Date(t0.getTime() + 26 * 3_600_000));
    await stepOk(STREET_HANDLER, b.id, 'respond', {});
    await stepOk(STREET_HANDLER, b.id, 'reply', { note: '已清运' });
    await stepOk('hotline_agent', b.id, 'call-back', { result: 'basically_satisfied' });
    const q = `from=2026-04-13T01:00:00Z&to=2026-04-13T02:00:00Z&street=${street}`;
    const res = await call('commander', 'GET', `/api/v1/hotline/rates?${q}`);
    expect(res.statusCode).toBe(200);
    const r = res.json<{
      orders: number;
      total: Record<string, unknown>;
      byStreet: { key: string }[];
      byUnit: { key: string; rates: Record<string, unknown> }[];
      streetAverage: Record<string, unknown>;
    }>();
    expect(r.orders).toBe(3);
    expect(r.total).toEqual({
      response: { numerator: 1, denominator: 3, percent: 33.33 },
      handling: { numerator: 2, denominator: 2, percent: 100 },
      satisfaction: { numerator: 2, denominator: 2, percent: 100 },
    });
    expect(r.byStreet.map((g) => g.key)).toEqual([street]);
    expect(r.byUnit.map((g) => g.key)).toEqual([`u-${street}`]);
    expect(r.streetAverage).toEqual({ response: 33.33, handling: 100, satisfaction: 100 });
    // The receiving unit reads its own figures; another unit reads none of them.
    const own = await call(STREET_HANDLER, 'GET', `/api/v1/hotline/rates?${q}`);
    expect(own.json<{ orders: number }>().orders).toBe(3);
    const others = await call('unit_handler', 'GET', `/api/v1/hotline/rates?${q}`);
    expect(others.json<{ orders: number }>().orders).toBe(0);
  });

  it('refuses a period that ends before it starts, and a street outside the district', async () => {
    const bad = await call(
      'commander',
      'GET',
      '/api/v1/hotline/rates?from=2026-05-01T00:00:00Z&to=2026-04-01T00:00:00Z',
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>().code).toBe('hotline.bad_period');
    const outside = await call(
      'commander',
      'GET',
      `/api/v1/hotline/rates?from=2026-04-01T00:00:00Z&to=2026-05-01T00:00:00Z&district=530102&street=${street}`,
    );
    expect(outside.json<ErrorBody>().code).toBe('hotline.bad_filter');
  });
});

describe('the city 12345 platform exchange', () => {
  const platformOrder = (over: Record<string, unknown> = {}) => ({
    orderNo: 'KM12345-20260413-0001',
    line: '12345',
    hotlineType: 'S10',
    callerPhone: '13600001111',
    description: '垃圾堆积',
    location: point,
    ...over,
  });
  const importBatch = (orders: unknown[], key = apiKey) =>
    w.app.inject({
      method: 'POST',
      url: `/api/v1/hotline/exchange/orders?api_key=${encodeURIComponent(key)}`,
      payload: { orders },
    });

  it('refuses an order number another exchange client already imported (409, nothing written)', async () => {
    setClock(new Date('2026-04-19T01:00:00Z'));
    const first = await importBatch([platformOrder({ orderNo: 'KM12345-20260421-0009' })]);
    expect(first.statusCode).toBe(200);
    const k = await createApiKey(w.deps, {
      clientName: '另一平台 second platform',
      scope: 'hotline_exchange',
      createdBy: null,
    });
    if (!k.ok) throw new Error(k.error.code);
    const before = await caseCount();
    const second = await importBatch(
      [platformOrder({ orderNo: 'KM12345-20260421-0009' })],
      k.value.key,
    );
    expect(second.statusCode).toBe(409);
    expect(second.json<ErrorBody>()).toMatchObject({
      code: 'hotline.order_conflict',
      details: { conflicts: ['KM12345-20260421-0009'] },
    });
    expect(await caseCount()).toBe(before);
  });

  it('imports an order once: the same order again creates nothing, a changed one is 409', async () => {
    setClock(new Date('2026-04-20T01:00:00Z'));
    const first = await importBatch([platformOrder()]);
    expect(first.statusCode).toBe(200);
    const [created] = first.json<{ results: { outcome: string; caseId: string }[] }>().results;
    expect(created).toMatchObject({ outcome: 'created', orderNo: 'KM12345-20260413-0001' });
    const before = await caseCount();
    const again = await importBatch([platformOrder()]);
    expect(
      again.json<{ results: { outcome: string; caseId: string }[] }>().results[0],
    ).toMatchObject({ outcome: 'unchanged', caseId: created?.caseId });
    expect(await caseCount()).toBe(before);
    const changed = await importBatch([platformOrder({ description: '垃圾堆积，另有异味' })]);
    expect(changed.statusCode).toBe(409);
    expect(changed.json<ErrorBody>()).toMatchObject({
      code: 'hotline.order_conflict',
      details: { conflicts: ['KM12345-20260413-0001'] },
    });
    expect(await caseCount()).toBe(before);
    // The order is the platform client's, at its street, and answers in the export.
    const o = await call('admin', 'GET', `/api/v1/hotline/orders/${created?.caseId}`);
    expect(o.json<{ order: Order }>().order).toMatchObject({
      orderNo: 'KM12345-20260413-0001',
      unitId: `u-${street}`,
    });
    setClock(new Date('2026-04-20T02:00:00Z'));
    await stepOk(STREET_HANDLER, created?.caseId ?? '', 'respond', {});
    const out = await w.app.inject({
      method: 'GET',
      url: `/api/v1/hotline/exchange/orders?api_key=${encodeURIComponent(apiKey)}&since=2026-04-20T01:30:00Z`,
    });
    expect(out.statusCode).toBe(200);
    const exported = out.json<{
      orders: { orderNo: string; status: string; respondedAt: string }[];
    }>().orders;
    expect(exported).toEqual([
      expect.objectContaining({
        orderNo: 'KM12345-20260413-0001',
        status: 'responded',
        respondedAt: '2026-04-20T02:00:00.000Z',
      }),
    ]);
    expect(JSON.stringify(exported)).not.toContain('13600001111');
  });

  it('refuses a missing or wrong key, a key of another channel and a malformed batch in the platform’s error shape', async () => {
    const noKey = await w.app.inject({
      method: 'POST',
      url: '/api/v1/hotline/exchange/orders',
      payload: { orders: [platformOrder()] },
    });
    expect(noKey.statusCode).toBe(403);
    expect(noKey.json<ErrorBody>().code).toBe('api_key.missing');
    expect((await importBatch([platformOrder()], 'wrong')).statusCode).toBe(403);
    const bad = await importBatch([{ orderNo: 'x' }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>()).toMatchObject({ message: { zh: expect.any(String) } });
    // An Open311 client's key opens Open311, not the 12345 exchange: 403 in the platform's shape.
    const before = await caseCount();
    for (const other of [
      importBatch([platformOrder({ orderNo: 'KM-O311' })], open311Key),
      w.app.inject({
        method: 'GET',
        url: `/api/v1/hotline/exchange/orders?api_key=${encodeURIComponent(open311Key)}&since=2026-01-01T00:00:00Z`,
      }),
    ]) {
      const res = await other;
      expect(res.statusCode).toBe(403);
      expect(res.json<ErrorBody>()).toMatchObject({
        code: 'api_key.wrong_scope',
        message: { zh: expect.any(String), en: expect.any(String) },
        details: { scope: 'open311' },
      });
    }
    expect(await caseCount()).toBe(before);
    const unknown = await importBatch([platformOrder({ orderNo: 'KM-2', hotlineType: 'X99' })]);
    expect(unknown.json<{ results: unknown[] }>().results).toEqual([
      expect.objectContaining({ outcome: 'refused', code: 'hotline.unknown_type' }),
    ]);
  });
});

describe('the order row in the case’s transaction', () => {
  async function sideCounts() {
    const r = await w.db.query<{ cases: string; orders: string; keys: string }>(
      `SELECT (SELECT count(*) FROM cases) AS cases, (SELECT count(*) FROM hotline_orders) AS orders,
         (SELECT count(*) FROM intake_idempotency_keys) AS keys`,
    );
    return r.rows[0];
  }

  it('leaves neither the case nor the order (nor the key) when the order row fails, and the retry opens both', async () => {
    setClock(new Date('2026-04-19T01:00:00Z'));
    const before = await sideCounts();
    const lift = await refuseInserts(w.db, 'hotline_orders');
    let lifted = false;
    try {
      const taken = await call('hotline_agent', 'POST', '/api/v1/hotline/orders', callBody());
      expect(taken.statusCode).toBe(507);
      expect(taken.json<ErrorBody>().code).toBe('storage.full');
      const imported = await w.app.inject({
        method: 'POST',
        url: `/api/v1/hotline/exchange/orders?api_key=${encodeURIComponent(apiKey)}`,
        payload: {
          orders: [
            {
              orderNo: 'KM12345-FAULT-1',
              line: '12345',
              hotlineType: 'S10',
              callerPhone: '13600002222',
              description: '占道经营',
              location: point,
            },
          ],
        },
      });
      expect(imported.statusCode).toBeGreaterThanOrEqual(500);
      expect(await sideCounts()).toEqual(before);
      await lift();
      lifted = true;
      // The platform retries the same number: its key was never recorded, so the order opens now.
      const again = await w.app.inject({
        method: 'POST',
        url: `/api/v1/hotline/exchange/orders?api_key=${encodeURIComponent(apiKey)}`,
        payload: {
          orders: [
            {
              orderNo: 'KM12345-FAULT-1',
              line: '12345',
              hotlineType: 'S10',
              callerPhone: '13600002222',
              description: '占道经营',
              location: point,
            },
          ],
        },
      });
      const [created] = again.json<{ results: { outcome: string; caseId: string }[] }>().results;
      expect(created?.outcome).toBe('created');
      const row = await w.db.query('SELECT 1 FROM hotline_orders WHERE case_id = $1', [
        created?.caseId,
      ]);
      expect(row.rows).toHaveLength(1);
    } finally {
      if (!lifted) await lift();
    }
  });
});

describe('a call with an address and no map point', () => {
  it("is placed at the address matched against the base data (a storefront's house number)", async () => {
    const { rows } = await w.db.query<{ address: string; grid_code: string }>(
      `SELECT s.address, s.grid_code FROM storefronts s
        WHERE (SELECT count(*) FROM storefronts o WHERE o.address = s.address) = 1
        ORDER BY s.id LIMIT 1`,
    );
    const shop = rows[0];
    if (!shop) throw new Error('no storefront in the demo city');
    const order = await record('hotline_agent', { location: undefined, address: shop.address });
    const c = await w.db.query<{ grid_code: string }>(
      'SELECT grid_code FROM cases WHERE case_number = $1',
      [order.caseNumber],
    );
    expect(c.rows[0]?.grid_code).toBe(shop.grid_code);
  });
});

describe('bad input', () => {
  it('answers 4xx in the error shape', async () => {
    const post = (username: string, body: Record<string, unknown>) =>
      call(username, 'POST', '/api/v1/hotline/orders', body);
    const unknown = await post('hotline_agent', callBody({ hotlineType: 'X99' }));
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json<ErrorBody>()).toMatchObject({
      code: 'hotline.unknown_type',
      message: { zh: expect.any(String), en: expect.any(String) },
    });
    const noPoint = await post('hotline_agent', callBody({ location: undefined }));
    expect(noPoint.statusCode).toBe(422);
    expect(noPoint.json<ErrorBody>().code).toBe('hotline.location_required');
    // An address that names only a street cannot place the order in a grid: the agent picks the point.
    const coarse = await post(
      'hotline_agent',
      callBody({ location: undefined, address: '龙城街道' }),
    );
    expect(coarse.statusCode).toBe(400);
    expect(coarse.json<ErrorBody>().code).toBe('geocode.too_coarse');
    const noPhone = await post('hotline_agent', { ...callBody(), callerPhone: undefined });
    expect(noPhone.statusCode).toBe(400);
    // Only the hotline opens direct work orders (a supervisor has case.report, not the opening).
    const supervisor = await post('supervisor', callBody());
    expect(supervisor.statusCode).toBe(403);
    expect((await post('unit_handler', callBody())).statusCode).toBe(403);
    const missing = await call('hotline_agent', 'POST', '/api/v1/hotline/orders/nope/call-back', {
      result: 'satisfied',
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json<ErrorBody>().code).toBe('hotline.not_found');
    const badResult = await call('hotline_agent', 'POST', '/api/v1/hotline/orders/nope/call-back', {
      result: 'happy',
    });
    expect(badResult.statusCode).toBe(400);
  });
});
