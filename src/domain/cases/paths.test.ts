import { describe, expect, it } from 'vitest';
import type { Actor, Case, CaseAction, Role } from './index.ts';
import { applyAction, openCase } from './index.ts';
import { T0, actorFor, caseIn, deadlineAfter, makeDraft, sampleActions } from './test-fixtures.ts';

const s = sampleActions(T0);
const later = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);

function must(c: Case, a: CaseAction, role: Role, at = T0, actor?: Actor): Case {
  const r = applyAction(c, a, actor ?? actorFor(role, c, a.kind), at);
  if (!r.ok) throw new Error(`${a.kind}: ${JSON.stringify(r.error)}`);
  return r.value.case;
}
function refusal(c: Case, a: CaseAction, actor: Actor) {
  const r = applyAction(c, a, actor, T0);
  return r.ok ? null : r.error;
}

describe('the main path', () => {
  it('takes a hotline report through verify, file, dispatch, handling, re-check, close and evaluation', () => {
    const draft = makeDraft({ source: 'hotline_12345' });
    const opened = openCase(
      draft,
      s.register,
      { userId: 'op', role: 'hotline_agent', districtCode: '530102' },
      T0,
    );
    if (!opened.ok) throw new Error(JSON.stringify(opened.error));
    let c = opened.value.case;
    expect(c).toMatchObject({ status: 'pending_verification', version: 1, loopLevel: 'district' });
    expect(c.deadlines.verify?.dueAt).toEqual(later(1));
    c = must(c, s.verify, 'supervisor');
    c = must(c, s.file, 'acceptance_operator');
    c = must(c, s.dispatch, 'dispatcher');
    expect(c).toMatchObject({
      status: 'dispatched',
      mainUnitId: 'unit-a',
      dispatchRuleId: 'rule-1',
    });
    expect(c.deadlines.handle).toMatchObject({ step: 'handle', startedAt: T0, pausedWorkingMs: 0 });
    c = must(c, s.accept, 'unit_handler');
    c = must(c, s.feedback, 'unit_handler');
    c = must(c, s.recheck_pass, 'supervisor');
    c = must(c, s.close, 'acceptance_operator');
    c = must(c, s.evaluate, 'hotline_agent');
    expect(c).toMatchObject({ status: 'evaluated', satisfaction: 4, version: 9 });
  });

  it('opens a supervisor report straight for filing, and a city supervisor report in the city loop', () => {
    const district = openCase(
      makeDraft(),
      s.report,
      actorFor('supervisor', caseIn('pending_filing')),
      T0,
    );
    expect(district).toMatchObject({
      ok: true,
      value: { case: { status: 'pending_filing', loopLevel: 'district' } },
    });
    const cityActor: Actor = {
      userId: 'c',
      role: 'city_supervisor',
      districtCode: '530100',
      scope: 'city',
    };
    const city = openCase(makeDraft({ source: 'city_supervisor' }), s.report, cityActor, T0);
    expect(city).toMatchObject({
      ok: true,
      value: { case: { loopLevel: 'city' }, event: { fromStatus: null } },
    });
  });

  it('refuses a hotline report opened as a supervisor report', () => {
    const r = openCase(
      makeDraft({ source: 'hotline_12345' }),
      s.report,
      actorFor('supervisor', caseIn('pending_filing')),
      T0,
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'case.source_mismatch' } });
  });

  it('closes a self-handled case on the spot only with before and after photos, flagged', () => {
    const actor = actorFor('supervisor', caseIn('pending_filing'));
    const r = openCase(makeDraft(), s.self_handle, actor, T0);
    expect(r).toMatchObject({ ok: true, value: { case: { status: 'closed', selfHandled: true } } });
    const noAfter = openCase(makeDraft(), { ...s.self_handle, afterPhotoIds: [] }, actor, T0);
    expect(noAfter).toMatchObject({
      ok: false,
      error: { code: 'case.photos_required', details: { field: 'afterPhotoIds' } },
    });
  });
});

