import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/domain/cases/index.ts';
import { createUser } from '../../src/services/access/users.ts';
import { DEMO_PASSWORD } from '../../src/services/demo/load-demo.ts';
import { sweepWhistles } from '../../src/services/whistle/sweep-whistles.ts';
import type { Db } from '../../src/store/db.ts';
import { freshDb } from '../helpers/db.ts';
import {
  OWN,
  OWN_UNIT,
  OWN_UNIT_2,
  caseWorld,
  openTestCase,
  testClock,
  type CaseWorld,
} from '../factories.ts';

/**
 * Whistle and report (吹哨报到, issue #9 §5) through the API: a street whistles, three departments
 * report on time, late and never, the sweep records the misses, the street closes it, and the
 * assessment counts it in its period. Levels, refusals and who sees what.
 */

const POWER = 'u-530100-power'; // a utility: serves every district of the city
const CITY_CGJ = 'u-530100-cgj'; // a city department

let db: Db;
let w: CaseWorld;
let c: Case;
let otherStreet = '';

// Sessions end by the (test) clock: after moving it days ahead, everyone signs in again.
const tokens = new Map<string, string>();
let logins = 0;
async function auth(username: string) {
  let token = tokens.get(username);
  if (token === undefined) {
    logins++;
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: `10.8.${Math.floor(logins / 250)}.${logins % 250}`,
      payload: { username, password: DEMO_PASSWORD },
    });
    token = res.json<{ token: string }>().token;
    tokens.set(username, token);
  }
  return { authorization: `Bearer ${token}` };
}
function setClock(at: Date) {
  w.clock.set(at);
  tokens.clear();
}

async function call(
  username: string | null,
  method: 'GET' | 'POST',
  url: string,
  payload?: Record<string, unknown>,
) {
  const headers = username === null ? {} : await auth(username);
  const res = await w.app.inject({
    method,
    url: `/api/v1${url}`,
    headers,
    ...(payload ? { payload } : {}),
  });
  return { status: res.statusCode, body: res.json<Record<string, unknown>>() };
}

type WhistleBody = {
  id: string;
  level: string;
  regionCode: string;
  status: string;
  summons: { unitId: string; due: Record<string, string>; done: Record<string, string | null> }[];
};

async function blow(username: string, unitIds: string[], caseId = c.id) {
  return call(username, 'POST', '/whistles', { caseId, unitIds, reason: '街道无法单独解决' });
}

beforeAll(async () => {
  db = await freshDb();
  w = await caseWorld(db, testClock(new Date('2026-03-02T01:00:00Z')));
  c = await openTestCase(w, 'supervisor', { source: 'supervisor' });
  if (c.streetCode === null || c.communityCode === null) throw new Error('case without street');
  const streets = await db.query<{ street_code: string }>(
    'SELECT DISTINCT street_code FROM grids WHERE district_code = $1 AND street_code <> $2',
    [OWN, c.streetCode],
  );
  otherStreet = streets.rows[0]?.street_code.trim() ?? '';
  for (const [username, scope] of [
    ['cg.street', c.streetCode],
    ['cg.community', c.communityCode],
    ['cg.other.street', otherStreet],
  ] as const) {
    const r = await createUser(w.deps, {
      username,
      role: 'dispatcher',
      districtCode: OWN,
      regionScope: [scope],
      password: DEMO_PASSWORD,
    });
    if (!r.ok) throw new Error(r.error.code);
  }
}, 600_000);
afterAll(async () => {
  await w.app.close();
  await db.close();
});

