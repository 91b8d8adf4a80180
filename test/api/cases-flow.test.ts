import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { closeCaseWorld, openCaseWorld } from '../helpers/app.ts';
import {
  OWN,
  OWN_UNIT,
  OWN_UNIT_2,
  eventCount,
  reportBody,
  reportInput,
  type CaseWorld,
} from '../factories.ts';

type CaseBody = {
  id: string;
  caseNumber: string;
  status: string;
  version: number;
  loopLevel: string;
  districtCode: string;
  gridCode: string | null;
  mainUnitId: string | null;
  assistingUnitIds: string[];
  reporter: { name: string | null; phone: string | null };
  timer: { step: string; dueAt: string; state: string } | null;
  pendingRequest: { kind: string } | null;
  counters: Record<string, number>;
  linkedReports: { caseId: string; reporter: { phone: string | null } }[];
  selfHandled: boolean;
  handleFirst: boolean;
  responsibleUnitId: string | null;
  spotChecked: boolean;
  satisfaction: number | null;
  mergedInto: string | null;
};
type ErrorBody = { code: string; details: Record<string, unknown> };

let db: Db;
let w: CaseWorld;

beforeAll(async () => {
  w = await openCaseWorld();
  db = w.db;
}, 120_000);
afterAll(() => closeCaseWorld(w));

async function report(username: string, body: Record<string, unknown> = {}) {
  const res = await w.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: await w.auth(username),
    payload: await reportBody(w, username, body),
  });
  return res;
}