describe('refusals leave the case as it was', () => {
  const c = caseIn('pending_dispatch');
  it.each<[string, CaseAction, Actor, string]>([
    [
      'a stale version',
      { ...s.dispatch, expectedVersion: 2 },
      actorFor('dispatcher', c),
      'case.version_conflict',
    ],
    [
      'an action not allowed in the status',
      s.accept,
      actorFor('unit_handler', c),
      'case.not_in_state',
    ],
    [
      'another district',
      s.dispatch,
      { userId: 'd', role: 'dispatcher', districtCode: '530103' },
      'case.region_not_allowed',
    ],
    [
      'a city dispatcher on a district-loop case',
      s.dispatch,
      { userId: 'd', role: 'dispatcher', districtCode: '530100', scope: 'city' },
      'case.region_not_allowed',
    ],
    [
      'a deadline in the past',
      { ...s.dispatch, deadline: deadlineAfter(T0, -1) },
      actorFor('dispatcher', c),
      'case.invalid_deadline',
    ],
    [
      'a cancellation without reason',
      { kind: 'request_cancel', reason: '  ' },
      actorFor('dispatcher', c),
      'case.reason_required',
    ],
    [
      'a unit as its own assistant',
      { ...s.dispatch, assistingUnitIds: ['unit-a'] },
      actorFor('dispatcher', c),
      'case.invalid_units',
    ],
  ])('refuses %s', (_what, action, actor, code) => {
    const before = structuredClone(c);
    expect(refusal(c, action, actor)?.code).toBe(code);
    expect(c).toEqual(before);
  });

  it('refuses a district dispatcher on a city-loop case and a unit on a case not sent to it', () => {
    const city = caseIn('pending_dispatch', { loopLevel: 'city' });
    expect(
      refusal(city, s.dispatch, { userId: 'd', role: 'dispatcher', districtCode: '530102' }),
    ).toMatchObject({
      code: 'case.region_not_allowed',
      details: { reason: 'loop' },
    });
    const sent = caseIn('dispatched');
    expect(
      refusal(sent, s.accept, {
        userId: 'u',
        role: 'unit_handler',
        districtCode: '530102',
        unitId: 'unit-z',
      }),
    ).toMatchObject({
      code: 'case.region_not_allowed',
      details: { reason: 'unit' },
    });
  });

  it('accepts the expected version passed as a parameter', () => {
    const r = applyAction(c, s.dispatch, actorFor('dispatcher', c), T0, 2);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'case.version_conflict', details: { expected: 2, actual: 3 } },
    });
  });
});

