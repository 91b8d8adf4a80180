import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { timerEvent } from '../../src/domain/cases/index.ts';
import { createUser } from '../../src/services/access/users.ts';
import { performCaseAction } from '../../src/services/cases/perform-action.ts';
import { sweepDeadlines } from '../../src/services/deadlines/sweep.ts';
import { listCaseEvents } from '../../src/store/case-events.store.ts';
import { findCase } from '../../src/store/cases.store.ts';
import { DEMO_PASSWORD } from '../../src/services/demo/load-demo.ts';
import { closeCaseWorld, openCaseWorld } from '../helpers/app.ts';
import {
  CITY,
  OTHER_UNIT,
  OWN,
  OWN_UNIT,
  OWN_UNIT_2,
  eventCount,
  reportBody,
  type CaseWorld,
} from '../factories.ts';

/**
 * The loop's rules of issue #8 §3, each through HTTP: units an action names, 改派, the dispatch
 * suggestion after a send-back, a unit's sight of cases it worked on, deadline arithmetic
 * (requested due date, extensions and resumes of overdue cases, rework), the centre's step
 * limits, one code for a missing reason, and the guards on photos, merges, spot checks,
 * assisting units and reopened cases.
 */

type CaseBody = {
  id: string;
  status: string;
  version: number;
  mainUnitId: string | null;
  assistingUnitIds: string[];
  timer: { step: string; dueAt: string; state: string } | null;
  deadlines: { step: string; startedAt: string; dueAt: string }[];
  pendingRequest: { kind: string; requestedDueAt: string | null } | null;
  workedUnitIds: string[];
  sentBackUnitIds: string[];
  satisfaction: number | null;
  spotChecked: boolean;
};
type ErrorBody = { code: string; details: Record<string, unknown> };

const MONDAY_0900 = new Date('2026-03-02T01:00:00Z'); // 09:00 in Shanghai

let w: CaseWorld;

beforeAll(async () => {
  w = await openCaseWorld();
  // A retired unit of our district, for the "inactive" refusal.
  await w.db.query(
    `INSERT INTO units (id, district_code, region_code, kind, name_zh, active)
     VALUES ('u-retired', $1, $2, 'district_bureau', '已撤销的局', false)`,
    [OWN, OWN],
  );
}, 120_000);
afterAll(() => closeCaseWorld(w));
beforeEach(() => w.clock.set(MONDAY_0900));

// Sessions last 12 h on the test clock: the deadline tests move it by days, so log in afresh.
const sessions = new Map<string, { token: string; at: number }>();
let logins = 0;
async function auth(username: string): Promise<{ authorization: string }> {
  const now = w.clock.now().getTime();
  const kept = sessions.get(username);
  if (kept && Math.abs(now - kept.at) < 3_600_000) return { authorization: `Bearer ${kept.token}` };
  logins++;
  const res = await w.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    remoteAddress: `10.77.${Math.floor(logins / 250)}.${logins % 250}`,
    payload: { username, password: DEMO_PASSWORD },
  });
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
  const token = res.json<{ token: string }>().token;
  sessions.set(username, { token, at: now });
  return { authorization: `Bearer ${token}` };
}

async function call(method: 'GET' | 'POST' | 'PUT', username: string, url: string, body?: object) {
  return w.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: await auth(username),
    ...(body !== undefined ? { payload: body } : {}),
  });
}

async function reportOk(username = 'supervisor', body: Record<string, unknown> = {}) {
  const res = await call('POST', username, '/cases', await reportBody(w, username, body));
  expect(res.statusCode, res.body).toBe(201);
  return res.json<CaseBody>();
}

async function step(username: string, c: { id: string }, path: string, body = {}) {
  const res = await call('POST', username, `/cases/${c.id}/${path}`, body);
  expect(res.statusCode, `${path} by ${username}: ${res.body}`).toBe(200);
  return res.json<{
    case: CaseBody;
    events: { action: string; payload: Record<string, unknown> }[];
  }>();
}

async function ok(username: string, c: { id: string }, path: string, body = {}) {
  return (await step(username, c, path, body)).case;
}

