import { describe, expect, it } from 'vitest';
import type { Case, CaseAction, Role } from './index.ts';
import { ACTIONS, CASE_ACTION_KINDS, applyAction } from './index.ts';
import { T0, actorFor, caseIn, sampleActions } from './test-fixtures.ts';

/**
 * 回退 and 抽查重新打开 put a case some unit already had back in the dispatcher's queue. From
 * there the next unit is chosen by 改派 (a reason, the unit replaced), never by a plain 派遣
 * (guards.ts neverDispatched). Every way back to the queue is walked here, and every action that
 * leaves the queue for a unit is tried on it.
 */
const s = sampleActions(T0);

function must(c: Case, a: CaseAction, role: Role): Case {
  const r = applyAction(c, a, actorFor(role, c, a.kind), T0);
  if (!r.ok) throw new Error(`${a.kind}: ${JSON.stringify(r.error)}`);
  return r.value.case;
}
function tryAs(c: Case, a: CaseAction, role: Role) {
  return applyAction(c, a, actorFor(role, c, a.kind), T0);
}

/** Every way a case a unit had comes back to pending_dispatch, found from the declarations. */
const WAYS_BACK: readonly { name: string; back: () => Case }[] = [
  {
    name: 'sent back before acceptance',
    back: () => must(caseIn('dispatched', { assistingUnitIds: [] }), s.send_back, 'unit_handler'),
  },
  {
    name: 'sent back while handling',
    back: () => must(caseIn('handling', { assistingUnitIds: [] }), s.send_back, 'unit_handler'),
  },
  {
    name: 'reopened after a failed spot check',
    back: () => must(caseIn('closed'), s.reopen, 'city_supervisor'),
  },
];

describe('a case a unit had, back in the dispatch queue', () => {
  it('covers every action that returns a case from a unit to pending_dispatch', () => {
    const returning = CASE_ACTION_KINDS.filter((k) =>
      ACTIONS[k].moves.some(
        (m) =>
          m.to === 'pending_dispatch' && m.from.some((f) => f !== 'new' && f !== 'pending_filing'),
      ),
    );
    expect([...returning].sort()).toEqual(['reopen', 'send_back']);
  });

  for (const way of WAYS_BACK) {
    describe(way.name, () => {
      it('waits for the dispatcher with no unit, the unit that had it remembered', () => {
        const c = way.back();
        expect(c).toMatchObject({ status: 'pending_dispatch', mainUnitId: null });
        expect(c.workedUnitIds).toContain('unit-a');
      });

      it('refuses a plain dispatch, to any unit, and says to re-dispatch', () => {
        const c = way.back();
        for (const unitId of ['unit-a', 'unit-e']) {
          const r = tryAs(c, { ...s.dispatch, unitId }, 'dispatcher');
          expect(r).toMatchObject({ ok: false, error: { code: 'case.redispatch_required' } });
        }
        // Not even the rules' auto-dispatch, which acts as a dispatcher.
        const auto = tryAs(c, { ...s.dispatch, auto: true }, 'dispatcher');
        expect(auto).toMatchObject({ ok: false, error: { code: 'case.redispatch_required' } });
      });

      it('re-dispatches to another unit with a reason, naming the unit replaced', () => {
        const c = way.back();
        const r = applyAction(c, s.redispatch, actorFor('dispatcher', c, 'redispatch'), T0);
        expect(r).toMatchObject({
          ok: true,
          value: {
            case: { status: 'dispatched', mainUnitId: 'unit-e' },
            event: { action: 'redispatch', payload: { reason: s.redispatch.reason } },
          },
        });
      });

      it('re-dispatches to the same unit only with a reason', () => {
        const c = way.back();
        const same = { ...s.redispatch, unitId: 'unit-a' };
        expect(tryAs(c, same, 'dispatcher')).toMatchObject({
          ok: true,
          value: { case: { status: 'dispatched', mainUnitId: 'unit-a' } },
        });
        expect(tryAs(c, { ...same, reason: '  ' }, 'dispatcher')).toMatchObject({
          ok: false,
          error: { code: 'case.reason_required' },
        });
      });

      it('refuses a re-dispatch by a role that does not dispatch', () => {
        const c = way.back();
        for (const role of ['unit_handler', 'supervisor', 'acceptance_operator'] as const) {
          expect(tryAs(c, s.redispatch, role).ok).toBe(false);
        }
      });
    });
  }

  it('still dispatches a case no unit has had, and refuses to re-dispatch it', () => {
    const c = caseIn('pending_dispatch');
    expect(tryAs(c, s.dispatch, 'dispatcher')).toMatchObject({ ok: true });
    expect(tryAs(c, s.redispatch, 'dispatcher')).toMatchObject({
      ok: false,
      error: { code: 'case.not_dispatched_before' },
    });
  });

  it('refuses a re-dispatch before acceptance to the unit that has the case now', () => {
    const c = caseIn('dispatched');
    expect(tryAs(c, { ...s.redispatch, unitId: 'unit-a' }, 'dispatcher')).toMatchObject({
      ok: false,
      error: { code: 'case.redispatch_same_unit' },
    });
  });
});
