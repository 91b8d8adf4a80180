import { applyAction, CLIENT_ROLE, clientActorId, type Case } from '../../domain/cases/index.ts';
import {
  mayRate,
  phaseOf,
  phaseText,
  timelineOf,
  type Phase,
  type Rating,
  type StatusChange,
  type TimelineEntry,
  type Topic,
  type UnitName,
} from '../../domain/portal/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import { appendCaseEvent, listCaseEvents } from '../../store/case-events.store.ts';
import { findCase, findCaseForUpdate, updateCase } from '../../store/cases.store.ts';
import { findFile, type FileRecord } from '../../store/files.store.ts';
import {
  findRating,
  findTrackedCase,
  findTrackingCode,
  insertRating,
  listReportsByPhone,
  type StoredRating,
} from '../../store/portal.store.ts';
import { findUnit } from '../../store/units.store.ts';
import { changesCommitted } from '../cases/changes.ts';
import type { Deps } from '../deps.ts';
import { PUBLIC_CLIENT } from '../intake/intake.ts';
import { blobPath } from '../files/files.ts';
import { listTopics } from './topics.ts';

/** A report followed by its tracking code: plain words only, nobody's personal data. */
export type ReportProgress = {
  readonly trackingCode: string;
  readonly caseNumber: string;
  readonly topic: { readonly code: string; readonly zh: string; readonly en: string } | null;
  readonly phase: Phase;
  readonly text: { readonly zh: string; readonly en: string };
  readonly unit: UnitName;
  readonly timeline: readonly TimelineEntry[];
  /** the handling unit's after photos, shown once the case is closed */
  readonly afterPhotoIds: readonly string[];
  readonly rating: StoredRating | null;
  readonly mayRate: boolean;
  readonly reportedAt: Date;
  readonly updatedAt: Date;
};

export type FollowError =
  | { readonly code: 'intake.not_found'; readonly details: { readonly trackingCode: string } }
  | { readonly code: 'file.not_found'; readonly details: { readonly fileId: string } }
  | { readonly code: 'portal.not_closed'; readonly details: { readonly phase: Phase } }
  | { readonly code: 'portal.already_rated' }
  | { readonly code: 'portal.phone_mismatch' };

const notFound = (trackingCode: string) =>
  err({ code: 'intake.not_found' as const, details: { trackingCode } });

/** The tracking code of a case opened by a public report (a replayed report answers it again). */
export async function trackingCodeOf(deps: Deps, caseId: string): Promise<string> {
  const code = await findTrackingCode(deps.db, caseId);
  if (code === null) throw new Error(`public case ${caseId} has no tracking code`);
  return code;
}

async function trackedCase(deps: Deps, trackingCode: string): Promise<Case | null> {
  const t = await findTrackedCase(deps.db, trackingCode.toUpperCase());
  return t ? findCase(deps.db, t.caseId, [t.districtCode]) : null;
}

async function unitNames(deps: Deps, ids: readonly string[]): Promise<Map<string, UnitName>> {
  const names = new Map<string, UnitName>();
  for (const id of new Set(ids)) {
    const u = await findUnit(deps.db, id);
    names.set(id, u ? { zh: u.nameZh, en: u.nameEn ?? u.nameZh } : null);
  }
  return names;
}

const topicOf = (topics: readonly Topic[], c: Case) => {
  const t = topics.find((x) => x.kind === c.kind && x.categoryCode === c.categoryCode);
  return t ? { code: t.code, zh: t.nameZh, en: t.nameEn } : null;
};

/**
 * The history as the public may see it: each status change, with the unit the case was with
 * (dispatch names it; a send-back or re-dispatch changes it), and the after photos of the last
 * feedback (处置反馈) that are attached to this case.
 */
async function historyOf(deps: Deps, c: Case) {
  const events = await listCaseEvents(deps.db, c.districtCode, c.id);
  let unitId: string | null = null;
  let afterPhotoIds: string[] = [];
  const steps: { at: Date; toStatus: Case['status']; unitId: string | null }[] = [];
  for (const e of events) {
    const p = e.payload;
    if (typeof p.unitId === 'string') unitId = p.unitId;
    if (e.toStatus === 'pending_dispatch') unitId = null;
    if (e.action === 'feedback' && Array.isArray(p.photoIds)) {
      afterPhotoIds = p.photoIds.filter((x): x is string => typeof x === 'string');
    }
    if (e.fromStatus !== e.toStatus) steps.push({ at: e.at, toStatus: e.toStatus, unitId });
  }
  const names = await unitNames(deps, [
    ...steps.flatMap((s) => (s.unitId ? [s.unitId] : [])),
    ...(c.mainUnitId ? [c.mainUnitId] : []),
  ]);
  const changes: StatusChange[] = steps.map((s) => ({
    at: s.at,
    toStatus: s.toStatus,
    unit: s.unitId ? (names.get(s.unitId) ?? null) : null,
  }));
  return { changes, afterPhotoIds, unit: c.mainUnitId ? (names.get(c.mainUnitId) ?? null) : null };
}

