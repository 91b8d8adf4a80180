import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTimeLimit } from '../../domain/calendar/index.ts';
import type { OutboxChange } from '../../store/case-outbox.store.ts';
import type { Db } from '../../store/db.ts';
import { closeCaseWorld, openCaseWorld } from '../../../test/helpers/app.ts';
import {
  OWN,
  OWN_UNIT,
  act,
  caseIn,
  openTestCase,
  type CaseWorld,
} from '../../../test/factories.ts';
import { calendarForDistrict } from '../calendar/load-calendar.ts';
import { getEffectiveStandard } from '../catalogue/query-catalogue.ts';
import { onCaseChange } from './changes.ts';
import { performCaseAction } from './perform-action.ts';

let db: Db;
let w: CaseWorld;
const MONDAY_0900 = new Date('2026-03-02T01:00:00Z');

beforeAll(async () => {
  w = await openCaseWorld();
  db = w.db;
}, 120_000);
afterAll(() => closeCaseWorld(w));

describe('step deadlines', () => {
  it('starts the handling timer at the catalogue limit for the category and urgency, on the district calendar', async () => {
    const c = await caseIn(w, 'pending_dispatch');
    const dispatched = await act(w, 'dispatcher', c, { kind: 'dispatch', unitId: OWN_UNIT });
    const std = await getEffectiveStandard(w.deps, {
      districtCode: OWN,
      kind: c.kind,
      code: c.categoryCode,
    });
    if (!std.ok) throw new Error(std.error.code);
    const cal = await calendarForDistrict(db, OWN);
    expect(dispatched.deadlines.handle?.dueAt).toEqual(
      addTimeLimit(cal, MONDAY_0900, std.value.timeLimits.normal),
    );
  });

  it('uses a district’s own step time limit over the shipped default', async () => {
    const before = await openTestCase(w, 'supervisor');
    // Shipped default: filing within 0.5 working hours (09:00 → 09:30 on a Monday).
    expect(before.deadlines.file?.dueAt).toEqual(new Date('2026-03-02T01:30:00Z'));
    await db.query(
      `INSERT INTO step_time_limits (district_code, step, amount, unit, provenance)
       VALUES ($1, 'file', 2, 'working_hours', 'test: district rule')`,
      [OWN],
    );
    try {
      const after = await openTestCase(w, 'supervisor');
      expect(after.deadlines.file?.dueAt).toEqual(new Date('2026-03-02T03:00:00Z'));
    } finally {
      await db.query(`DELETE FROM step_time_limits WHERE district_code = $1`, [OWN]);
    }
  });
});

describe('case numbers', () => {
  it('numbers cases per district and local date, restarting after midnight in Shanghai', async () => {
    try {
      w.clock.set(new Date('2026-03-04T15:59:00Z')); // 23:59 on 4 March in Shanghai
      const late = await openTestCase(w, 'supervisor');
      w.clock.set(new Date('2026-03-04T16:00:00Z')); // 00:00 on 5 March
      const first = await openTestCase(w, 'supervisor');
      const second = await openTestCase(w, 'supervisor');
      expect(late.caseNumber).toBe(`${OWN}-20260304-0001`);
      expect([first.caseNumber, second.caseNumber]).toEqual([
        `${OWN}-20260305-0001`,
        `${OWN}-20260305-0002`,
      ]);
    } finally {
      w.clock.set(MONDAY_0900);
    }
  });
});

describe('change notifications', () => {
  it('tells listeners about committed events only, in commit order', async () => {
    const seen: OutboxChange[] = [];
    const stop = await onCaseChange(w.deps, (e) => seen.push(e));
    try {
      const c = await caseIn(w, 'pending_filing');
      const refused = await performCaseAction(w.deps, {
        caseId: c.id,
        action: { kind: 'close' },
        principal: w.principal('acceptance_operator'),
      });
      expect(refused.ok).toBe(false);
      // A later commit as a barrier: once it is heard, everything before it has been.
      const later = await caseIn(w, 'pending_filing');
      await until(() => seen.some((e) => e.caseId === later.id));
      expect(seen.filter((e) => e.caseId === c.id).map((e) => [e.action, e.version])).toEqual([
        ['report', 1],
      ]);
      const positions = seen.map((e) => e.position);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    } finally {
      stop();
    }
  });
});

/** Waits (without a timing assert: the test's own timeout bounds it) until the condition holds. */
async function until(ok: () => boolean): Promise<void> {
  while (!ok()) await new Promise((r) => setTimeout(r, 5));
}
