import { insertOpen311Request } from '../../store/open311.store.ts';
import type { Deps } from '../deps.ts';

/**
 * Keeps what an Open311 request carried beyond its report (client key, media_url, attribute
 * values) beside the case the intake seam opened. Written after the case's own transaction:
 * should it fail, the case stands and only this side record is missing.
 */
export async function recordOpen311Request(
  deps: Deps,
  r: {
    caseId: string;
    districtCode: string;
    apiKeyId: string;
    serviceCode: string;
    mediaUrl: string | null;
    attributes: Record<string, string | string[]>;
  },
): Promise<void> {
  await insertOpen311Request(deps.db, { ...r, at: deps.clock.now() });
}
