import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, type Case } from '../../src/domain/cases/index.ts';
import { reportCase, reportOf } from '../../src/services/cases/report-case.ts';
import { intake } from '../../src/services/intake/intake.ts';
import { blowWhistleOnCase, closeWhistleOnCase } from '../../src/services/whistle/whistles.ts';
import {
  callBackOrder,
  linkRepeatedCall,
  replyToCaller,
  respondToOrder,
} from '../../src/services/hotline/order-steps.ts';
import { recordCall } from '../../src/services/hotline/record-call.ts';
import { getCase } from '../../src/services/cases/read-cases.ts';
import { sweepDeadlines } from '../../src/services/deadlines/sweep.ts';
import { closeCaseWorld, openCaseWorld } from '../helpers/app.ts';
import { outboxProblems } from '../helpers/outbox.ts';
import {
  OWN,
  OWN_UNIT,
  OWN_UNIT_2,
  act,
  caseIn,
  openTestCase,
  reportInput,
  type CaseWorld,
} from '../factories.ts';

/**
 * Every writer of case events writes their outbox rows (migration 0125): each action kind of the
 * workflow, openings alone and in a batch, a merge and the deadline sweep leave one outbox row
 * per case version, in version order, showing the case as it stands; and an event written
 * without its outbox row is refused.
 */

let w: CaseWorld;
beforeAll(async () => {
  w = await openCaseWorld();
}, 600_000);
afterAll(() => closeCaseWorld(w));

const feedback = { kind: 'feedback', note: '已修复', photoIds: ['photo-after'] } as const;

async function opened(username: string, extra: Parameters<typeof reportInput>[2] = {}) {
  const r = await reportCase(w.deps, await reportInput(w, username, extra));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.case;
}

