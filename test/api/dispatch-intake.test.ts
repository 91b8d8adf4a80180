import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { freshDb } from '../helpers/db.ts';
import {
  CITY,
  OWN,
  OTHER,
  act,
  caseWorld,
  eventCount,
  openTestCase,
  type CaseWorld,
} from '../factories.ts';

type CaseBody = {
  id: string;
  caseNumber: string;
  status: string;
  version: number;
  mainUnitId: string | null;
  linkedReports: { caseId: string; reporter: { name: string | null } }[];
};
type IntakeBody = {
  case: CaseBody;
  replayed: boolean;
  autoDispatched: { ruleId: string; unitId: string } | null;
  likelyDuplicates: { caseId: string; distanceM: number }[];
};

let db: Db;
let w: CaseWorld;

beforeAll(async () => {
  db = await freshDb();
  w = await caseWorld(db);
}, 120_000);
afterAll(async () => {
  await w.app.close();
  await db.close();
});

async function intake(
  username: string,
  body: Record<string, unknown>,
  key?: string,
): Promise<{ status: number; body: IntakeBody & { code?: string } }> {
  const res = await w.app.inject({
    method: 'POST',
    url: '/api/v1/intake/reports',
    headers: { ...(await w.auth(username)), ...(key ? { 'idempotency-key': key } : {}) },
    payload: {
      kind: 'event',
      urgency: 'normal',
      location: await w.pointIn(OWN),
      description: '井盖缺失',
      reporter: { name: '李女士', phone: '13900001111' },
      ...body,
    },
  });
  return { status: res.statusCode, body: res.json() };
}

async function get(username: string, url: string) {
  return w.app.inject({ method: 'GET', url, headers: await w.auth(username) });
}

