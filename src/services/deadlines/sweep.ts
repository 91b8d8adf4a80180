import { sweepTimerStates } from '../../store/deadline-sweep.store.ts';
import type { Deps } from '../deps.ts';
import { changesCommitted } from '../cases/changes.ts';

export type SweepReport = { readonly overdue: number; readonly warning: number };

/**
 * The deadline sweep (超期/预警): in one transaction, marks open cases whose running step passed
 * its due instant as overdue and those past the warning instant as warning, each change one
 * `timer_overdue` / `timer_warning` event by the system actor with the case version bumped;
 * every copy's queue streams hear them through the case outbox (migration 0125). Paused timers (挂账) are left alone.
 */
export async function sweepDeadlines(deps: Deps): Promise<SweepReport> {
  const now = deps.clock.now();
  const r = await deps.db.transaction((tx) => sweepTimerStates(tx, now));
  // The sweep's events reach every copy's streams through the outbox (migration 0125).
  if (r.overdue + r.warning > 0) changesCommitted(deps);
  return r;
}
