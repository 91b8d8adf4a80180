import { insertOpen311Request } from '../../store/open311.store.ts';
import type { Queryable } from '../../store/db.ts';
import type { Deps } from '../deps.ts';

/**
 * Keeps what an Open311 request carried beyond its report (client key, media_url, attribute
 * values) beside the case the intake seam opened, in the case's own transaction (intake's
 * `alongside`): should it fail, the case is not opened either.
 */
export async function recordOpen311Request(
  deps: Deps,
  tx: Queryable,
  r: {
    caseId: string;
    districtCode: string;
    apiKeyId: string;
    serviceCode: string;
    mediaUrl: string | null;
    attributes: Record<string, string | string[]>;
  },
): Promise<void> {
  await insertOpen311Request(tx, { ...r, at: deps.clock.now() });
}