async function reportOk(username: string, body: Record<string, unknown> = {}) {
  const res = await report(username, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<CaseBody>();
}

async function post(username: string, c: { id: string }, path: string, body = {}) {
  return w.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${c.id}/${path}`,
    headers: await w.auth(username),
    payload: body,
  });
}

/** Performs an action and checks the status it leads to and that it wrote exactly one event. */
async function step(
  username: string,
  c: { id: string; version: number },
  path: string,
  body: Record<string, unknown>,
  status: string,
): Promise<CaseBody> {
  const before = await eventCount(db, c.id);
  const res = await post(username, c, path, { ...body, expectedVersion: c.version });
  expect(res.statusCode, `${path} by ${username}: ${res.body}`).toBe(200);
  const out = res.json<{ case: CaseBody; events: { version: number }[] }>();
  expect(out.case.status).toBe(status);
  expect(out.case.version).toBe(c.version + 1);
  expect(out.events.map((e) => e.version)).toEqual([c.version + 1]);
  expect(await eventCount(db, c.id)).toBe(before + 1);
  return out.case;
}

async function refused(username: string, c: { id: string }, path: string, body = {}) {
  const before = await eventCount(db, c.id);
  const res = await post(username, c, path, body);
  expect(await eventCount(db, c.id)).toBe(before);
  return { status: res.statusCode, body: res.json<ErrorBody>() };
}

async function queue(username: string, q: string): Promise<string[]> {
  const res = await w.app.inject({
    method: 'GET',
    url: `/api/v1/cases?queue=${q}&pageSize=200`,
    headers: await w.auth(username),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { id: string }[] }>().items.map((i) => i.id);
}

async function history(username: string, c: { id: string }) {
  const res = await w.app.inject({
    method: 'GET',
    url: `/api/v1/cases/${c.id}/history`,
    headers: await w.auth(username),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{
    case: CaseBody;
    events: { version: number; action: string; payload: unknown }[];
  }>();
}

const feedback = { note: '已修复', photoIds: ['photo-after'] };

describe('the main loop through HTTP', () => {
  it('takes a district hotline report from registration to evaluation, with a queue at every step', async () => {
    let c = await reportOk('cg.hotline');
    expect(c).toMatchObject({
      status: 'pending_verification',
      version: 1,
      loopLevel: 'district',
      districtCode: OWN,
      timer: { step: 'verify', state: 'on_time' },
    });
    expect(c.caseNumber).toMatch(new RegExp(`^${OWN}-20260302-\\d{4}$`));
    expect(c.gridCode?.startsWith(OWN)).toBe(true);
    expect(await queue('supervisor', 'to_verify')).toContain(c.id);
    c = await step('supervisor', c, 'verify', { note: '现场属实' }, 'pending_filing');
    expect(await queue('acceptance_operator', 'to_file')).toContain(c.id);
    expect(await queue('supervisor', 'to_verify')).not.toContain(c.id);
    c = await step('acceptance_operator', c, 'file', {}, 'pending_dispatch');
    expect(await queue('dispatcher', 'to_dispatch')).toContain(c.id);
    c = await step('dispatcher', c, 'dispatch', { unitId: OWN_UNIT }, 'dispatched');
    expect(c.timer).toMatchObject({ step: 'handle', state: 'on_time' });
    expect(await queue('unit_handler', 'to_handle')).toContain(c.id);
    expect(await queue('cg.unit2', 'to_handle')).not.toContain(c.id);
    c = await step('unit_handler', c, 'accept', {}, 'handling');
    c = await step('unit_handler', c, 'feedback', feedback, 'pending_recheck');
    expect(await queue('supervisor', 'to_recheck')).toContain(c.id);
    c = await step('supervisor', c, 'recheck', {}, 'pending_close');
    expect(await queue('acceptance_operator', 'to_close')).toContain(c.id);
    c = await step('acceptance_operator', c, 'close', { note: '结案' }, 'closed');
    c = await step('cg.hotline', c, 'evaluate', { satisfaction: 5 }, 'evaluated');
    expect(c.satisfaction).toBe(5);
    const h = await history('acceptance_operator', c);
    expect(h.events.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(h.events.map((e) => e.action)).toEqual([
      'register',
      'verify',
      'file',
      'dispatch',
      'accept',
      'feedback',
      'recheck_pass',
      'close',
      'evaluate',
    ]);
  });

  it('opens a city supervisor report in the city loop, filed and dispatched by city staff', async () => {
    let c = await reportOk('city_supervisor');
    expect(c).toMatchObject({ status: 'pending_filing', loopLevel: 'city', districtCode: OWN });
    expect(await queue('acceptance_operator', 'to_file')).not.toContain(c.id);
    expect(await queue('city.operator', 'to_file')).toContain(c.id);
    const wrongLoop = await refused('acceptance_operator', c, 'file');
    expect(wrongLoop).toMatchObject({ status: 403, body: { code: 'case.region_not_allowed' } });
    c = await step('city.operator', c, 'file', {}, 'pending_dispatch');
    await step('city.dispatcher', c, 'dispatch', { unitId: OWN_UNIT }, 'dispatched');
  });
});

describe('side paths through HTTP', () => {
  async function handling(): Promise<CaseBody> {
    let c = await reportOk('supervisor');
    c = await step('acceptance_operator', c, 'file', {}, 'pending_dispatch');
    c = await step('dispatcher', c, 'dispatch', { unitId: OWN_UNIT }, 'dispatched');
    return step('unit_handler', c, 'accept', {}, 'handling');
  }

  it('returns a case sent back by the unit to the dispatch queue, and re-dispatches it with a reason', async () => {
    let c = await reportOk('supervisor');
    c = await step('acceptance_operator', c, 'file', {}, 'pending_dispatch');
    c = await step('dispatcher', c, 'dispatch', { unitId: OWN_UNIT }, 'dispatched');
    c = await step('unit_handler', c, 'send-back', { reason: '非本单位职责' }, 'pending_dispatch');
    expect(c).toMatchObject({ mainUnitId: null, counters: { sendBackCount: 1 } });
    expect(await queue('dispatcher', 'to_dispatch')).toContain(c.id);
    expect(await queue('unit_handler', 'to_handle')).not.toContain(c.id);
    const back = (await history('dispatcher', c)).events.at(-1);
    expect(back).toMatchObject({
      action: 'send_back',
      payload: { reason: '非本单位职责', unitId: OWN_UNIT },
    });
    expect(await refused('dispatcher', c, 'dispatch', { unitId: OWN_UNIT_2 })).toMatchObject({
      status: 409,
      body: { code: 'case.redispatch_required' },
    });
    c = await step(
      'dispatcher',
      c,
      'redispatch',
      { unitId: OWN_UNIT_2, reason: '按回退意见改派' },
      'dispatched',
    );
    await step('cg.unit2', c, 'accept', {}, 'handling');
  });

  it('extends the handling deadline when the dispatcher approves the unit’s request', async () => {
    let c = await handling();
    const due = c.timer?.dueAt ?? '';
    c = await step('unit_handler', c, 'extension-requests', { reason: '需采购材料' }, 'handling');
    expect(c.pendingRequest).toMatchObject({ kind: 'extension' });
    expect(await queue('dispatcher', 'approvals')).toContain(c.id);
    c = await step('dispatcher', c, 'extension-requests/approve', {}, 'handling');
    expect(c.pendingRequest).toBeNull();
    expect(c.counters.extensionCount).toBe(1);
    expect(new Date(c.timer?.dueAt ?? 0).getTime()).toBeGreaterThan(new Date(due).getTime());
    expect(await queue('dispatcher', 'approvals')).not.toContain(c.id);
  });

  it('pauses the timer on an approved hold and moves the deadline by the time spent on hold', async () => {
    let c = await handling();
    const due = new Date(c.timer?.dueAt ?? 0).getTime();
    c = await step('unit_handler', c, 'hold-requests', { reason: '待雨季结束施工' }, 'handling');
    c = await step('dispatcher', c, 'hold-requests/approve', {}, 'on_hold');
    expect(c.timer).toMatchObject({ step: 'handle', state: 'paused' });
    w.clock.advanceHours(2); // Monday 11:00 Shanghai: two working hours on hold
    try {
      c = await step('dispatcher', c, 'resume', {}, 'handling');
    } finally {
      w.clock.set(new Date('2026-03-02T01:00:00Z'));
    }
    expect(new Date(c.timer?.dueAt ?? 0).getTime()).toBeGreaterThan(due);
  });

  it('cancels a case once the acceptance operator approves the dispatcher’s request', async () => {
    let c = await handling();
    c = await step('dispatcher', c, 'cancel-requests', { reason: '重复上报' }, 'handling');
    expect(await queue('acceptance_operator', 'approvals')).toContain(c.id);
    c = await step('acceptance_operator', c, 'cancel-requests/approve', {}, 'cancelled');
    const after = await refused('unit_handler', c, 'feedback', feedback);
    expect(after).toMatchObject({ status: 409, body: { code: 'case.not_in_state' } });
  });

  it('lets the city commander urge a district case, counting the urges', async () => {
    let c = await handling();
    c = await step('commander', c, 'urge', { note: '请加快处置' }, 'handling');
    expect(c.counters.urgeCount).toBe(1);
  });

  it('opens a self-handled supervisor report closed, with before and after photos', async () => {
    const c = await reportOk('supervisor', {
      selfHandle: { note: '现场扶正', beforePhotoIds: ['b1'], afterPhotoIds: ['a1'] },
    });
    expect(c).toMatchObject({ status: 'closed', selfHandled: true, version: 1 });
    expect((await history('supervisor', c)).events.map((e) => e.action)).toEqual(['self_handle']);
  });

  it('closes a handle-first case only after responsibility is settled', async () => {
    let c = await reportOk('supervisor');
    c = await step('acceptance_operator', c, 'file', {}, 'pending_dispatch');
    c = await step(
      'dispatcher',
      c,
      'handle-first',
      { unitId: OWN_UNIT, reason: '权属不明，存在安全隐患' },
      'handling',
    );
    expect(c.handleFirst).toBe(true);
    c = await step('unit_handler', c, 'feedback', feedback, 'pending_recheck');
    c = await step('supervisor', c, 'recheck', {}, 'pending_close');
    const early = await refused('acceptance_operator', c, 'close');
    expect(early).toMatchObject({ status: 409, body: { code: 'case.responsibility_unsettled' } });
    c = await step(
      'dispatcher',
      c,
      'settle-responsibility',
      { unitId: OWN_UNIT_2 },
      'pending_close',
    );
    expect(c.responsibleUnitId).toBe(OWN_UNIT_2);
    await step('acceptance_operator', c, 'close', {}, 'closed');
  });

  it('adds an assisting unit that sees the case and feeds back on it', async () => {
    let c = await handling();
    expect(await queue('cg.unit2', 'to_handle')).not.toContain(c.id);
    c = await step('dispatcher', c, 'assisting-units', { unitIds: [OWN_UNIT_2] }, 'handling');
    expect(c.assistingUnitIds).toEqual([OWN_UNIT_2]);
    expect(await queue('cg.unit2', 'to_handle')).toContain(c.id);
    c = await step('cg.unit2', c, 'assist-feedback', { note: '已配合完成管线处理' }, 'handling');
    const notMain = await refused('cg.unit2', c, 'feedback', feedback);
    expect(notMain).toMatchObject({ status: 403, body: { code: 'case.region_not_allowed' } });
  });

  it('sends a failed re-check back to the unit as rework, then passes it', async () => {
    let c = await handling();
    c = await step('unit_handler', c, 'feedback', feedback, 'pending_recheck');
    c = await step('supervisor', c, 'rework', { reason: '仍有垃圾未清运' }, 'handling');
    expect(c.counters.reworkCount).toBe(1);
    expect(await queue('unit_handler', 'to_handle')).toContain(c.id);
    c = await step('unit_handler', c, 'feedback', feedback, 'pending_recheck');
    await step('supervisor', c, 'recheck', {}, 'pending_close');
  });

  it('merges a duplicate into the first report, linking its reporter', async () => {
    const first = await reportOk('supervisor');
    const dup = await reportOk('cg.hotline', {
      reporter: { name: '李女士', phone: '13900001111' },
    });
    const res = await post('acceptance_operator', dup, 'merge', { targetCaseId: first.id });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json<{
      case: CaseBody;
      events: { version: number; action: string; payload: unknown }[];
    }>();
    expect(out.case).toMatchObject({ status: 'merged', mergedInto: first.id, version: 2 });
    expect(out.events.map((e) => e.action)).toEqual(['merge', 'absorb_duplicate']);
    const target = (await history('acceptance_operator', first)).case;
    expect(target.version).toBe(2);
    expect(target.linkedReports).toMatchObject([
      { caseId: dup.id, reporter: { phone: '13900001111' } },
    ]);
    const seenBySupervisor = (await history('supervisor', first)).case;
    expect(seenBySupervisor.linkedReports[0]?.reporter.phone).toBe('139****1111');
  });

  it('lets the city spot-check a district closure and reopen it for dispatch', async () => {
    let c = await handling();
    c = await step('unit_handler', c, 'feedback', feedback, 'pending_recheck');
    c = await step('supervisor', c, 'recheck', {}, 'pending_close');
    c = await step('acceptance_operator', c, 'close', {}, 'closed');
    c = await step(
      'city_supervisor',
      c,
      'reopen',
      { reason: '抽查发现问题仍存在' },
      'pending_dispatch',
    );
    expect(c).toMatchObject({ spotChecked: true, counters: { reopenCount: 1 }, mainUnitId: null });
    expect(await queue('dispatcher', 'to_dispatch')).toContain(c.id);
  });

  it('refuses to file a report with a reason, ending it', async () => {
    let c = await reportOk('cg.hotline');
    c = await step(
      'acceptance_operator',
      c,
      'refuse-filing',
      { reason: '不属于城管范围' },
      'not_filed',
    );
    expect((await refused('acceptance_operator', c, 'file')).status).toBe(409);
  });
});

describe('refusals write nothing', () => {
  it('answers a stale version with 409 and the current case', async () => {
    const c = await reportOk('supervisor');
    await step('acceptance_operator', c, 'file', {}, 'pending_dispatch');
    const stale = await refused('dispatcher', c, 'dispatch', {
      unitId: OWN_UNIT,
      expectedVersion: 1,
    });
    expect(stale).toMatchObject({
      status: 409,
      body: {
        code: 'case.version_conflict',
        details: { current: { version: 2, status: 'pending_dispatch' } },
      },
    });
  });

  it('accepts the expected version as If-Match', async () => {
    const c = await reportOk('supervisor');
    const res = await w.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/file`,
      headers: { ...(await w.auth('acceptance_operator')), 'if-match': '"7"' },
      payload: {},
    });
    expect(res.statusCode).toBe(409);
    expect(await eventCount(db, c.id)).toBe(1);
  });

  it('answers an action the status does not allow with 409 case.not_in_state', async () => {
    const c = await reportOk('supervisor');
    const r = await refused('unit_handler', c, 'accept');
    // The case was never sent to the unit, so for the unit it does not exist.
    expect(r.status).toBe(404);
    const early = await refused('supervisor', c, 'recheck');
    expect(early).toMatchObject({ status: 409, body: { code: 'case.not_in_state' } });
  });

  it('answers a whitespace reason with 422 case.reason_required', async () => {
    const c = await reportOk('supervisor');
    const r = await refused('acceptance_operator', c, 'refuse-filing', { reason: '  ' });
    expect(r).toMatchObject({ status: 422, body: { code: 'case.reason_required' } });
  });

  it('refuses reports of unknown categories and points outside the city', async () => {
    const unknown = await report('supervisor', { categoryCode: '99999' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json<ErrorBody>().code).toBe('catalogue.unknown_category');
    const outside = await report('supervisor', { location: { lng: 116.4, lat: 39.9 } });
    expect(outside.json<ErrorBody>().code).toBe('geo.outside_all_grids');
  });

  it('refuses a report in another district by district staff', async () => {
    const input = await reportInput(w, 'supervisor', { districtCode: '530102' });
    const res = await report('supervisor', { location: input.location });
    expect(res.statusCode).toBe(403);
    expect(res.json<ErrorBody>().code).toBe('case.region_not_allowed');
  });

  it('masks the reporter phone for supervisors and shows it to the dispatcher; a hotline caller’s only to the hotline and acceptance', async () => {
    const c = await reportOk('supervisor', { reporter: { name: '张先生', phone: '13812345678' } });
    expect((await history('supervisor', c)).case.reporter.phone).toBe('138****5678');
    expect((await history('dispatcher', c)).case.reporter.phone).toBe('13812345678');
    const call = await reportOk('cg.hotline');
    expect((await history('dispatcher', call)).case.reporter.phone).toBe('138****5678');
    expect((await history('acceptance_operator', call)).case.reporter.phone).toBe('13812345678');
  });

  it('hides a case from another district’s staff as not found', async () => {
    const c = await reportOk('supervisor');
    const res = await w.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${c.id}`,
      headers: await w.auth('wh.operator'),
    });
    expect(res.statusCode).toBe(404);
    expect(res.json<ErrorBody>().code).toBe('case.not_found');
    const cityView = await w.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${c.id}`,
      headers: await w.auth('commander'),
    });
    expect(cityView.statusCode).toBe(200);
    expect(cityView.headers.etag).toBe('"1"');
  });

  it('lists overdue cases once the running step is past due', async () => {
    const c = await reportOk('supervisor');
    expect(await queue('commander', 'overdue')).not.toContain(c.id);
    w.clock.advanceHours(1); // the filing step (0.5 working hours) is now past due
    try {
      expect(await queue('commander', 'overdue')).toContain(c.id);
      expect(await queue('wh.commander', 'overdue')).not.toContain(c.id);
    } finally {
      w.clock.set(new Date('2026-03-02T01:00:00Z'));
    }
  });

  it('keeps case numbers unique and sequential per district and day', async () => {
    const a = await reportOk('supervisor');
    const b = await reportOk('supervisor');
    const seq = (n: string) => Number(n.split('-')[2]);
    expect(seq(b.caseNumber)).toBe(seq(a.caseNumber) + 1);
  });
});