/** A refusal writes nothing: the case keeps its events. */
async function refused(username: string, c: { id: string }, path: string, body = {}) {
  const before = await eventCount(w.db, c.id);
  const res = await call('POST', username, `/cases/${c.id}/${path}`, body);
  expect(await eventCount(w.db, c.id)).toBe(before);
  return { status: res.statusCode, code: res.json<ErrorBody>().code, body: res.json<ErrorBody>() };
}

async function queue(username: string, q: string): Promise<string[]> {
  const res = await call('GET', username, `/cases?queue=${q}&pageSize=200`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { id: string }[] }>().items.map((i) => i.id);
}

async function filed(body: Record<string, unknown> = {}) {
  return ok('acceptance_operator', await reportOk('supervisor', body), 'file');
}
async function dispatched(unitId = OWN_UNIT) {
  return ok('dispatcher', await filed(), 'dispatch', { unitId });
}
async function handling(body: Record<string, unknown> = {}) {
  const c = await ok('dispatcher', await filed(body), 'dispatch', { unitId: OWN_UNIT });
  return ok('unit_handler', c, 'accept');
}
const feedback = { note: '已修复', photoIds: ['photo-after'] };
const ms = (iso: string | undefined) => new Date(iso ?? NaN).getTime();

describe('units an action names must exist, be active and serve the district', () => {
  it('refuses each kind of wrong unit with its own code and takes a city department', async () => {
    const c = await filed();
    const cases = [
      [{ unitId: 'u-nope' }, 'case.unit_not_found'],
      [{ unitId: 'u-retired' }, 'case.unit_inactive'],
      [{ unitId: OTHER_UNIT }, 'case.unit_outside_district'],
      [{ unitId: OWN_UNIT, assistingUnitIds: ['u-nope'] }, 'case.unit_not_found'],
    ] as const;
    for (const [body, code] of cases) {
      expect(await refused('dispatcher', c, 'dispatch', body)).toMatchObject({ status: 422, code });
    }
    const sent = await ok('dispatcher', c, 'dispatch', { unitId: `u-${CITY}-water` });
    expect(sent).toMatchObject({ status: 'dispatched', mainUnitId: `u-${CITY}-water` });
  });

  it('checks assisting units, handle-first and settled responsibility the same way', async () => {
    const h = await handling();
    expect(
      await refused('dispatcher', h, 'assisting-units', { unitIds: [OTHER_UNIT] }),
    ).toMatchObject({ status: 422, code: 'case.unit_outside_district' });
    const f = await filed();
    expect(
      await refused('dispatcher', f, 'handle-first', { unitId: 'u-retired', reason: '权属不明' }),
    ).toMatchObject({ status: 422, code: 'case.unit_inactive' });
    const first = await ok('dispatcher', f, 'handle-first', {
      unitId: OWN_UNIT,
      reason: '权属不明',
    });
    expect(
      await refused('dispatcher', first, 'settle-responsibility', { unitId: 'u-nope' }),
    ).toMatchObject({ status: 422, code: 'case.unit_not_found' });
  });
});

describe('re-dispatch (改派)', () => {
  it('moves a case not yet accepted to another unit: new queue, new timer, one event', async () => {
    const c = await dispatched();
    expect(await queue('unit_handler', 'to_handle')).toContain(c.id);
    w.clock.set(new Date(MONDAY_0900.getTime() + 3_600_000));
    const r = await step('dispatcher', c, 'redispatch', { unitId: OWN_UNIT_2, reason: '派错单位' });
    expect(r.case).toMatchObject({ status: 'dispatched', mainUnitId: OWN_UNIT_2 });
    expect(r.events).toMatchObject([
      { action: 'redispatch', payload: { unitId: OWN_UNIT_2, previousUnitId: OWN_UNIT } },
    ]);
    const handle = r.case.deadlines.find((d) => d.step === 'handle');
    expect(handle?.startedAt).toBe(new Date(MONDAY_0900.getTime() + 3_600_000).toISOString());
    expect(await queue('unit_handler', 'to_handle')).not.toContain(c.id);
    expect(await queue('cg.unit2', 'to_handle')).toContain(c.id);
  });

  it('re-dispatches a case a unit sent back; refuses the same unit, no reason, or a case never dispatched', async () => {
    let c = await dispatched();
    expect(
      await refused('dispatcher', c, 'redispatch', { unitId: OWN_UNIT, reason: '再派' }),
    ).toMatchObject({ status: 422, code: 'case.redispatch_same_unit' });
    expect(await refused('dispatcher', c, 'redispatch', { unitId: OWN_UNIT_2 })).toMatchObject({
      status: 422,
      code: 'case.reason_required',
    });
    c = await ok('unit_handler', c, 'send-back', { reason: '非本单位职责' });
    c = await ok('dispatcher', c, 'redispatch', { unitId: OWN_UNIT_2, reason: '按回退意见改派' });
    expect(c).toMatchObject({ status: 'dispatched', mainUnitId: OWN_UNIT_2 });
    const fresh = await filed();
    expect(
      await refused('dispatcher', fresh, 'redispatch', { unitId: OWN_UNIT, reason: '改派' }),
    ).toMatchObject({ status: 409, code: 'case.not_dispatched_before' });
  });
});

