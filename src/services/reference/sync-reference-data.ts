import { syncCatalogue, type CatalogueSyncReport } from '../catalogue/sync-catalogue.ts';
import type { Deps } from '../deps.ts';

export type ReferenceSyncReport = { catalogue: CatalogueSyncReport };

/**
 * Loads the reference data shipped in reference/ (catalogue; calendars to follow) into the
 * database. Idempotent; called at start after migrate and by the test template.
 */
export async function syncReferenceData(
  deps: Deps,
  opts: { force?: boolean } = {},
): Promise<ReferenceSyncReport> {
  const catalogue = await syncCatalogue(deps, opts);
  return { catalogue };
}
