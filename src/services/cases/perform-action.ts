import type { Principal } from '../../domain/access/index.ts';
import {
  ACTIONS,
  applyAction,
  type Case,
  type CaseAction,
  type CaseActionKind,
  type CaseEvent,
  type DeadlineInput,
} from '../../domain/cases/index.ts';
import { assertNever, err, ok, type Result } from '../../domain/shared/index.ts';
import { appendCaseEvents } from '../../store/case-events.store.ts';
import { findCaseForUpdate, updateCase } from '../../store/cases.store.ts';
import { attachFilesToCases } from '../../store/files.store.ts';
import type { Queryable } from '../../store/db.ts';
import { findUnitFacts } from '../../store/units.store.ts';
import type { Deps } from '../deps.ts';
import { planRuleDispatch, ruleChoosing } from '../dispatch/auto-dispatch.ts';
import { referenceReadsFor } from '../reference/reference-reads.ts';
import { actorOf, capabilityOf, mayAttempt, mayRead } from './actor.ts';
import type { CaseCommand } from './commands.ts';
import { changesCommitted } from './changes.ts';
import type { CaseServiceError } from './errors.ts';
import {
  centreStepDeadline,
  deadlineContext,
  extendedDeadline,
  handlingDeadline,
  maxRequestedDue,
  resumedDeadline,
  type DeadlineContext,
} from './step-deadlines.ts';

export type PerformCaseActionInput = {
  readonly caseId: string;
  readonly action: CaseCommand;
  readonly principal: Principal;
  /** The version the caller saw; a different current version answers case.version_conflict. */
  readonly expectedVersion?: number | undefined;
};

export type PerformedAction = { readonly case: Case; readonly events: readonly CaseEvent[] };

/**
 * The deadline of the step an action starts, as its declaration says: a centre step from the
 * district's step limits, handling from the catalogue (a rework keeps approved extensions).
 */
async function startedDeadline(
  ctx: DeadlineContext,
  c: Case,
  kind: CaseActionKind,
): Promise<Result<DeadlineInput | undefined, CaseServiceError>> {
  const step = ACTIONS[kind].startsStep;
  if (step === undefined) return ok(undefined);
  if (step === 'handle') return handlingDeadline(ctx, c, kind === 'rework');
  return ok(await centreStepDeadline(ctx, step));
}

/** The deadline an action's declaration promises; its absence is a bug in the declaration. */
function started(kind: CaseActionKind, d: DeadlineInput | undefined): DeadlineInput {
  if (d === undefined) throw new Error(`action ${kind} declares no step, but needs a deadline`);
  return d;
}