describe('the dispatch suggestion after a send-back', () => {
  it('passes over the unit that sent the case back and says why', async () => {
    const c = await filed();
    const before = await call('GET', 'dispatcher', `/cases/${c.id}/dispatch-suggestion`);
    expect(before.statusCode, before.body).toBe(200);
    const unitId = before.json<{ unit: { id: string } }>().unit.id;
    const username = `unit-of-${unitId}`;
    // A handler belongs to their unit's district (a city department's: the city).
    const unitDistrict = await w.db.query<{ d: string }>(
      'SELECT district_code AS d FROM units WHERE id = $1',
      [unitId],
    );
    const made = await createUser(w.deps, {
      username,
      role: 'unit_handler',
      districtCode: unitDistrict.rows[0]?.d ?? OWN,
      unitId,
      password: DEMO_PASSWORD,
    });
    expect(made.ok).toBe(true);
    const sent = await ok('dispatcher', c, 'dispatch', { unitId });
    await ok(username, sent, 'send-back', { reason: '非本单位职责' });
    const after = await call('GET', 'dispatcher', `/cases/${c.id}/dispatch-suggestion`);
    const passedOver = [{ unit: { id: unitId }, reason: { zh: expect.stringContaining('回退') } }];
    if (after.statusCode === 200) {
      const s = after.json<{ unit: { id: string }; passedOver: unknown[] }>();
      expect(s.unit.id).not.toBe(unitId);
      expect(s.passedOver).toMatchObject(passedOver);
    } else {
      // No other rule matches: the refusal names the unit left out and why.
      expect(after.json<ErrorBody>()).toMatchObject({
        code: 'dispatch.no_matching_unit',
        details: { passedOver: [{ unitId, reason: { zh: expect.stringContaining('回退') } }] },
      });
    }
  });
});

describe('a unit keeps sight of the cases it worked on', () => {
  it('reads and lists ("handled") a case it sent back, other units still cannot', async () => {
    let c = await dispatched();
    c = await ok('unit_handler', c, 'send-back', { reason: '非本单位职责' });
    expect(c).toMatchObject({ workedUnitIds: [OWN_UNIT], sentBackUnitIds: [OWN_UNIT] });
    const read = await call('GET', 'unit_handler', `/cases/${c.id}`);
    expect(read.statusCode, read.body).toBe(200);
    expect((await call('GET', 'unit_handler', `/cases/${c.id}/history`)).statusCode).toBe(200);
    expect(await queue('unit_handler', 'handled')).toContain(c.id);
    expect(await queue('unit_handler', 'to_handle')).not.toContain(c.id);
    expect((await call('GET', 'wh.unit', `/cases/${c.id}`)).statusCode).toBe(404);
    expect(await queue('cg.unit2', 'handled')).not.toContain(c.id);
  });
});