describe('a street whistle through to all reports', () => {
  it('records on time, late and never, the misses, the close and the counts', async () => {
    const t0 = w.clock.now();
    const blown = await blow('cg.street', [OWN_UNIT, OWN_UNIT_2, POWER]);
    expect(blown.status).toBe(201);
    const wh = blown.body as unknown as WhistleBody;
    expect(wh).toMatchObject({ level: 'street', regionCode: c.streetCode, status: 'open' });
    const due = wh.summons[0]?.due ?? {};
    const at = (s: string, ms: number) => new Date(new Date(s).getTime() + ms);

    // 城管局: every step at once, on time.
    for (const step of ['acknowledge', 'arrive', 'feedback'])
      expect(
        (
          await call('unit_handler', 'POST', `/whistles/${wh.id}/reports`, {
            step,
            note: '已到场处置',
          })
        ).status,
      ).toBe(200);
    // 住建局: acknowledges on time, arrives and feeds back an hour after their deadlines.
    const r1 = await call('cg.unit2', 'POST', `/whistles/${wh.id}/reports`, {
      step: 'acknowledge',
    });
    expect(r1.status).toBe(200);
    setClock(at(due.arrive ?? '', 3_600_000));
    await call('cg.unit2', 'POST', `/whistles/${wh.id}/reports`, { step: 'arrive' });
    setClock(at(due.feedback ?? '', 3_600_000));
    const fed = await call('cg.unit2', 'POST', `/whistles/${wh.id}/reports`, {
      step: 'feedback',
      note: '已协调整改',
    });
    expect(fed.status).toBe(200);
    // 供电局 never reports: the sweep records its three steps once.
    expect(await sweepWhistles(w.deps)).toEqual({ missed: 3 });
    expect(await sweepWhistles(w.deps)).toEqual({ missed: 0 });

    const closed = await call('cg.street', 'POST', `/whistles/${wh.id}/close`, {
      outcome: 'resolved',
      note: '联合整治完成',
    });
    expect(closed.body).toMatchObject({ status: 'resolved' });

    const detail = await call('cg.street', 'GET', `/whistles/${wh.id}`);
    const events = (detail.body.events as { kind: string; unitId: string | null }[]).map(
      (e) => `${e.kind}${e.unitId ? `:${e.unitId}` : ''}`,
    );
    expect(events).toEqual([
      'blown',
      `acknowledged:${OWN_UNIT}`,
      `arrived:${OWN_UNIT}`,
      `fed_back:${OWN_UNIT}`,
      `acknowledged:${OWN_UNIT_2}`,
      `arrived:${OWN_UNIT_2}`,
      `fed_back:${OWN_UNIT_2}`,
      `report_missed:${POWER}`,
      `report_missed:${POWER}`,
      `report_missed:${POWER}`,
      'closed',
    ]);

    // The case's history shows the whistle and its end, linked by the whistle's id.
    const history = await call('dispatcher', 'GET', `/cases/${c.id}/history`);
    const onCase = (history.body.events as { action: string; payload: { whistleId?: string } }[])
      .filter((e) => e.action === 'whistle' || e.action === 'close_whistle')
      .map((e) => [e.action, e.payload.whistleId]);
    expect(onCase).toEqual([
      ['whistle', wh.id],
      ['close_whistle', wh.id],
    ]);

    // Counted in the period holding its instant, not in the one ending there.
    const stats = async (from: Date, to: Date) =>
      call(
        'cg.commander',
        'GET',
        `/whistle-stats?from=${from.toISOString()}&to=${to.toISOString()}&district=${OWN}`,
      );
    const hit = await stats(t0, at(t0.toISOString(), 86_400_000));
    const street = (hit.body.levels as { level: string }[]).find((l) => l.level === 'street');
    expect(street).toMatchObject({
      whistles: 1,
      resolved: 1,
      departments: { summoned: 3, on_time: 1, late: 1, never: 1, pending: 0, waived: 0 },
      steps: { acknowledge: { on_time: 2, late: 0, never: 1 }, arrive: { on_time: 1, late: 1 } },
    });
    const before = await stats(at(t0.toISOString(), -86_400_000), t0);
    expect((before.body.levels as { whistles: number }[]).map((l) => l.whistles)).toEqual([
      0, 0, 0,
    ]);
  }, 60_000);
});

