import type { CategoryKind } from '../../domain/cases/index.ts';
import { lookupCode } from '../../domain/intake/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import { findPublicReport } from '../../store/intake.store.ts';
import {
  listPublicSteps,
  listServiceRequests,
  type PublicCaseStep,
  type ServiceRequestRow,
} from '../../store/open311.store.ts';
import type { Deps } from '../deps.ts';
import { runtimeKey } from '../runtime.ts';
import { SnapshotCache } from '../snapshot-cache.ts';
import { open311Vocabulary } from './vocabulary.ts';

export type { PublicCaseStep, ServiceRequestRow };

/** The spec's default window, and the longest a client may ask for. */
export const REQUEST_WINDOW_DAYS = 90;
/** At most this many requests in one answer (FixMyStreet's cap). */
export const REQUEST_PAGE_CAP = 1000;
const DAY_MS = 86_400_000;

/**
 * How old a GET /requests answer may be. Client systems poll the same lists (the default window,
 * open requests of a service): each distinct ask is read and rendered at most once a second per
 * service copy and shared by every client asking it (single flight); an answer up to
 * REQUEST_LIST_MAX_STALE_MS old is still served at once while a fresh one is read, so no client
 * waits for the reading of a list asked all the time. GET /requests/{id} and tokens are read fresh.
 */
export const REQUEST_LIST_MAX_AGE_MS = 1000;
export const REQUEST_LIST_MAX_STALE_MS = 5000;

// Rendered answers are up to a few hundred kB (1,000 requests): few are kept.
const REQUEST_LISTS = runtimeKey('open311.request-lists', () => new SnapshotCache(64));

/** The answer to `key`, shared on this copy (see REQUEST_LIST_MAX_AGE_MS). */
export function sharedRequestList<T>(
  deps: Deps,
  key: string,
  compute: () => Promise<T>,
): Promise<T> {
  return deps.runtime
    .get(REQUEST_LISTS, deps)
    .get(
      key,
      deps.clock.now().getTime(),
      REQUEST_LIST_MAX_AGE_MS,
      compute,
      undefined,
      REQUEST_LIST_MAX_STALE_MS,
    );
}

export type Open311Error =
  | { readonly code: 'open311.unknown_service'; readonly details: { readonly serviceCode: string } }
  | { readonly code: 'open311.request_not_found'; readonly details: { readonly id: string } }
  | { readonly code: 'open311.token_not_found'; readonly details: { readonly token: string } }
  | {
      readonly code: 'open311.invalid_window';
      readonly details: { readonly reason: string; readonly maxDays: number };
    };

export type RequestFilter = {
  readonly serviceRequestIds?: readonly string[] | undefined;
  readonly serviceCodes?: readonly string[] | undefined;
  readonly startDate?: Date | undefined;
  readonly endDate?: Date | undefined;
  readonly status?: 'open' | 'closed' | undefined;
  /** with the history of each request (notes) */
  readonly withSteps: boolean;
};

export type ServiceRequests = {
  readonly rows: readonly ServiceRequestRow[];
  /** each case's steps in order (empty unless asked) */
  readonly steps: ReadonlyMap<string, readonly PublicCaseStep[]>;
};

/** A category without a service code of its own is served as `kind.code` (e.g. event.06013). */
const FALLBACK = /^(component|event)\.([0-9]{4,5})$/;

/** The catalogue category a service code stands for, or null when there is none. */
export function categoryOfServiceCode(
  deps: Deps,
  serviceCode: string,
): { kind: CategoryKind; code: string } | null {
  const e = lookupCode(open311Vocabulary(deps), serviceCode);
  if (e) return { kind: e.kind, code: e.categoryCode };
  const m = FALLBACK.exec(serviceCode);
  return m ? { kind: m[1] as CategoryKind, code: m[2] ?? '' } : null;
}

async function withSteps(
  deps: Deps,
  rows: ServiceRequestRow[],
  asked: boolean,
): Promise<ServiceRequests> {
  const steps = new Map<string, PublicCaseStep[]>();
  if (asked) {
    for (const s of await listPublicSteps(deps.db, rows)) {
      const list = steps.get(s.caseId) ?? [];
      list.push(s);
      steps.set(s.caseId, list);
    }
  }
  return { rows, steps };
}

/**
 * GET /requests: by id list (every other filter then ignored, as the spec says), or a window of
 * at most 90 days (default: the last 90 days; one end given, the other 90 days from it, never
 * past now), newest first, at most REQUEST_PAGE_CAP. A client pages back by asking again with
 * end_date set to the oldest requested_datetime it got.
 */
export async function findServiceRequests(
  deps: Deps,
  f: RequestFilter,
): Promise<Result<ServiceRequests, Open311Error>> {
  if (f.serviceRequestIds && f.serviceRequestIds.length > 0) {
    const ids = f.serviceRequestIds.slice(0, REQUEST_PAGE_CAP);
    return ok(
      await withSteps(deps, await listServiceRequests(deps.db, { caseNumbers: ids }), f.withSteps),
    );
  }
  const categories: { kind: CategoryKind; code: string }[] = [];
  for (const code of f.serviceCodes ?? []) {
    const c = categoryOfServiceCode(deps, code);
    if (!c) return err({ code: 'open311.unknown_service', details: { serviceCode: code } });
    categories.push(c);
  }
  const now = deps.clock.now();
  const span = REQUEST_WINDOW_DAYS * DAY_MS;
  const to =
    f.endDate ??
    (f.startDate ? new Date(Math.min(f.startDate.getTime() + span, now.getTime())) : now);
  const from = f.startDate ?? new Date(to.getTime() - span);
  const bad = (reason: string) =>
    err({
      code: 'open311.invalid_window' as const,
      details: { reason, maxDays: REQUEST_WINDOW_DAYS },
    });
  if (from.getTime() > to.getTime()) return bad('start_date after end_date');
  if (to.getTime() - from.getTime() > span) return bad('more than 90 days');
  const rows = await listServiceRequests(deps.db, {
    from,
    to,
    open: f.status === undefined ? null : f.status === 'open',
    categories: categories.length > 0 ? categories : null,
    limit: REQUEST_PAGE_CAP,
  });
  return ok(await withSteps(deps, rows, f.withSteps));
}

/** GET /requests/{id}: one request by its id (the case number). */
export async function findServiceRequest(
  deps: Deps,
  id: string,
  steps: boolean,
): Promise<Result<ServiceRequests, Open311Error>> {
  const rows = await listServiceRequests(deps.db, { caseNumbers: [id] });
  if (rows.length === 0) return err({ code: 'open311.request_not_found', details: { id } });
  return ok(await withSteps(deps, rows, steps));
}

/** GET /tokens/{token}: the request a token (the tracking code minted at intake) became. */
export async function findRequestByToken(
  deps: Deps,
  token: string,
): Promise<Result<{ serviceRequestId: string; token: string }, Open311Error>> {
  const r = /^[0-9A-Za-z]{10}$/.test(token)
    ? await findPublicReport(deps.db, token.toUpperCase())
    : null;
  if (!r) return err({ code: 'open311.token_not_found', details: { token } });
  return ok({ serviceRequestId: r.caseNumber, token: r.trackingCode });
}