/** The domain action for a command: the deadline it starts and the units it names. */
async function toAction(
  ctx: DeadlineContext,
  c: Case,
  cmd: CaseCommand,
): Promise<Result<CaseAction, CaseServiceError>> {
  const units = (ids: readonly string[]) => findUnitFacts(ctx.ref.tx, ids);
  const d = await startedDeadline(ctx, c, cmd.kind);
  if (!d.ok) return d;
  const deadline = d.value;
  switch (cmd.kind) {
    case 'verify':
    case 'file':
    case 'send_back':
    case 'reopen':
    case 'feedback':
    case 'recheck_pass':
      return ok({ ...cmd, ...(deadline ? { deadline } : {}) });
    case 'dispatch':
    case 'redispatch': {
      // 以案定责: record the rule behind the dispatcher's choice when the caller did not say.
      const ruleId =
        cmd.ruleId !== undefined ? cmd.ruleId : await ruleChoosing(ctx.ref, c, cmd.unitId);
      const assisting = cmd.kind === 'dispatch' ? (cmd.assistingUnitIds ?? []) : [];
      const facts = await units([cmd.unitId, ...assisting]);
      return ok({ ...cmd, ruleId, deadline: started(cmd.kind, deadline), units: facts });
    }
    case 'handle_first':
      return ok({
        ...cmd,
        deadline: started(cmd.kind, deadline),
        units: await units([cmd.unitId]),
      });
    case 'rework':
      return ok({ ...cmd, deadline: started(cmd.kind, deadline) });
    case 'add_assisting_units':
      return ok({ ...cmd, units: await units(cmd.unitIds) });
    case 'settle_responsibility':
      return ok({ ...cmd, units: await units([cmd.unitId]) });
    case 'request_extension': {
      if (cmd.requestedDueAt === undefined) return ok(cmd);
      const cap = await maxRequestedDue(ctx, c);
      if (!cap.ok) return cap;
      return ok({ ...cmd, ...(cap.value !== undefined ? { maxDueAt: cap.value } : {}) });
    }
    case 'approve_extension': {
      const e = await extendedDeadline(ctx, c, cmd.extra);
      if (!e.ok) return e;
      return ok({
        kind: 'approve_extension',
        deadline: e.value,
        ...(cmd.note !== undefined ? { note: cmd.note } : {}),
      });
    }
    case 'resume': {
      const r = await resumedDeadline(ctx, c);
      return r.ok ? ok({ ...cmd, ...r.value }) : r;
    }
    case 'merge':
      // mergeCase reads the target and fills in its number and facts; it never comes here.
      throw new Error('merge is performed by mergeCase');
    case 'refuse_filing':
    case 'accept':
    case 'close':
    case 'evaluate':
    case 'reject_extension':
    case 'request_hold':
    case 'approve_hold':
    case 'reject_hold':
    case 'request_cancel':
    case 'approve_cancel':
    case 'reject_cancel':
    case 'urge':
    case 'assist_feedback':
    case 'spot_check_pass':
      return ok(cmd);
    default:
      return assertNever(cmd);
  }
}

async function save(tx: Queryable, before: Case, after: Case, now: Date): Promise<void> {
  // The row is locked FOR UPDATE, so a miss here is a bug, not a race: roll back.
  if (!(await updateCase(tx, after, before.version, now))) {
    throw new Error(`case ${before.id} changed under a row lock`);
  }
}

/** Loads a case for writing, answering not_found for cases outside the principal's scope. */
async function loadForWrite(
  tx: Queryable,
  principal: Principal,
  caseId: string,
): Promise<Result<Case, CaseServiceError>> {
  const c = await findCaseForUpdate(tx, caseId);
  // Outside the caller's region a case does not exist for them (no leak across districts).
  if (!c || !mayRead(principal, c)) return err({ code: 'case.not_found', details: { caseId } });
  return ok(c);
}

/**
 * 合并: the duplicate becomes `merged` and the target links its reporter, both in this
 * transaction. The rows are locked in id order so two crossing merges cannot deadlock.
 */
async function mergeCase(
  tx: Queryable,
  input: PerformCaseActionInput & { action: { kind: 'merge'; targetCaseId: string } },
  now: Date,
  maxDistanceM: number | undefined,
): Promise<Result<PerformedAction, CaseServiceError>> {
  const { principal, caseId } = input;
  const targetId = input.action.targetCaseId;
  const [first, second] = caseId < targetId ? [caseId, targetId] : [targetId, caseId];
  const a = await loadForWrite(tx, principal, first);
  const b = first === second ? a : await loadForWrite(tx, principal, second);
  const source = caseId === first ? a : b;
  if (!source.ok) return source;
  const target = caseId === first ? b : a;
  if (!target.ok)
    return err({ code: 'case.merge_target_not_found', details: { targetCaseId: targetId } });
  const actor = actorOf(principal);
  const merged = applyAction(
    source.value,
    {
      kind: 'merge',
      targetCaseId: targetId,
      targetCaseNumber: target.value.caseNumber,
      target: target.value,
      ...(maxDistanceM !== undefined ? { maxDistanceM } : {}),
    },
    actor,
    now,
    input.expectedVersion,
  );
  if (!merged.ok) return withCurrent(merged.error, source.value);
  const absorbed = applyAction(
    target.value,
    {
      kind: 'absorb_duplicate',
      sourceCaseId: source.value.id,
      sourceCaseNumber: source.value.caseNumber,
      source: source.value.source,
      reporter: source.value.reporter,
    },
    actor,
    now,
  );
  if (!absorbed.ok) return absorbed;
  await save(tx, source.value, merged.value.case, now);
  await save(tx, target.value, absorbed.value.case, now);
  // Last: the events' statement takes the outbox ordering lock (held until the commit).
  const events = await appendCaseEvents(tx, [merged.value.event, absorbed.value.event], {
    after: [merged.value.case, absorbed.value.case],
  });
  return ok({ case: merged.value.case, events });
}