describe('side paths', () => {
  it('returns a case sent back by a unit to the dispatch queue with the reason, counted', () => {
    const r = applyAction(
      caseIn('dispatched'),
      s.send_back,
      actorFor('unit_handler', caseIn('dispatched')),
      T0,
    );
    expect(r).toMatchObject({
      ok: true,
      value: {
        case: { status: 'pending_dispatch', mainUnitId: null, counters: { sendBackCount: 1 } },
        event: { payload: { reason: '非本单位职责', unitId: 'unit-a' } },
      },
    });
  });

  it('sends a failed re-check back to the same unit as counted rework with a new deadline', () => {
    const c = must(
      caseIn('pending_recheck'),
      { ...s.rework, deadline: deadlineAfter(T0, 8) },
      'supervisor',
    );
    expect(c).toMatchObject({
      status: 'handling',
      mainUnitId: 'unit-a',
      counters: { reworkCount: 1 },
    });
    expect(c.deadlines.handle?.dueAt).toEqual(later(8));
  });

  it('extends the handling timer when the dispatcher approves an extension, never the requester', () => {
    const asked = must(caseIn('handling'), s.request_extension, 'unit_handler');
    expect(asked.pendingRequest).toMatchObject({
      kind: 'extension',
      requestedBy: 'user-unit_handler',
    });
    expect(refusal(asked, s.request_hold, actorFor('unit_handler', asked))?.code).toBe(
      'case.request_pending',
    );
    const self: Actor = { userId: 'user-unit_handler', role: 'dispatcher', districtCode: '530102' };
    expect(refusal(asked, s.approve_extension, self)?.code).toBe('case.self_approval');
    const ok = must(asked, s.approve_extension, 'dispatcher');
    expect(ok).toMatchObject({
      status: 'handling',
      pendingRequest: null,
      counters: { extensionCount: 1 },
    });
    expect(ok.deadlines.handle?.dueAt).toEqual(later(72));
  });

  it('pauses the timer on an approved hold and resumes it with the paused working time', () => {
    const held = must(
      must(caseIn('handling'), s.request_hold, 'unit_handler'),
      s.approve_hold,
      'dispatcher',
      later(2),
    );
    expect(held.status).toBe('on_hold');
    expect(held.deadlines.handle?.pausedAt).toEqual(later(2));
    const resumed = must(held, s.resume, 'dispatcher');
    expect(resumed.status).toBe('handling');
    expect(resumed.deadlines.handle).not.toHaveProperty('pausedAt');
    expect(resumed.deadlines.handle?.pausedWorkingMs).toBe(8 * 3_600_000);
  });

  it('resumes a hold whose deadline had already passed, still overdue', () => {
    const deadline = { dueAt: later(-1), warnAt: later(-2) };
    const resumed = must(caseIn('on_hold'), { ...s.resume, deadline }, 'dispatcher');
    expect(resumed).toMatchObject({ status: 'handling', deadlines: { handle: deadline } });
  });

  it('cancels a case only after the shift role approves the request', () => {
    const asked = must(caseIn('pending_dispatch'), s.request_cancel, 'dispatcher');
    expect(
      refusal(caseIn('pending_dispatch'), s.approve_cancel, actorFor('acceptance_operator', asked))
        ?.code,
    ).toBe('case.no_pending_request');
    expect(must(asked, s.approve_cancel, 'acceptance_operator')).toMatchObject({
      status: 'cancelled',
      pendingRequest: null,
    });
  });

  it('drops a pending request when the case moves on', () => {
    const asked = must(caseIn('handling'), s.request_extension, 'unit_handler');
    const r = applyAction(asked, s.feedback, actorFor('unit_handler', asked), T0);
    expect(r).toMatchObject({
      ok: true,
      value: {
        case: { pendingRequest: null },
        event: { payload: { clearedRequest: { kind: 'extension' } } },
      },
    });
  });

  it('counts urging without changing the status', () => {
    const c = must(caseIn('handling'), s.urge, 'commander');
    expect(c).toMatchObject({ status: 'handling', counters: { urgeCount: 1 } });
  });

  it('lets assisting units report but only the main unit feed back', () => {
    const c = caseIn('handling');
    const assistant = actorFor('unit_handler', c, 'assist_feedback');
    expect(applyAction(c, s.assist_feedback, assistant, T0).ok).toBe(true);
    expect(refusal(c, s.feedback, assistant)?.code).toBe('case.region_not_allowed');
    expect(must(c, s.add_assisting_units, 'dispatcher').assistingUnitIds).toEqual([
      'unit-b',
      'unit-c',
    ]);
  });

  it('closes a handled-first case only once responsibility is settled', () => {
    let c = must(caseIn('pending_dispatch'), s.handle_first, 'dispatcher');
    expect(c).toMatchObject({ status: 'handling', handleFirst: true, mainUnitId: 'unit-a' });
    c = must(must(c, s.feedback, 'unit_handler'), s.recheck_pass, 'supervisor');
    expect(refusal(c, s.close, actorFor('acceptance_operator', c))?.code).toBe(
      'case.responsibility_unsettled',
    );
    c = must(c, s.settle_responsibility, 'dispatcher');
    expect(refusal(c, s.settle_responsibility, actorFor('dispatcher', c))?.code).toBe(
      'case.responsibility_already_settled',
    );
    expect(must(c, s.close, 'acceptance_operator')).toMatchObject({
      status: 'closed',
      responsibleUnitId: 'unit-d',
    });
  });

  it('merges a duplicate into another case and links its reporter there', () => {
    const dup = must(caseIn('pending_filing'), s.merge, 'acceptance_operator');
    expect(dup).toMatchObject({ status: 'merged', mergedInto: 'case-9' });
    const target = must(
      caseIn('handling', { id: 'case-9' }),
      s.absorb_duplicate,
      'acceptance_operator',
    );
    expect(target.linkedReports).toEqual([
      {
        caseId: 'case-8',
        caseNumber: '530102-20261124-0008',
        source: 'hotline_12345',
        reporter: { phone: '13900000000' },
        linkedAt: T0,
      },
    ]);
    expect(
      refusal(
        caseIn('pending_filing', { id: 'case-9' }),
        s.merge,
        actorFor('acceptance_operator', dup),
      )?.code,
    ).toBe('case.merge_into_self');
  });

  it('lets a city supervisor reopen a district closure but not a city-loop one', () => {
    const c = caseIn('evaluated');
    const city = actorFor('city_supervisor', c);
    expect(must(c, s.reopen, 'city_supervisor')).toMatchObject({
      status: 'pending_dispatch',
      spotChecked: true,
      counters: { reopenCount: 1 },
    });
    expect(refusal(caseIn('closed', { loopLevel: 'city' }), s.reopen, city)?.code).toBe(
      'case.spot_check_city_loop',
    );
  });
});
