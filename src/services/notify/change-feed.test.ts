import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCaseWorld, openCaseWorld } from '../../../test/helpers/app.ts';
import { OWN_UNIT, act, caseIn, openTestCase, type CaseWorld } from '../../../test/factories.ts';
import {
  caseOutboxHead,
  pruneCaseOutbox,
  readCaseOutbox,
  type OutboxChange,
} from '../../store/case-outbox.store.ts';
import { ChangeFeed } from './change-feed.ts';
import { noticeFor } from './hub.ts';

let w: CaseWorld;

beforeAll(async () => {
  w = await openCaseWorld();
}, 120_000);
afterAll(() => closeCaseWorld(w));

async function until(ok: () => boolean): Promise<void> {
  while (!ok()) await new Promise((r) => setTimeout(r, 5));
}

describe('the change feed', () => {
  it('resumes a subscriber after a position within the window, and resets one outside it', async () => {
    const feed = new ChangeFeed(w.db, null, 3);
    try {
      const start = await caseOutboxHead(w.db);
      const cases = [];
      for (let i = 0; i < 5; i++) cases.push(await openTestCase(w, 'supervisor'));
      const head = await caseOutboxHead(w.db);
      expect(head - start).toBe(5);

      // Two behind: resumed, both changes once, in order.
      const near: OutboxChange[] = [];
      const s1 = await feed.subscribe(head - 2, (cs) => near.push(...cs));
      expect(s1.reset).toBe(false);
      expect(near.map((c) => c.caseId)).toEqual([cases[3]?.id, cases[4]?.id]);

      // Five behind with a window of three: from now, with a reset.
      const far: OutboxChange[] = [];
      const s2 = await feed.subscribe(head - 5, (cs) => far.push(...cs));
      expect(s2.reset).toBe(true);
      // Beyond the newest change: not a position of this database.
      const s3 = await feed.subscribe(head + 1000, () => undefined);
      expect(s3.reset).toBe(true);

      const next = await openTestCase(w, 'supervisor');
      feed.kick();
      await until(() => near.length === 3 && far.length === 1);
      expect(far.map((c) => c.caseId)).toEqual([next.id]);
      expect(near.at(-1)?.caseId).toBe(next.id);
      for (const s of [s1, s2, s3]) s.end();
      expect(feed.size).toBe(0);
    } finally {
      await feed.close();
    }
  });

  it("keeps each case's newest notice when pruning, so a later send-back still tells the unit", async () => {
    const c = await caseIn(w, 'dispatched');
    // Prune everything that can go: only the newest row of each case stays.
    const head = await caseOutboxHead(w.db);
    let pruned = 1;
    while (pruned > 0) pruned = await pruneCaseOutbox(w.db, head + 1, 1000);
    const kept = (await readCaseOutbox(w.db, 0, 100_000)).filter((r) => r.caseId === c.id);
    expect(kept.map((r) => [r.version, r.action, r.sight.unitIds])).toEqual([
      [c.version, 'dispatch', [OWN_UNIT]],
    ]);

    await act(w, 'unit_handler', c, { kind: 'send_back', reason: '不属于本单位职责' });
    const [change] = (await readCaseOutbox(w.db, head, 100)).filter((r) => r.caseId === c.id);
    if (!change) throw new Error('send-back not in the outbox');
    expect(change.before?.unitIds).toEqual([OWN_UNIT]);
    expect(noticeFor(w.principal('unit_handler'), change)).toMatchObject({
      action: 'send_back',
      left: ['all', 'to_handle'],
      entered: [],
      visible: false,
    });
  });
});
