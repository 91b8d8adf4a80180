import { createHash, randomInt } from 'node:crypto';
import type { Principal } from '../../domain/access/index.ts';
import type { Case } from '../../domain/cases/index.ts';
import {
  findLikelyDuplicates,
  type DuplicateCandidate,
  type DuplicateWindow,
  type LikelyDuplicate,
} from '../../domain/intake/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import { findCase } from '../../store/cases.store.ts';
import {
  findIdempotencyKey,
  findPublicReport,
  listDuplicateCandidates,
  type DuplicateQuery,
  type PublicReportStatus,
} from '../../store/intake.store.ts';
import type { CaseServiceError } from '../cases/errors.ts';
import {
  openReportedCase,
  type OpeningExtras,
  type ReportCaseInput,
} from '../cases/report-case.ts';
import type { Deps } from '../deps.ts';
import { GroupCommit } from '../group-commit.ts';
import { locatePoint } from '../geo/locate.ts';
import { runtimeKey } from '../runtime.ts';

/** How near and how recent an open case of the same category must be to be offered as a duplicate. */
export const DEFAULT_DUPLICATE_WINDOW: DuplicateWindow = {
  maxDistanceM: 50,
  maxAgeMs: 72 * 3_600_000,
};

/** GRIDLOOP_DUPLICATE_RADIUS_M and GRIDLOOP_DUPLICATE_WINDOW_HOURS, else the defaults. */
export function duplicateWindowFromEnv(env: NodeJS.ProcessEnv = process.env): DuplicateWindow {
  const radius = Number(env.GRIDLOOP_DUPLICATE_RADIUS_M);
  const hours = Number(env.GRIDLOOP_DUPLICATE_WINDOW_HOURS);
  return {
    maxDistanceM: radius > 0 ? radius : DEFAULT_DUPLICATE_WINDOW.maxDistanceM,
    maxAgeMs: hours > 0 ? hours * 3_600_000 : DEFAULT_DUPLICATE_WINDOW.maxAgeMs,
  };
}

export type IntakeError =
  | CaseServiceError
  | {
      readonly code: 'intake.idempotency_conflict';
      readonly details: { readonly key: string; readonly caseId: string };
    }
  | { readonly code: 'intake.not_found'; readonly details: { readonly trackingCode: string } };

export type IntakeInput = ReportCaseInput & {
  /** The phone's Idempotency-Key: retries with the same key and body answer the same case. */
  readonly idempotencyKey?: string | undefined;
  readonly duplicateWindow?: DuplicateWindow | undefined;
};

export type IntakeOutcome = {
  readonly case: Case;
  /** true when the key had opened this case before (nothing new was written) */
  readonly replayed: boolean;
  /** set when a dispatch rule filed and dispatched the case at intake */
  readonly autoDispatched: { readonly ruleId: string; readonly unitId: string } | null;
  /** open cases of the same category nearby and recent, nearest first */
  readonly likelyDuplicates: readonly LikelyDuplicate[];
};