const PHOTO_FIELDS = ['photoIds', 'beforePhotoIds', 'afterPhotoIds'] as const;

/** The file ids an action names (feedback, verification, re-check photos ...). */
function photoIdsOf(cmd: CaseCommand): string[] {
  const fields = cmd as Partial<Record<(typeof PHOTO_FIELDS)[number], unknown>>;
  return PHOTO_FIELDS.flatMap((k) => {
    const v = fields[k];
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  });
}

const withCurrent = (e: CaseServiceError, current: Case): Result<never, CaseServiceError> =>
  err(e.code === 'case.version_conflict' ? { ...e, details: { ...e.details, current } } : e);

/**
 * The one generic workflow use case: locks the case, computes the deadline the action starts
 * (catalogue × calendar, step limits), applies the transition table, saves the projection with
 * its version check and appends the event, in one transaction. Nothing is written on any refusal.
 */
export async function performCaseAction(
  deps: Deps,
  input: PerformCaseActionInput,
): Promise<Result<PerformedAction, CaseServiceError>> {
  const { principal, action } = input;
  if (!mayAttempt(principal, action.kind)) {
    return err({
      code: 'auth.forbidden',
      details: { reason: 'role', capability: capabilityOf(action.kind) },
    });
  }
  const now = deps.clock.now();
  const r = await deps.db.transaction(
    async (tx): Promise<Result<PerformedAction, CaseServiceError>> => {
      if (action.kind === 'merge')
        return mergeCase(tx, { ...input, action }, now, deps.caseRules?.mergeMaxDistanceM);
      const loaded = await loadForWrite(tx, principal, input.caseId);
      if (!loaded.ok) return loaded;
      const current = loaded.value;
      const ref = await referenceReadsFor(deps, tx);
      const ctx = deadlineContext(ref, current.districtCode, now);
      const domainAction = await toAction(ctx, current, action);
      if (!domainAction.ok) return domainAction;
      const t = applyAction(
        current,
        domainAction.value,
        actorOf(principal),
        now,
        input.expectedVersion,
      );
      if (!t.ok) return withCurrent(t.error, current);
      // A filed case whose dispatch rule says autoDispatch is dispatched in this transaction.
      const auto = action.kind === 'file' ? await planRuleDispatch(ref, t.value.case, now) : null;
      const next = auto?.case ?? t.value.case;
      await save(tx, current, next, now);
      // Files the caller uploaded and names here are attached to the case (services/files reads
      // them through it); a foreign or already attached id attaches nothing.
      const photos = photoIdsOf(action);
      if (photos.length > 0) {
        await attachFilesToCases(tx, [
          { caseId: next.id, fileIds: photos, uploadedBy: principal.userId },
        ]);
      }
      // Last, in one statement with their outbox rows: it takes the outbox ordering lock, held
      // until the commit, so nothing may wait for a row lock after it.
      const events = await appendCaseEvents(tx, [t.value.event, ...(auto?.events ?? [])], {
        after: [next],
      });
      return ok({ case: next, events });
    },
  );
  if (r.ok) changesCommitted(deps);
  return r;
}