describe('deadlines', () => {
  it('grants the due date a unit asked for, up to one more standard limit', async () => {
    const c = await handling();
    const due = ms(c.timer?.dueAt);
    const early = await refused('unit_handler', c, 'extension-requests', {
      reason: '需采购材料',
      requestedDueAt: new Date(due - 60_000).toISOString(),
    });
    expect(early).toMatchObject({ status: 422, code: 'case.invalid_requested_due' });
    const late = await refused('unit_handler', c, 'extension-requests', {
      reason: '需采购材料',
      requestedDueAt: new Date(due + 365 * 86_400_000).toISOString(),
    });
    expect(late).toMatchObject({ status: 422, code: 'case.invalid_requested_due' });
    const cap = String(late.body.details.maxDueAt);
    expect(ms(cap)).toBeGreaterThan(due);
    const asked = await ok('unit_handler', c, 'extension-requests', {
      reason: '需采购材料',
      requestedDueAt: cap,
    });
    expect(ms(asked.pendingRequest?.requestedDueAt ?? undefined)).toBe(ms(cap));
    const granted = await ok('dispatcher', asked, 'extension-requests/approve', {});
    expect(ms(granted.timer?.dueAt)).toBe(ms(cap));
  });

  it('extends an overdue case from its passed deadline: it stays overdue by what it overran', async () => {
    const c = await handling();
    const due = ms(c.timer?.dueAt);
    w.clock.set(new Date(due + 7 * 86_400_000));
    const asked = await ok('unit_handler', c, 'extension-requests', { reason: '材料未到' });
    const e = await ok('dispatcher', asked, 'extension-requests/approve', {
      extra: { amount: 1, unit: 'working_hours' },
    });
    expect(ms(e.timer?.dueAt)).toBeGreaterThan(due);
    expect(ms(e.timer?.dueAt)).toBeLessThan(w.clock.now().getTime());
    expect(e.timer?.state).toBe('overdue');
  });

  it('resumes a case held while overdue still overdue, never with a fresh limit', async () => {
    const c = await handling();
    const due = ms(c.timer?.dueAt);
    w.clock.set(new Date(due + 2 * 86_400_000));
    const asked = await ok('unit_handler', c, 'hold-requests', { reason: '待施工条件' });
    const held = await ok('dispatcher', asked, 'hold-requests/approve', {});
    w.clock.set(new Date(due + 30 * 86_400_000));
    const resumed = await ok('dispatcher', held, 'resume', {});
    expect(resumed.timer?.state).toBe('overdue');
    expect(ms(resumed.timer?.dueAt)).toBeLessThan(w.clock.now().getTime());
  });

  it('keeps an approved extension through a rework', async () => {
    const a = await handling();
    const b = await handling();
    const asked = await ok('unit_handler', a, 'extension-requests', { reason: '需定制井盖' });
    await ok('dispatcher', asked, 'extension-requests/approve', {
      extra: { amount: 2, unit: 'working_days' },
    });
    const redo = (c: { id: string }) => ok('unit_handler', c, 'feedback', feedback);
    // Both re-checked and reworked at the same instant: only the extension sets them apart.
    await redo(a);
    await redo(b);
    const ra = await ok('supervisor', a, 'rework', { reason: '仍未修复' });
    const rb = await ok('supervisor', b, 'rework', { reason: '仍未修复' });
    expect(ra.timer?.step).toBe('handle');
    expect(ms(ra.timer?.dueAt)).toBeGreaterThan(ms(rb.timer?.dueAt));
  });
});

describe('the centre’s step limits', () => {
  it('are served, and an admin sets a district’s own which the next filing uses', async () => {
    const read = await call('GET', 'dispatcher', '/step-time-limits');
    expect(read.statusCode, read.body).toBe(200);
    const items = read.json<{ items: { step: string; source: string }[] }>().items;
    expect(items.map((i) => i.step)).toEqual(['verify', 'file', 'dispatch', 'recheck', 'close']);
    const body = { amount: 2, unit: 'working_hours' };
    expect(
      (await call('PUT', 'dispatcher', `/step-time-limits/${OWN}/dispatch`, body)).statusCode,
    ).toBe(403);
    const set = await call('PUT', 'admin', `/step-time-limits/${OWN}/dispatch`, body);
    expect(set.statusCode, set.body).toBe(200);
    try {
      const own = await call('GET', 'dispatcher', '/step-time-limits');
      expect(own.json<{ items: object[] }>().items).toContainEqual(
        expect.objectContaining({ step: 'dispatch', amount: 2, source: 'district' }),
      );
      const c = await filed();
      // Monday 09:00 + 2 working hours.
      expect(c.timer).toMatchObject({ step: 'dispatch', dueAt: '2026-03-02T03:00:00.000Z' });
    } finally {
      await call('PUT', 'admin', `/step-time-limits/${OWN}/dispatch`, {
        amount: 0.5,
        unit: 'working_hours',
      });
    }
  });
});

