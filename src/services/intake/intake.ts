import { createHash, randomInt } from 'node:crypto';
import { clientActorId, type Case } from '../../domain/cases/index.ts';
import {
  findLikelyDuplicates,
  type DuplicateCandidate,
  type DuplicateWindow,
  type IntakeRouting,
  type LikelyDuplicate,
  type Report,
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
import type { Principal } from '../../domain/access/index.ts';
import type { CaseLookupError, CaseServiceError } from '../cases/errors.ts';
import { getCase } from '../cases/read-cases.ts';
import type { OpeningExtras, SideRows } from '../cases/plan-opening.ts';
import { reportOf, type ReportCaseInput } from '../cases/report-case.ts';
import type { Deps } from '../deps.ts';
import { GroupCommit } from '../group-commit.ts';
import { runtimeKey } from '../runtime.ts';
import { openReport } from './open-report.ts';

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

export type IntakeOptions = {
  /** The channel's retry key (a phone's Idempotency-Key, a 12345 order number), scoped by origin. */
  readonly idempotencyKey?: string | undefined;
  /** Mint a tracking code the reporter keeps (公众上报). */
  readonly trackingCode?: boolean | undefined;
  readonly routing?: IntakeRouting | undefined;
  readonly duplicateWindow?: DuplicateWindow | undefined;
  /** The channel's rows beside the case, written in the case's transaction (all or nothing). */
  readonly alongside?: SideRows | undefined;
};

export type IntakeOutcome = {
  readonly case: Case;
  /** true when the key had opened this case before (nothing new was written) */
  readonly replayed: boolean;
  /** set when a dispatch rule filed and dispatched the case at intake (or sent it directly) */
  readonly autoDispatched: { readonly ruleId: string; readonly unitId: string } | null;
  /** open cases of the same category nearby and recent, nearest first */
  readonly likelyDuplicates: readonly LikelyDuplicate[];
  /** the tracking code minted for this report (null when none was asked for, or on a replay) */
  readonly trackingCode: string | null;
};

/** Who owns a report's idempotency keys: the person, or the client system. */
const keyScope = (r: Report): string =>
  r.origin.kind === 'user' ? r.origin.principal.userId : clientActorId(r.origin.clientId);

/** A digest of what was asked (the report and how it was routed), independent of key order. */
export function requestHash(report: Report, routing: IntakeRouting = 'standard'): string {
  // The origin is the key's scope, not part of what was asked.
  const rest = { ...report, origin: undefined };
  const canonical = (v: unknown): unknown =>
    v instanceof Date
      ? v.toISOString()
      : Array.isArray(v)
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
    .update(JSON.stringify(canonical({ ...rest, routing })))
    .digest('hex');
}

async function replay(
  deps: Deps,
  scope: string,
  key: string,
  hash: string,
): Promise<Result<IntakeOutcome, IntakeError> | null> {
  const found = await findIdempotencyKey(deps.db, scope, key);
  if (!found) return null;
  if (found.requestHash !== hash) {
    return err({ code: 'intake.idempotency_conflict', details: { key, caseId: found.caseId } });
  }
  const c = await findCase(deps.db, found.caseId, [found.districtCode]);
  if (!c) throw new Error(`idempotency key names a missing case ${found.caseId}`);
  return ok({
    case: c,
    replayed: true,
    autoDispatched: null,
    likelyDuplicates: [],
    trackingCode: null,
  });
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
  report: Report,
  opts: IntakeOptions,
  extras: OpeningExtras,
): Promise<Result<IntakeOutcome, IntakeError> | 'key_taken'> {
  const r = await openReport(deps, report, opts.routing ?? 'standard', {
    ...extras,
    autoDispatch: true,
    alongside: opts.alongside,
  });
  if (!r.ok) return r;
  if (r.value.kind === 'key_taken') return 'key_taken';
  const { case: c, autoDispatched } = r.value.reported;
  return ok({
    case: c,
    replayed: false,
    autoDispatched,
    likelyDuplicates: await likelyDuplicatesOf(deps, c, opts.duplicateWindow),
    trackingCode: extras.trackingCode ?? null,
  });
}

/**
 * THE intake seam (DESIGN.md "Intake", issue #9 §1): every channel — the field app, POST /cases,
 * the hotline, the public portal, Open311, later sensors, video and remote-sensing patches —
 * builds one `Report` and calls this. It opens the case in the right loop (`routing`; a dispatch
 * rule's auto-dispatch where it says so), records the channel and its reference on the case, in
 * the same transaction the key and the tracking code, and returns the likely duplicates (open,
 * same category, near, recent) for an operator to merge. The same key and report again answer the
 * case the key opened (replayed, nothing written); the same key with another report is
 * `intake.idempotency_conflict`. No lookup first: the key is recorded in the case's own batch, and
 * a retry (its key taken) is answered from the stored key after that batch; a retry refused for
 * another reason (its category disabled since, say) still answers the case its first try opened.
 */
export async function intake(
  deps: Deps,
  report: Report,
  opts: IntakeOptions = {},
): Promise<Result<IntakeOutcome, IntakeError>> {
  const trackingCode = opts.trackingCode ? { trackingCode: newTrackingCode() } : {};
  const key = opts.idempotencyKey;
  if (key === undefined) {
    const r = await open(deps, report, opts, trackingCode);
    if (r === 'key_taken') throw new Error('an intake without a key found its key taken');
    return r;
  }
  const hash = requestHash(report, opts.routing);
  const r = await open(deps, report, opts, {
    ...trackingCode,
    idempotency: { key, requestHash: hash },
  });
  if (r !== 'key_taken' && r.ok) return r;
  const earlier = await replay(deps, keyScope(report), key, hash);
  if (earlier) return earlier;
  if (r === 'key_taken') throw new Error(`idempotency key ${key} taken but not found`);
  return r;
}

/** The field app's intake (上报): a person's report through the seam, with its phone's key. */
export function intakeReport(
  deps: Deps,
  input: ReportCaseInput & {
    readonly idempotencyKey?: string | undefined;
    readonly duplicateWindow?: DuplicateWindow | undefined;
  },
): Promise<Result<IntakeOutcome, IntakeError>> {
  const { idempotencyKey, duplicateWindow, ...rest } = input;
  return intake(deps, reportOf(rest), { idempotencyKey, duplicateWindow });
}

// 32 characters without 0/O and 1/I, so a code read out over the phone is not misheard.
const CODE_CHARS = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A tracking code for the public: 10 random characters (50 bits). */
export function newTrackingCode(): string {
  return Array.from({ length: 10 }, () => CODE_CHARS[randomInt(CODE_CHARS.length)]).join('');
}

/** A report from the public, as the bare public endpoint takes it. */
export type PublicReportInput = Omit<
  ReportCaseInput,
  'principal' | 'source' | 'selfHandle' | 'note'
> & {
  readonly duplicateWindow?: DuplicateWindow | undefined;
};

/** The public portal as a client system of the intake seam (no person signs in). */
export const PUBLIC_CLIENT = {
  kind: 'client',
  clientId: 'public',
  clientName: '公众 public',
} as const;

/**
 * A report from the public (no login, source public_web): opens a case awaiting verification in
 * the district that holds the point and returns a tracking code for `trackPublicReport`.
 */
export async function submitPublicReport(
  deps: Deps,
  input: PublicReportInput,
): Promise<Result<{ trackingCode: string; outcome: IntakeOutcome }, IntakeError>> {
  const { duplicateWindow, reporter, ...what } = input;
  const r = await intake(
    deps,
    { ...what, channel: 'public_web', externalRef: null, origin: PUBLIC_CLIENT, contact: reporter },
    { trackingCode: true, duplicateWindow },
  );
  if (!r.ok) return r;
  if (r.value.trackingCode === null) throw new Error('a public report without its tracking code');
  return ok({ trackingCode: r.value.trackingCode, outcome: r.value });
}

/** What a tracking code shows: the case number and status, nothing personal. */
export async function trackPublicReport(
  deps: Deps,
  trackingCode: string,
): Promise<Result<PublicReportStatus, IntakeError>> {
  const r = await findPublicReport(deps.db, trackingCode.toUpperCase());
  return r ? ok(r) : err({ code: 'intake.not_found', details: { trackingCode } });
}

/**
 * The likely duplicates of a case already in the loop, for the acceptance desk to compare and
 * merge (合并): open cases of the same category within the duplicate window, and never farther
 * apart than a merge allows (GRIDLOOP_MERGE_MAX_DISTANCE_M), nearest first.
 */
export async function duplicatesOfCase(
  deps: Deps,
  principal: Principal,
  caseId: string,
  window: DuplicateWindow = DEFAULT_DUPLICATE_WINDOW,
): Promise<Result<LikelyDuplicate[], CaseLookupError>> {
  const c = await getCase(deps, principal, caseId);
  if (!c.ok) return c;
  const mergeMax = deps.caseRules?.mergeMaxDistanceM;
  const w =
    mergeMax === undefined
      ? window
      : { ...window, maxDistanceM: Math.min(window.maxDistanceM, mergeMax) };
  return ok(await likelyDuplicatesOf(deps, c.value, w));
}