describe('dispatch rules (以案定责)', () => {
  it('loads the demo rules with the demo city: bureaus per big class, utilities, workstations', async () => {
    const res = await get('dispatcher', '/api/v1/dispatch-rules');
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { id: string; districtCode: string | null }[] }>().items;
    const ids = items.map((r) => r.id);
    expect(ids).toContain(`demo-${OWN}-event-any`);
    expect(ids).toContain(`demo-${OWN}-event-03`);
    expect(ids).toContain('demo-city-event-01005');
    expect(ids.some((id) => /^demo-530114\d{6}-event-09$/.test(id))).toBe(true);
    // A district dispatcher sees their district's and the city-wide rules only.
    expect(items.every((r) => r.districtCode === null || r.districtCode === OWN)).toBe(true);
  });

  it('lets a commander add a rule and deactivate it; a dispatcher may not write rules', async () => {
    const body = {
      districtCode: OWN,
      categoryKind: 'event',
      categoryCode: '10',
      unitId: `u-${OWN}-zjj`,
      priority: 3,
    };
    const refused = await w.app.inject({
      method: 'POST',
      url: '/api/v1/dispatch-rules',
      headers: await w.auth('dispatcher'),
      payload: body,
    });
    expect(refused.statusCode).toBe(403);
    const made = await w.app.inject({
      method: 'POST',
      url: '/api/v1/dispatch-rules',
      headers: await w.auth('commander'),
      payload: { ...body, id: 'test-rule-10' },
    });
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ id: 'test-rule-10', active: true, priority: 3 });
    const off = await w.app.inject({
      method: 'POST',
      url: '/api/v1/dispatch-rules/test-rule-10/deactivate',
      headers: await w.auth('commander'),
    });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ active: false, deactivatedBy: expect.any(String) });
    const again = await w.app.inject({
      method: 'POST',
      url: '/api/v1/dispatch-rules/test-rule-10/deactivate',
      headers: await w.auth('commander'),
    });
    expect(again.json<{ code: string }>().code).toBe('dispatch.rule_not_found');
    const listed = await get(
      'commander',
      `/api/v1/dispatch-rules?includeInactive=true&district=${OWN}`,
    );
    expect(listed.json<{ items: { id: string }[] }>().items.map((r) => r.id)).toContain(
      'test-rule-10',
    );
  });

  it('refuses a rule whose region lies outside its district, or whose unit does not exist', async () => {
    const bad = await w.app.inject({
      method: 'POST',
      url: '/api/v1/dispatch-rules',
      headers: await w.auth('commander'),
      payload: {
        districtCode: OWN,
        categoryKind: 'event',
        categoryCode: '*',
        regionLevel: 'street',
        regionCode: `${OTHER}001`,
        unitId: `u-${OWN}-cgj`,
      },
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({
      code: 'dispatch.invalid_rule',
      details: { problem: 'regionCode lies outside districtCode' },
    });
    const noUnit = await w.app.inject({
      method: 'POST',
      url: '/api/v1/dispatch-rules',
      headers: await w.auth('commander'),
      payload: { districtCode: OWN, categoryKind: 'event', categoryCode: '*', unitId: 'u-nope' },
    });
    expect(noUnit.json<{ code: string }>().code).toBe('dispatch.unit_not_found');
  });

  it('explains the suggested unit of a case before dispatch, with the other units that matched', async () => {
    const c = await openTestCase(w, 'supervisor', { kind: 'event', categoryCode: '01001' });
    const res = await get('dispatcher', `/api/v1/cases/${c.id}/dispatch-suggestion`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json<{
      unit: { id: string; nameZh: string };
      rule: { id: string };
      autoDispatch: boolean;
      reason: { zh: string; en: string };
      alternatives: { unit: { id: string }; ruleId: string }[];
    }>();
    expect(s.unit.id).toBe(`u-${CITY}-water`);
    expect(s.rule.id).toBe('demo-city-event-01001');
    expect(s.autoDispatch).toBe(false);
    expect(s.reason.zh).toContain('小类精确匹配');
    expect(s.reason.en).toContain('exact category');
    expect(s.alternatives.map((a) => a.ruleId)).toEqual([
      `demo-${OWN}-event-01`,
      `demo-${OWN}-event-any`,
    ]);
    // Outside the principal's district the case does not exist for them.
    const other = await get('wh.dispatcher', `/api/v1/cases/${c.id}/dispatch-suggestion`);
    expect(other.statusCode).toBe(404);
  });

  it('records the rule that chose the unit when a dispatcher follows the suggestion', async () => {
    const c = await openTestCase(w, 'supervisor', { kind: 'event', categoryCode: '01001' });
    const filed = await w.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/file`,
      headers: await w.auth('acceptance_operator'),
      payload: {},
    });
    expect(filed.statusCode, filed.body).toBe(200);
    const sent = await w.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/dispatch`,
      headers: await w.auth('dispatcher'),
      payload: { unitId: `u-${CITY}-water`, ruleId: 'demo-city-event-01001' },
    });
    expect(sent.statusCode, sent.body).toBe(200);
    const r = await db.query<{ dispatch_rule_id: string }>(
      'SELECT dispatch_rule_id FROM cases WHERE id = $1',
      [c.id],
    );
    expect(r.rows[0]?.dispatch_rule_id).toBe('demo-city-event-01001');
  });
  it('records the matching rule on a dispatch that follows it, and none on one that overrides it', async () => {
    const dispatchTo = async (unitId: string) => {
      const c = await openTestCase(w, 'supervisor', { kind: 'event', categoryCode: '01001' });
      await act(w, 'acceptance_operator', c, { kind: 'file' });
      const res = await w.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${c.id}/dispatch`,
        headers: await w.auth('dispatcher'),
        payload: { unitId },
      });
      expect(res.statusCode, res.body).toBe(200);
      const r = await db.query<{ dispatch_rule_id: string | null }>(
        'SELECT dispatch_rule_id FROM cases WHERE id = $1',
        [c.id],
      );
      return r.rows[0]?.dispatch_rule_id;
    };
    expect(await dispatchTo(`u-${CITY}-water`)).toBe('demo-city-event-01001');
    expect(await dispatchTo(`u-${OWN}-zjj`)).toBeNull();
  });

  it('dispatches a case automatically when an operator files it and its rule says autoDispatch', async () => {
    const c = await openTestCase(w, 'cg.hotline', { kind: 'event', categoryCode: '01011' });
    expect(c.status).toBe('pending_verification');
    await act(w, 'supervisor', c, { kind: 'verify' });
    const res = await w.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/file`,
      headers: await w.auth('acceptance_operator'),
      payload: {},
    });
    expect(res.statusCode, res.body).toBe(200);
    const out = res.json<{ case: CaseBody; events: { action: string }[] }>();
    expect(out.case).toMatchObject({ status: 'dispatched', mainUnitId: `u-${CITY}-gas` });
    expect(out.events.map((e) => e.action)).toEqual(['file', 'dispatch']);
  });
});