/** A digest of what was asked, independent of key order. */
export function requestHash(input: IntakeInput): string {
  const rest = {
    ...input,
    idempotencyKey: undefined,
    principal: undefined,
    duplicateWindow: undefined,
  };
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .filter(([, x]) => x !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  return createHash('sha256')
    .update(JSON.stringify(canonical(rest)))
    .digest('hex');
}

async function replay(
  deps: Deps,
  userId: string,
  key: string,
  hash: string,
): Promise<Result<IntakeOutcome, IntakeError> | null> {
  const found = await findIdempotencyKey(deps.db, userId, key);
  if (!found) return null;
  if (found.requestHash !== hash) {
    return err({ code: 'intake.idempotency_conflict', details: { key, caseId: found.caseId } });
  }
  const c = await findCase(deps.db, found.caseId, [found.districtCode]);
  if (!c) throw new Error(`idempotency key names a missing case ${found.caseId}`);
  return ok({ case: c, replayed: true, autoDispatched: null, likelyDuplicates: [] });
}

// Concurrent intakes look for their duplicates in one statement (services/group-commit.ts); a
// lookup submitted after its case committed runs after that commit, so it sees every case
// committed before it, as a lookup of its own would.
// One reader per service copy (its Runtime).
const DUPLICATE_READER = runtimeKey(
  'intake.duplicate-reader',
  ({ db }) =>
    new GroupCommit<DuplicateQuery, DuplicateCandidate[]>((qs) => listDuplicateCandidates(db, qs), {
      maxBatch: 64,
    }),
);

/** Open cases of the same category near the new one (itself excluded). */
export async function likelyDuplicatesOf(
  deps: Deps,
  c: Case,
  window: DuplicateWindow = DEFAULT_DUPLICATE_WINDOW,
): Promise<LikelyDuplicate[]> {
  const candidates = await deps.runtime.get(DUPLICATE_READER, deps).submit({
    districtCode: c.districtCode,
    kind: c.kind,
    scheme: c.categoryScheme,
    code: c.categoryCode,
    lng: c.location.point.lng,
    lat: c.location.point.lat,
    radiusM: window.maxDistanceM,
    since: new Date(c.createdAt.getTime() - window.maxAgeMs),
    excludeCaseId: c.id,
  });
  return findLikelyDuplicates(
    {
      kind: c.kind,
      categoryScheme: c.categoryScheme,
      categoryCode: c.categoryCode,
      location: c.location,
      reportedAt: c.createdAt,
    },
    candidates,
    window,
  );
}

/** Opens the case (auto-dispatched where a rule says so) and looks for likely duplicates. */
async function open(
  deps: Deps,
  input: IntakeInput,
  extras: Omit<OpeningExtras, 'autoDispatch'>,
): Promise<Result<IntakeOutcome, IntakeError> | 'key_taken'> {
  // The key travels as `extras.idempotency` with the digest of the body it came with.
  const { duplicateWindow, ...report } = input;
  const r = await openReportedCase(deps, report, { ...extras, autoDispatch: true });
  if (!r.ok) return r;
  if (r.value.kind === 'key_taken') return 'key_taken';
  const { case: c, autoDispatched } = r.value.reported;
  return ok({
    case: c,
    replayed: false,
    autoDispatched,
    likelyDuplicates: await likelyDuplicatesOf(deps, c, duplicateWindow),
  });
}

/**
 * The field app's intake (上报): opens the case like `reportCase`, and in the same transaction
 * records the Idempotency-Key and, when the matching dispatch rule says so, files and dispatches
 * it (自动派遣). The same key and body again answer the case it opened (replayed, nothing
 * written); the same key with another body is `intake.idempotency_conflict`. Likely duplicates
 * (open, same category, near, recent) come back for an operator to merge.
 */
export async function intakeReport(
  deps: Deps,
  input: IntakeInput,
): Promise<Result<IntakeOutcome, IntakeError>> {
  const key = input.idempotencyKey;
  if (key === undefined) {
    const r = await open(deps, input, {});
    if (r === 'key_taken') throw new Error('an intake without a key found its key taken');
    return r;
  }
  // No lookup first: the key is recorded in the case's own batch, and a retry (the key taken)
  // is answered from the stored key after that batch. A retry refused for another reason (its
  // category disabled since, say) still answers the case its first attempt opened.
  const userId = input.principal.userId;
  const hash = requestHash(input);
  const r = await open(deps, input, { idempotency: { key, requestHash: hash } });
  if (r !== 'key_taken' && r.ok) return r;
  const earlier = await replay(deps, userId, key, hash);
  if (earlier) return earlier;
  if (r === 'key_taken') throw new Error(`idempotency key ${key} taken but not found`);
  return r;
}

// 32 characters without 0/O and 1/I, so a code read out over the phone is not misheard.
const CODE_CHARS = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A tracking code for the public: 10 random characters (50 bits). */
export function newTrackingCode(): string {
  return Array.from({ length: 10 }, () => CODE_CHARS[randomInt(CODE_CHARS.length)]).join('');
}

export type PublicReportInput = Omit<
  IntakeInput,
  'principal' | 'idempotencyKey' | 'source' | 'selfHandle' | 'note'
>;

/**
 * A report from the public (no login, source public_web): opens a case awaiting verification in
 * the district that holds the point and returns a tracking code for `trackPublicReport`.
 */
export async function submitPublicReport(
  deps: Deps,
  input: PublicReportInput,
): Promise<Result<{ trackingCode: string; outcome: IntakeOutcome }, IntakeError>> {
  const where = await locatePoint(deps, input.location);
  if (!where.ok) return where;
  const districtCode = where.value.district.code;
  const principal: Principal = {
    userId: 'public',
    username: 'public',
    displayName: '公众 public',
    role: 'acceptance_operator',
    districtCode,
    regionScope: [districtCode],
  };
  const trackingCode = newTrackingCode();
  const r = await open(deps, { ...input, principal, source: 'public_web' }, { trackingCode });
  if (r === 'key_taken') throw new Error('a public report without a key found its key taken');
  return r.ok ? ok({ trackingCode, outcome: r.value }) : r;
}

/** What a tracking code shows: the case number and status, nothing personal. */
export async function trackPublicReport(
  deps: Deps,
  trackingCode: string,
): Promise<Result<PublicReportStatus, IntakeError>> {
  const r = await findPublicReport(deps.db, trackingCode.toUpperCase());
  return r ? ok(r) : err({ code: 'intake.not_found', details: { trackingCode } });
}
