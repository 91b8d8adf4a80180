import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/domain/intake/index.ts';
import { wgs84ToGcj02 } from '../../src/domain/geo/coords.ts';
import { deactivateRule, listRules } from '../../src/services/dispatch/rules.ts';
import { intake } from '../../src/services/intake/intake.ts';
import { listCaseEvents } from '../../src/store/case-events.store.ts';
import { closeCaseWorld, openCaseWorld } from '../helpers/app.ts';
import { OTHER, OWN, eventCount, type CaseWorld } from '../factories.ts';

/**
 * The one intake seam (issue #9 §1): every channel hands one Report to `intake`; it locates once,
 * opens the case in the right loop, records the channel, its reference and who submitted it.
 */
let w: CaseWorld;
beforeAll(async () => {
  w = await openCaseWorld();
}, 120_000);
afterAll(() => closeCaseWorld(w));

const client = (clientId: string) =>
  ({ kind: 'client', clientId, clientName: `${clientId} 系统` }) as const;

async function report(overrides: Partial<Report> = {}, district = OWN): Promise<Report> {
  return {
    channel: 'open311',
    externalRef: null,
    origin: client('fixmystreet'),
    kind: w.category.kind,
    categoryCode: w.category.code,
    urgency: null,
    location: await w.pointIn(district),
    description: '路灯不亮',
    contact: { name: '王先生', phone: '13700001111' },
    ...overrides,
  };
}

async function countCases(): Promise<number> {
  const r = await w.db.query<{ n: string | number }>('SELECT count(*) AS n FROM cases');
  return Number(r.rows[0]?.n);
}

describe('a report from a client system', () => {
  it('opens a case awaiting verification that names the channel, its reference and the client, never a user', async () => {
    const r = await intake(w.deps, await report({ externalRef: 'FMS-1001' }));
    if (!r.ok) throw new Error(r.error.code);
    const c = r.value.case;
    expect(c).toMatchObject({
      status: 'pending_verification',
      source: 'open311',
      externalRef: 'FMS-1001',
      originClientId: 'fixmystreet',
      urgency: 'normal', // none named: 一般
      districtCode: OWN,
    });
    const [opening] = await listCaseEvents(w.db, c.districtCode, c.id);
    expect(opening?.actor).toMatchObject({ userId: 'client:fixmystreet', role: 'channel' });
    expect(opening?.action).toBe('register');
  });

  it('may not pass a report off as a supervisor’s own: refused, nothing written', async () => {
    const before = await countCases();
    const r = await intake(w.deps, await report({ channel: 'supervisor' }));
    expect(r).toMatchObject({ ok: false, error: { code: 'case.source_mismatch' } });
    expect(await countCases()).toBe(before);
  });

  it('is located once, from GCJ-02 as the phone sent it', async () => {
    const p = await w.pointIn(OWN);
    const g = wgs84ToGcj02(p.lng, p.lat);
    const r = await intake(w.deps, await report({ location: { ...g, crs: 'gcj02' } }));
    if (!r.ok) throw new Error(r.error.code);
    // The stored point is WGS84 again (within a metre of where the problem is).
    expect(r.value.case.location.point.lng).toBeCloseTo(p.lng, 4);
    expect(r.value.case.location.point.lat).toBeCloseTo(p.lat, 4);
  });

  it('mints a tracking code when the channel asks for one', async () => {
    const r = await intake(w.deps, await report(), { trackingCode: true });
    if (!r.ok) throw new Error(r.error.code);
    expect(r.value.trackingCode).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
  });
});

describe('idempotency through the seam', () => {
  it('answers the same case for the same key and report, and refuses the key with another report', async () => {
    const rep = await report({ externalRef: 'order-7' });
    const first = await intake(w.deps, rep, { idempotencyKey: 'order-7' });
    const again = await intake(w.deps, rep, { idempotencyKey: 'order-7' });
    if (!first.ok || !again.ok) throw new Error('refused');
    expect(again.value).toMatchObject({ replayed: true, case: { id: first.value.case.id } });
    expect(await eventCount(w.db, first.value.case.id)).toBe(1);
    const other = await intake(
      w.deps,
      { ...rep, description: '另一件事' },
      { idempotencyKey: 'order-7' },
    );
    expect(other).toMatchObject({ ok: false, error: { code: 'intake.idempotency_conflict' } });
  });

  it('scopes keys by who submits: two clients with the same key open two cases', async () => {
    const a = await intake(w.deps, await report(), { idempotencyKey: 'k-1' });
    const b = await intake(w.deps, await report({ origin: client('12345-platform') }), {
      idempotencyKey: 'k-1',
    });
    if (!a.ok || !b.ok) throw new Error('refused');
    expect(a.value.case.id).not.toBe(b.value.case.id);
    expect(b.value.replayed).toBe(false);
  });
});

describe('direct routing (直派, 接诉即办)', () => {
  it('sends the case at once to the unit the best matching rule names, with the handling timer running', async () => {
    const r = await intake(w.deps, await report({ channel: 'hotline_12345' }), {
      routing: 'direct',
    });
    if (!r.ok) throw new Error(r.error.code);
    const c = r.value.case;
    expect(c.status).toBe('dispatched');
    expect(c.mainUnitId).not.toBeNull();
    expect(c.dispatchRuleId).not.toBeNull();
    expect(c.deadlines.handle?.dueAt.getTime()).toBeGreaterThan(w.clock.now().getTime());
    expect(r.value.autoDispatched).toEqual({ ruleId: c.dispatchRuleId, unitId: c.mainUnitId });
    const [opening, ...rest] = await listCaseEvents(w.db, c.districtCode, c.id);
    expect(opening).toMatchObject({ action: 'direct_dispatch', toStatus: 'dispatched' });
    expect(rest).toEqual([]);
  });

  it('lets a hotline agent send it as themselves', async () => {
    const r = await intake(
      w.deps,
      await report({
        channel: 'hotline_12345',
        origin: { kind: 'user', principal: w.principal('cg.hotline') },
      }),
      { routing: 'direct' },
    );
    if (!r.ok) throw new Error(r.error.code);
    const [opening] = await listCaseEvents(w.db, r.value.case.districtCode, r.value.case.id);
    expect(opening?.actor).toMatchObject({ role: 'hotline_agent' });
  });

  it('refuses a person whose role may not send directly, and writes nothing', async () => {
    const before = await countCases();
    const r = await intake(
      w.deps,
      await report({
        channel: 'supervisor',
        origin: { kind: 'user', principal: w.principal('supervisor') },
      }),
      { routing: 'direct' },
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    expect(await countCases()).toBe(before);
  });

  it('answers dispatch.no_matching_unit where no rule matches, and writes nothing', async () => {
    const admin = w.principal('admin');
    for (const rule of await listRules(w.deps, admin, { districtCode: OTHER })) {
      if (rule.districtCode === OTHER) await deactivateRule(w.deps, admin, rule.id);
    }
    const remaining = (await listRules(w.deps, admin, { districtCode: OTHER })).filter(
      (r) => r.districtCode === null,
    );
    // City-wide rules (if any) would still match; the demo city has none.
    expect(remaining).toEqual([]);
    const before = await countCases();
    const r = await intake(w.deps, await report({ channel: 'hotline_12345' }, OTHER), {
      routing: 'direct',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'dispatch.no_matching_unit' } });
    expect(await countCases()).toBe(before);
  });
});
