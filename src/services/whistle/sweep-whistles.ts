import { SYSTEM_USER_ID } from '../../domain/cases/index.ts';
import { applyWhistleEvent, missedReports } from '../../domain/whistle/index.ts';
import {
  appendWhistleEvents,
  findWhistle,
  findWhistlesPastDue,
  saveWhistle,
} from '../../store/whistles.store.ts';
import type { Deps } from '../deps.ts';

/** Whistles the sweep takes per run (a later run takes the rest). */
const SWEEP_BATCH = 200;

/**
 * The whistle part of the deadline sweep (jobs/deadline-sweep.ts): every report step past its
 * deadline, unreported and not yet recorded, gets one `report_missed` event by the system, so the
 * whistler's timeline shows who has not reported. One transaction per whistle, so one busy
 * whistle does not hold the others; a whistle reported meanwhile is left as it is.
 */
export async function sweepWhistles(deps: Deps): Promise<{ missed: number }> {
  const now = deps.clock.now();
  const due = await findWhistlesPastDue(deps.db, now, SWEEP_BATCH);
  let missed = 0;
  for (const { districtCode, id } of due) {
    missed += await deps.db.transaction(async (tx) => {
      const w = await findWhistle(tx, districtCode, id, true);
      if (!w) return 0;
      const events = missedReports(w, { userId: SYSTEM_USER_ID, role: 'system' }, now);
      if (events.length === 0) return 0;
      await saveWhistle(tx, events.reduce(applyWhistleEvent, w));
      await appendWhistleEvents(tx, events);
      return events.length;
    });
  }
  return { missed };
}
