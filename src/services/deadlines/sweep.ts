import { timerEventKindOf, type CaseStatus } from '../../domain/cases/index.ts';
import { sweepTimerState } from '../../store/deadline-sweep.store.ts';
import type { Deps } from '../deps.ts';
import { publishSignals } from '../notify/hub.ts';

export type SweepReport = { readonly overdue: number; readonly warning: number };

/** Changes announced to the queue streams per sweep at most; the rest are counted only. */
const NOTIFY_LIMIT = 1000;

/**
 * The deadline sweep (超期/预警): in one transaction, marks open cases whose running step passed
 * its due instant as overdue and those past the warning instant as warning, each change one
 * `timer_overdue` / `timer_warning` event by the system actor with the case version bumped;
 * then tells the queue streams. Paused timers (挂账) are left alone.
 */
export async function sweepDeadlines(deps: Deps): Promise<SweepReport> {
  const now = deps.clock.now();
  const r = await deps.db.transaction(async (tx) => {
    const overdue = await sweepTimerState(tx, 'overdue', now, NOTIFY_LIMIT);
    const warning = await sweepTimerState(tx, 'warning', now, NOTIFY_LIMIT);
    return { overdue, warning };
  });
  const signal =
    (action: string) =>
    (c: { caseId: string; districtCode: string; version: number; status: string }) => ({
      caseId: c.caseId,
      districtCode: c.districtCode,
      action,
      fromStatus: c.status as CaseStatus,
      toStatus: c.status as CaseStatus,
      seq: c.version,
      at: now,
    });
  publishSignals([
    ...r.overdue.sample.map(signal(timerEventKindOf('overdue'))),
    ...r.warning.sample.map(signal(timerEventKindOf('warning'))),
  ]);
  return { overdue: r.overdue.total, warning: r.warning.total };
}