describe('intake', () => {
  it('files and dispatches a report automatically when its rule says so, recording the rule', async () => {
    const r = await intake('supervisor', { categoryCode: '01005' }, 'auto-1');
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.autoDispatched).toEqual({
      ruleId: 'demo-city-event-01005',
      unitId: `u-${CITY}-power`,
    });
    expect(r.body.case).toMatchObject({ status: 'dispatched', mainUnitId: `u-${CITY}-power` });
    const ev = await db.query<{
      action: string;
      actor_user_id: string;
      payload: { ruleId?: string };
    }>(
      'SELECT action, actor_user_id, payload FROM case_events WHERE case_id = $1 ORDER BY version',
      [r.body.case.id],
    );
    expect(ev.rows.map((e) => e.action)).toEqual(['report', 'file', 'dispatch']);
    expect(ev.rows[2]).toMatchObject({
      actor_user_id: 'system',
      payload: { ruleId: 'demo-city-event-01005', auto: true },
    });
  });

  it('leaves a report awaiting filing when its rule does not auto-dispatch', async () => {
    const r = await intake('supervisor', { categoryCode: '01001' });
    expect(r.status).toBe(201);
    expect(r.body.autoDispatched).toBeNull();
    expect(r.body.case.status).toBe('pending_filing');
  });

  it('answers a retry with the same Idempotency-Key and body with the original case, writing nothing', async () => {
    const body = { categoryCode: '01007', description: '通信井盖破损 retry' };
    const first = await intake('supervisor', body, 'phone-42');
    expect(first.status).toBe(201);
    const count = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    const events = await eventCount(db, first.body.case.id);
    const second = await intake('supervisor', body, 'phone-42');
    expect(second.status).toBe(200);
    expect(second.body.replayed).toBe(true);
    expect(second.body.case.id).toBe(first.body.case.id);
    expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases')).rows).toEqual(
      count.rows,
    );
    expect(await eventCount(db, first.body.case.id)).toBe(events);
  });

  it('refuses the same Idempotency-Key with another body (409 intake.idempotency_conflict)', async () => {
    await intake('supervisor', { categoryCode: '01007', description: 'a' }, 'phone-43');
    const r = await intake('supervisor', { categoryCode: '01007', description: 'b' }, 'phone-43');
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('intake.idempotency_conflict');
  });

  it('opens one case when the same key is sent twice at once', async () => {
    const body = { categoryCode: '01011', description: '燃气井盖 concurrent' };
    const [a, b] = await Promise.all([
      intake('supervisor', body, 'phone-44'),
      intake('supervisor', body, 'phone-44'),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.case.id).toBe(b.body.case.id);
  });

  it('offers open cases of the same category nearby as likely duplicates, and merging links the reporters', async () => {
    const code = '02001';
    const first = await intake('supervisor', { categoryCode: '03001', description: 'x' });
    expect(first.status).toBe(201);
    const a = await intake('supervisor', { categoryCode: code, reporter: { name: '甲' } });
    const b = await intake('supervisor', { categoryCode: code, reporter: { name: '乙' } });
    expect(b.body.likelyDuplicates.map((d) => d.caseId)).toEqual([a.body.case.id]);
    expect(b.body.likelyDuplicates[0]?.distanceM).toBe(0);
    // A different category at the same spot is not a duplicate.
    expect(b.body.likelyDuplicates.map((d) => d.caseId)).not.toContain(first.body.case.id);
    const merged = await w.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${b.body.case.id}/merge`,
      headers: await w.auth('acceptance_operator'),
      payload: { targetCaseId: a.body.case.id },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    const target = await get('acceptance_operator', `/api/v1/cases/${a.body.case.id}`);
    const t = target.json<CaseBody>();
    expect(t.linkedReports.map((l) => [l.caseId, l.reporter.name])).toEqual([
      [b.body.case.id, '乙'],
    ]);
    const c = await intake('supervisor', { categoryCode: code });
    expect(c.body.likelyDuplicates.map((d) => d.caseId)).toEqual([a.body.case.id]);
  });

  it('takes a public report without login and shows its status by tracking code, without personal data', async () => {
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/v1/public/reports',
      remoteAddress: '10.77.0.1',
      payload: {
        kind: 'event',
        categoryCode: '01001',
        urgency: 'normal',
        location: await w.pointIn(OWN),
        description: '路边井盖缺失',
        reporter: { name: '王先生', phone: '13700002222' },
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const { trackingCode, caseNumber } = res.json<{ trackingCode: string; caseNumber: string }>();
    expect(trackingCode).toMatch(/^[2-9A-Z]{10}$/);
    const seen = await w.app.inject({
      method: 'GET',
      url: `/api/v1/public/reports/${trackingCode}`,
    });
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ caseNumber, status: 'pending_verification' });
    expect(seen.body).not.toContain('13700002222');
    expect(seen.body).not.toContain('王先生');
    const c = await db.query<{ source: string }>(
      'SELECT source FROM cases WHERE case_number = $1',
      [caseNumber],
    );
    expect(c.rows[0]?.source).toBe('public_web');
    const missing = await w.app.inject({ method: 'GET', url: '/api/v1/public/reports/ZZZZZZZZZZ' });
    expect(missing.json<{ code: string }>().code).toBe('intake.not_found');
  });
});