describe('levels and refusals', () => {
  it('lets a community summon its street’s departments but not a city department', async () => {
    const ok = await blow('cg.community', [OWN_UNIT]);
    expect(ok.body).toMatchObject({ level: 'community', regionCode: c.communityCode });
    const refused = await blow('cg.community', [CITY_CGJ]);
    expect(refused).toMatchObject({
      status: 422,
      body: { code: 'whistle.unit_not_summonable', details: { reason: 'kind' } },
    });
  });

  it('lets a district summon city departments (区吹哨、市级部门报到)', async () => {
    const r = await blow('dispatcher', [CITY_CGJ]);
    expect(r.body).toMatchObject({ level: 'district', regionCode: OWN });
    const handler = await call(
      'handler.530100-cgj',
      'POST',
      `/whistles/${String(r.body.id)}/reports`,
      {
        step: 'arrive',
      },
    );
    expect(handler).toMatchObject({ status: 409, body: { code: 'whistle.step_out_of_order' } });
  });

  it.each([
    [
      'city staff (they report, not whistle)',
      'commander',
      [CITY_CGJ],
      403,
      'whistle.level_not_allowed',
    ],
    ['another street’s staff', 'cg.other.street', [OWN_UNIT], 404, 'case.not_found'],
    ['a supervisor', 'supervisor', [OWN_UNIT], 403, 'auth.forbidden'],
    ['an unknown unit', 'cg.street', ['u-nobody'], 422, 'whistle.unit_not_found'],
    ['no unit', 'cg.street', [], 422, 'whistle.no_units'],
    ['a unit twice', 'cg.street', [OWN_UNIT, OWN_UNIT], 422, 'whistle.duplicate_units'],
  ] as const)('refuses %s', async (_who, username, units, status, code) => {
    const r = await blow(username, [...units]);
    expect(r).toMatchObject({ status, body: { code } });
    expect(r.body.message).toMatchObject({ zh: expect.any(String), en: expect.any(String) });
  });

  it('refuses bad input with the platform’s error shape', async () => {
    const r = await call('cg.street', 'POST', '/whistles', { caseId: c.id, unitIds: 'x' });
    expect(r.status).toBe(400);
    const stats = await call(
      'cg.commander',
      'GET',
      '/whistle-stats?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z',
    );
    expect(stats).toMatchObject({ status: 400, body: { code: 'whistle.bad_period' } });
  });
});

describe('who sees and reports on which whistle', () => {
  it('shows a whistle to the summoned units and the region’s staff only', async () => {
    const r = await blow('cg.street', [OWN_UNIT]);
    const id = String(r.body.id);
    const status = async (u: string) => (await call(u, 'GET', `/whistles/${id}`)).status;
    expect(await status('unit_handler')).toBe(200);
    expect(await status('cg.street')).toBe(200);
    expect(await status('cg.community')).toBe(200); // the case lies in their community
    expect(await status('commander')).toBe(200); // the city sees the region
    expect(await status('cg.unit2')).toBe(404); // not summoned
    expect(await status('cg.other.street')).toBe(404);
    expect(await status('wh.dispatcher')).toBe(404);
    expect(await status('supervisor')).toBe(403);

    const report = await call('cg.unit2', 'POST', `/whistles/${id}/reports`, {
      step: 'acknowledge',
    });
    expect(report).toMatchObject({ status: 404, body: { code: 'whistle.not_found' } });
    const close = await call('cg.community', 'POST', `/whistles/${id}/close`, {
      outcome: 'resolved',
      note: '社区不能结束街道的哨',
    });
    expect(close).toMatchObject({ status: 403, body: { code: 'auth.forbidden' } });

    const list = async (u: string) =>
      ((await call(u, 'GET', '/whistles')).body.items as { id: string }[]).map((x) => x.id);
    expect(await list('unit_handler')).toContain(id);
    expect(await list('cg.unit2')).not.toContain(id);
    expect(await list('wh.dispatcher')).toEqual([]);
  });

  it('counts another district only for city staff', async () => {
    const q = `/whistle-stats?from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z&district=${OWN}`;
    expect((await call('wh.commander', 'GET', q)).status).toBe(403);
    const city = await call(
      'commander',
      'GET',
      '/whistle-stats?from=2026-01-01T00:00:00Z&to=2026-12-31T00:00:00Z',
    );
    expect(city.status).toBe(200);
    const total = (city.body.levels as { whistles: number }[]).reduce((a, l) => a + l.whistles, 0);
    expect(total).toBeGreaterThanOrEqual(4);
  });
});