describe('one code for a missing reason', () => {
  it('answers 422 case.reason_required whether the reason is missing or blank, on every action', async () => {
    const h = await handling();
    const pf = await reportOk();
    const attempts: [string, { id: string }, string, string][] = [
      ['unit_handler', h, 'send-back', 'reason'],
      ['unit_handler', h, 'extension-requests', 'reason'],
      ['unit_handler', h, 'hold-requests', 'reason'],
      ['dispatcher', h, 'cancel-requests', 'reason'],
      ['commander', h, 'urge', 'note'],
      ['unit_handler', h, 'feedback', 'note'],
      ['acceptance_operator', pf, 'refuse-filing', 'reason'],
    ];
    for (const [user, c, path, field] of attempts) {
      for (const body of [{}, { [field]: '  ' }]) {
        const r = await refused(user, c, path, body);
        expect({ path, status: r.status, code: r.code }).toEqual({
          path,
          status: 422,
          code: 'case.reason_required',
        });
      }
    }
    expect(await refused('unit_handler', h, 'feedback', { note: '已修复' })).toMatchObject({
      status: 422,
      code: 'case.photos_required',
    });
  });
});

describe('guards', () => {
  it('refuses an after photo that is a before photo (feedback and self-handling)', async () => {
    const h = await handling({ photoIds: ['p-before'] });
    expect(
      await refused('unit_handler', h, 'feedback', { note: '已修复', photoIds: ['p-before'] }),
    ).toMatchObject({ status: 422, code: 'case.same_photo_before_after' });
    const res = await call(
      'POST',
      'supervisor',
      '/cases',
      await reportBody(w, 'supervisor', {
        selfHandle: { note: '现场扶正', beforePhotoIds: ['s1'], afterPhotoIds: ['s1'] },
      }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json<ErrorBody>().code).toBe('case.same_photo_before_after');
  });

  it('merges only duplicates: same category, close together', async () => {
    const target = await reportOk();
    const other = await w.db.query<{ code: string }>(
      `SELECT code FROM category_standards WHERE scheme_id = 'gbt47678.5-2026' AND kind = $1
       AND code <> $2 ORDER BY code LIMIT 1`,
      [w.category.kind, w.category.code],
    );
    const otherCode = other.rows[0]?.code;
    expect(otherCode).toBeDefined();
    const wrongCategory = await reportOk('supervisor', { categoryCode: otherCode });
    expect(
      await refused('acceptance_operator', wrongCategory, 'merge', { targetCaseId: target.id }),
    ).toMatchObject({ status: 422, code: 'case.merge_category_mismatch' });
    const here = await w.pointIn(OWN);
    const far = await w.db.query<{ lng: number; lat: number }>(
      `SELECT ST_X(p) AS lng, ST_Y(p) AS lat FROM (
         SELECT ST_PointOnSurface(geom) AS p FROM grids WHERE district_code = $1) g
       ORDER BY ST_Distance(p::geography, ST_SetSRID(ST_MakePoint($2, $3), 4326)::geography) DESC
       LIMIT 1`,
      [OWN, here.lng, here.lat],
    );
    const farCase = await reportOk('supervisor', { location: far.rows[0] });
    const tooFar = await refused('acceptance_operator', farCase, 'merge', {
      targetCaseId: target.id,
    });
    expect(tooFar).toMatchObject({ status: 422, code: 'case.merge_too_far' });
    expect(Number(tooFar.body.details.distanceM)).toBeGreaterThan(100);
    // A city's own merge distance (GRIDLOOP_MERGE_MAX_DISTANCE_M → deps.caseRules) is the one
    // the rule measures against, and the refusal names it.
    const wide = await performCaseAction(
      { ...w.deps, caseRules: { mergeMaxDistanceM: 5_000 } },
      {
        principal: w.principal('acceptance_operator'),
        caseId: farCase.id,
        action: { kind: 'merge', targetCaseId: target.id },
      },
    );
    const distanceM = Number(tooFar.body.details.distanceM);
    expect(wide).toMatchObject(
      distanceM <= 5_000
        ? { ok: true, value: { case: { status: 'merged' } } }
        : { ok: false, error: { code: 'case.merge_too_far', details: { maxDistanceM: 5_000 } } },
    );
    const near = await reportOk();
    expect(
      (await ok('acceptance_operator', near, 'merge', { targetCaseId: target.id })).status,
    ).toBe('merged');
  });

  async function closed() {
    let c = await handling();
    c = await ok('unit_handler', c, 'feedback', feedback);
    c = await ok('supervisor', c, 'recheck', {});
    return ok('acceptance_operator', c, 'close');
  }

  it('spot-checks a closure once', async () => {
    const c = await closed();
    await ok('city_supervisor', c, 'spot-check', {});
    expect(await refused('city_supervisor', c, 'spot-check', {})).toMatchObject({
      status: 409,
      code: 'case.already_spot_checked',
    });
    expect(
      await refused('city_supervisor', c, 'reopen', { reason: '抽查发现问题仍在' }),
    ).toMatchObject({ status: 409, code: 'case.already_spot_checked' });
  });

  it('closes only after every assisting unit fed back', async () => {
    let c = await handling();
    c = await ok('dispatcher', c, 'assisting-units', { unitIds: [OWN_UNIT_2] });
    c = await ok('unit_handler', c, 'feedback', feedback);
    c = await ok('supervisor', c, 'recheck', {});
    expect(await refused('acceptance_operator', c, 'close')).toMatchObject({
      status: 409,
      code: 'case.assist_feedback_missing',
      body: { details: { unitIds: [OWN_UNIT_2] } },
    });
    await ok('cg.unit2', c, 'assist-feedback', { note: '已配合断电' });
    expect((await ok('acceptance_operator', c, 'close')).status).toBe('closed');
  });

  it('clears the satisfaction of a reopened case', async () => {
    let c = await closed();
    c = await ok('cg.hotline', c, 'evaluate', { satisfaction: 4 });
    expect(c.satisfaction).toBe(4);
    c = await ok('city_supervisor', c, 'reopen', { reason: '抽查发现问题仍在' });
    expect(c).toMatchObject({ status: 'pending_dispatch', satisfaction: null });
  });
});

describe('timer events', () => {
  it('are written by the sweep exactly as the domain defines them', async () => {
    const c = await filed();
    const before = await findCase(w.db, c.id);
    if (!before) throw new Error('case not stored');
    const due = ms(c.timer?.dueAt);
    w.clock.set(new Date(due + 60_000));
    await sweepDeadlines(w.deps);
    const events = await listCaseEvents(w.db, OWN, c.id);
    const expected = timerEvent(before, 'overdue', w.clock.now());
    expect(expected).not.toBeNull();
    expect(events.at(-1)).toMatchObject({
      ...expected,
      payload: {
        step: 'dispatch',
        dueAt: expected?.payload.dueAt.toISOString(),
        warnAt: expected?.payload.warnAt.toISOString(),
      },
    });
  });
});

describe('the workflow as data', () => {
  it('serves every action with its roles, approval and timer, and writes them in the OpenAPI document', async () => {
    const res = await call('GET', 'dispatcher', '/case-actions');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<{ items: { action: string }[] }>().items;
    expect(items.find((i) => i.action === 'redispatch')).toMatchObject({
      roles: ['dispatcher', 'hotline_agent'],
      path: '/api/v1/cases/{id}/redispatch',
      startsStep: 'handle',
      needsApproval: false,
    });
    expect(items.find((i) => i.action === 'request_extension')).toMatchObject({
      needsApproval: true,
      approval: { request: 'extension', answers: false },
    });
    const doc = w.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    expect(doc.paths['/api/v1/cases/{id}/redispatch']?.post).toMatchObject({
      'x-gridloop-action': { roles: ['dispatcher', 'hotline_agent'], startsStep: 'handle' },
    });
  });
});