export async function followReport(
  deps: Deps,
  trackingCode: string,
): Promise<Result<ReportProgress, FollowError>> {
  const code = trackingCode.toUpperCase();
  const c = await trackedCase(deps, code);
  if (!c) return notFound(trackingCode);
  const h = await historyOf(deps, c);
  const phase = phaseOf(c.status);
  const closed = phase === 'closed';
  let afterPhotoIds: string[] = [];
  if (closed) {
    for (const id of h.afterPhotoIds) {
      const f = await findFile(deps.db, id);
      if (f?.caseId === c.id) afterPhotoIds.push(id);
    }
  }
  afterPhotoIds = [...new Set(afterPhotoIds)];
  return ok({
    trackingCode: code,
    caseNumber: c.caseNumber,
    topic: topicOf(await listTopics(deps), c),
    phase,
    text: phaseText(phase, h.unit),
    unit: phase === 'received' || phase === 'filed' ? null : h.unit,
    timeline: timelineOf(h.changes),
    afterPhotoIds,
    rating: await findRating(deps.db, code),
    mayRate: mayRate(c.status),
    reportedAt: c.createdAt,
    updatedAt: c.updatedAt,
  });
}

/**
 * An after photo of a closed case, for whoever holds its tracking code: only the photos its
 * follow view lists (the last feedback's, attached to this case), nothing else of the case.
 */
export async function openAfterPhoto(
  deps: Deps,
  trackingCode: string,
  fileId: string,
): Promise<Result<{ file: FileRecord; path: string }, FollowError>> {
  const progress = await followReport(deps, trackingCode);
  if (!progress.ok) return progress;
  const missing = err({ code: 'file.not_found' as const, details: { fileId } });
  if (!progress.value.afterPhotoIds.includes(fileId)) return missing;
  const f = await findFile(deps.db, fileId);
  return f ? ok({ file: f, path: blobPath(deps.dataDir, f.sha256) }) : missing;
}

/**
 * The reporter rates the result once, after the case is closed (满意 / 基本满意 / 不满意). When
 * the report gave a phone, the same phone must be given again: the tracking code alone, seen
 * over someone's shoulder, does not let a stranger rate.
 */
export async function rateReport(
  deps: Deps,
  trackingCode: string,
  input: { rating: Rating; comment?: string | undefined; phone?: string | undefined },
): Promise<Result<StoredRating, FollowError>> {
  const code = trackingCode.toUpperCase();
  const c = await trackedCase(deps, code);
  if (!c) return notFound(trackingCode);
  const phone = c.reporter.phone;
  if (phone !== undefined && phone !== null && phone !== '') {
    const given = (input.phone ?? '').replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '');
    if (given !== phone.replace(/[\s-]/g, '')) return err({ code: 'portal.phone_mismatch' });
  }
  if (!mayRate(c.status)) {
    return err({ code: 'portal.not_closed', details: { phase: phaseOf(c.status) } });
  }
  const rating: StoredRating = {
    rating: input.rating,
    comment: input.comment?.trim() || null,
    ratedAt: deps.clock.now(),
  };
  // One transaction: the rating row (which keeps it to once) and the case's satisfaction event.
  const r = await deps.db.transaction(async (tx): Promise<Result<StoredRating, FollowError>> => {
    const locked = await findCaseForUpdate(tx, c.id);
    if (!locked) return notFound(trackingCode);
    const t = applyAction(
      locked,
      {
        kind: 'rate_satisfaction',
        result: rating.rating,
        via: 'portal',
        ...(rating.comment ? { note: rating.comment } : {}),
      },
      {
        userId: clientActorId(PUBLIC_CLIENT.clientId),
        role: CLIENT_ROLE,
        districtCode: locked.districtCode,
        scope: locked.loopLevel === 'city' ? 'city' : 'district',
      },
      rating.ratedAt,
    );
    if (!t.ok)
      return err({ code: 'portal.not_closed', details: { phase: phaseOf(locked.status) } });
    const stored = await insertRating(tx, {
      ...rating,
      trackingCode: code,
      caseId: c.id,
      districtCode: c.districtCode,
    });
    if (!stored) return err({ code: 'portal.already_rated' });
    if (!(await updateCase(tx, t.value.case, locked.version, rating.ratedAt)))
      throw new Error(`case ${c.id} changed under a row lock`);
    await appendCaseEvent(tx, t.value.event, t.value.case);
    return ok(rating);
  });
  if (r.ok) changesCommitted(deps);
  return r;
}

/** One line of "my reports": plain words, as the follow view. */
export type MyReport = {
  readonly trackingCode: string;
  readonly caseNumber: string;
  readonly topic: { readonly code: string; readonly zh: string; readonly en: string } | null;
  readonly phase: Phase;
  readonly text: { readonly zh: string; readonly en: string };
  readonly reportedAt: Date;
  readonly updatedAt: Date;
};

/** The public reports that gave this phone (the reporter proved it with a one-time code). */
export async function listMyReports(deps: Deps, phone: string, limit = 50): Promise<MyReport[]> {
  const rows = await listReportsByPhone(deps.db, phone, limit);
  const topics = await listTopics(deps);
  const names = await unitNames(
    deps,
    rows.flatMap((r) => (r.mainUnitId ? [r.mainUnitId] : [])),
  );
  return rows.map((r) => {
    const phase = phaseOf(r.status);
    const t = topics.find((x) => x.kind === r.kind && x.categoryCode === r.categoryCode);
    return {
      trackingCode: r.trackingCode,
      caseNumber: r.caseNumber,
      topic: t ? { code: t.code, zh: t.nameZh, en: t.nameEn } : null,
      phase,
      text: phaseText(phase, r.mainUnitId ? (names.get(r.mainUnitId) ?? null) : null),
      reportedAt: r.reportedAt,
      updatedAt: r.updatedAt,
    };
  });
}

export type { StoredRating };