/** The case as it stands now (after writes made outside `act`). */
async function reread(c: Case): Promise<Case> {
  const r = await getCase(w.deps, w.principal('admin'), c.id);
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

/** A hotline case taken through every action a handled case can see, up to a reopen. */
async function longPath(): Promise<void> {
  let c: Case = await opened('cg.hotline'); // register
  c = await act(w, 'supervisor', c, { kind: 'verify' });
  c = await act(w, 'acceptance_operator', c, { kind: 'file' });
  c = await act(w, 'dispatcher', c, { kind: 'dispatch', unitId: OWN_UNIT });
  c = await act(w, 'dispatcher', c, { kind: 'redispatch', unitId: OWN_UNIT_2, reason: '属地' });
  c = await act(w, 'cg.unit2', c, { kind: 'send_back', reason: '非本单位职责' });
  c = await act(w, 'dispatcher', c, { kind: 'redispatch', unitId: OWN_UNIT, reason: '改派' });
  c = await act(w, 'unit_handler', c, { kind: 'accept' });
  // 吹哨报到: the district whistles, and closes the whistle (two events on the case).
  const blown = await blowWhistleOnCase(w.deps, w.principal('dispatcher'), {
    caseId: c.id,
    unitIds: [OWN_UNIT_2],
    reason: '需住建部门到场',
  });
  if (!blown.ok) throw new Error(JSON.stringify(blown.error));
  const closed = await closeWhistleOnCase(w.deps, w.principal('dispatcher'), blown.value.id, {
    outcome: 'resolved',
    note: '联合处置完成',
  });
  if (!closed.ok) throw new Error(JSON.stringify(closed.error));
  c = await reread(c);
  c = await act(w, 'cg.commander', c, { kind: 'urge', note: '请尽快处置' });
  c = await act(w, 'unit_handler', c, { kind: 'request_extension', reason: '需定制井盖' });
  c = await act(w, 'dispatcher', c, { kind: 'reject_extension', reason: '时限足够' });
  c = await act(w, 'unit_handler', c, { kind: 'request_extension', reason: '需定制井盖' });
  c = await act(w, 'dispatcher', c, { kind: 'approve_extension' });
  c = await act(w, 'unit_handler', c, { kind: 'request_hold', reason: '等待施工许可' });
  c = await act(w, 'dispatcher', c, { kind: 'reject_hold', reason: '无需挂账' });
  c = await act(w, 'unit_handler', c, { kind: 'request_hold', reason: '等待施工许可' });
  c = await act(w, 'dispatcher', c, { kind: 'approve_hold' });
  c = await act(w, 'dispatcher', c, { kind: 'resume' });
  c = await act(w, 'dispatcher', c, { kind: 'add_assisting_units', unitIds: [OWN_UNIT_2] });
  c = await act(w, 'cg.unit2', c, { kind: 'assist_feedback', note: '已配合断电' });
  c = await act(w, 'unit_handler', c, feedback);
  c = await act(w, 'supervisor', c, { kind: 'rework', reason: '仍未修复' });
  c = await act(w, 'unit_handler', c, feedback);
  c = await act(w, 'supervisor', c, { kind: 'recheck_pass' });
  c = await act(w, 'acceptance_operator', c, { kind: 'close' });
  c = await act(w, 'cg.hotline', c, { kind: 'evaluate', satisfaction: 4 });
  await act(w, 'city_supervisor', c, { kind: 'reopen', reason: '抽查发现问题仍在' });
}

/** The short paths: refusal, handle-first, cancellation, spot check, merge, self-handling. */
async function shortPaths(): Promise<void> {
  await act(w, 'acceptance_operator', await opened('supervisor'), {
    kind: 'refuse_filing',
    reason: '不属于城管范围',
  });
  const first = await caseIn(w, 'pending_dispatch');
  const handled = await act(w, 'dispatcher', first, {
    kind: 'handle_first',
    unitId: OWN_UNIT,
    reason: '险情先行处置',
  });
  await act(w, 'dispatcher', handled, { kind: 'settle_responsibility', unitId: OWN_UNIT_2 });
  let cancelled = await caseIn(w, 'pending_dispatch');
  cancelled = await act(w, 'dispatcher', cancelled, { kind: 'request_cancel', reason: '重复' });
  cancelled = await act(w, 'acceptance_operator', cancelled, {
    kind: 'reject_cancel',
    reason: '不重复',
  });
  cancelled = await act(w, 'dispatcher', cancelled, { kind: 'request_cancel', reason: '重复' });
  await act(w, 'acceptance_operator', cancelled, { kind: 'approve_cancel' });
  await act(w, 'city_supervisor', await caseIn(w, 'closed'), { kind: 'spot_check_pass' });
  const target = await openTestCase(w, 'supervisor');
  const duplicate = await openTestCase(w, 'supervisor');
  await act(w, 'acceptance_operator', duplicate, { kind: 'merge', targetCaseId: target.id });
  await opened('supervisor', {
    selfHandle: { note: '已自行处置', beforePhotoIds: ['p-before'], afterPhotoIds: ['p-after'] },
  });
}

/** 接诉即办: a call sent to its department, responded, replied, called back, reopened, linked. */
async function hotlineOrder(): Promise<void> {
  const agent = w.principal('cg.hotline');
  const r = await recordCall(
    w.deps,
    { kind: 'user', principal: agent },
    {
      line: '12345',
      hotlineType: 'D01',
      callerPhone: '13900002222',
      description: '工地夜间施工扰民',
      location: await w.pointIn(OWN),
    },
  );
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const id = r.value.order.caseId;
  const unit = w.principal(r.value.order.unitId === OWN_UNIT_2 ? 'cg.unit2' : 'unit_handler');
  const must = async (p: Promise<{ ok: boolean; error?: unknown }>) => {
    const x = await p;
    if (!x.ok) throw new Error(JSON.stringify(x.error));
  };
  await must(linkRepeatedCall(w.deps, agent, id, { callerPhone: '13700003333' }));
  await must(respondToOrder(w.deps, unit, id, {}));
  await must(replyToCaller(w.deps, unit, id, { note: '已责令停工' }));
  await must(callBackOrder(w.deps, agent, id, { result: 'dissatisfied', note: '仍有噪音' }));
}

/** The sweep: a warning for a case between its warning and due instants, then overdue for all. */
async function sweeps(): Promise<void> {
  const c = await openTestCase(w, 'supervisor');
  const t = await w.db.query<{ warn_at: Date; due_at: Date }>(
    'SELECT warn_at, due_at FROM cases WHERE district_code = $1 AND id = $2',
    [c.districtCode, c.id],
  );
  const row = t.rows[0];
  if (!row || !(row.warn_at < row.due_at)) throw new Error('the case has no warning window');
  w.clock.set(new Date(row.warn_at.getTime() + 1));
  expect((await sweepDeadlines(w.deps)).warning).toBeGreaterThan(0);
  w.clock.set(new Date(row.due_at.getTime() + 30 * 86_400_000));
  expect((await sweepDeadlines(w.deps)).overdue).toBeGreaterThan(0);
}

describe('the case outbox', () => {
  it('gets one row per case version, in order, from every action kind, batch, merge and sweep', async () => {
    await longPath();
    await shortPaths();
    // Openings submitted together are written in one batch (one statement, one outbox lock).
    await Promise.all(Array.from({ length: 8 }, () => opened('supervisor')));
    // A hotline work order sent straight to its unit (直派).
    const input = await reportInput(w, 'cg.hotline');
    const direct = await intake(w.deps, reportOf(input), { routing: 'direct' });
    if (!direct.ok) throw new Error(direct.error.code);
    await hotlineOrder();
    await sweeps();

    const seen = await w.db.query<{ action: string }>('SELECT DISTINCT action FROM case_events');
    const actions = new Set(seen.rows.map((r) => r.action));
    const expected = [...Object.keys(ACTIONS), 'timer_warning', 'timer_overdue'];
    expect(expected.filter((a) => !actions.has(a))).toEqual([]);
    expect(await outboxProblems(w.db)).toEqual([]);
  }, 900_000);

  it('refuses an event written without its outbox row, and writes nothing of it', async () => {
    const c = await openTestCase(w, 'supervisor');
    const before = await w.db.query('SELECT 1 FROM case_events WHERE case_id = $1', [c.id]);
    await expect(
      w.db.query(
        `INSERT INTO case_events (case_id, district_code, version, action, actor_user_id,
           actor_role, actor_district_code, at, from_status, to_status, payload)
         VALUES ($1, $2, 2, 'urge', 'system', 'system', $2, now(), $3, $3, '{}')`,
        [c.id, c.districtCode, c.status],
      ),
    ).rejects.toThrow(/without its case_outbox row/);
    const after = await w.db.query('SELECT 1 FROM case_events WHERE case_id = $1', [c.id]);
    expect(after.rows.length).toBe(before.rows.length);
    expect(await outboxProblems(w.db)).toEqual([]);
  });
});
