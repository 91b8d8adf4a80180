import { syncCalendarReference, type CalendarSyncReport } from '../calendar/sync-calendar.ts';
import { syncCatalogue, type CatalogueSyncReport } from '../catalogue/sync-catalogue.ts';
import type { Deps } from '../deps.ts';

export type ReferenceSyncReport = { catalogue: CatalogueSyncReport; calendar: CalendarSyncReport };

/**
 * Loads the reference data shipped in reference/ (catalogue, holiday calendar) into the
 * database. Idempotent; called at start after migrate and by the test template.
 */
export async function syncReferenceData(
  deps: Deps,
  opts: { force?: boolean } = {},
): Promise<ReferenceSyncReport> {
  const catalogue = await syncCatalogue(deps, opts);
  const calendar = await syncCalendarReference(deps, opts);
  return { catalogue, calendar };
}
