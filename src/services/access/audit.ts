import {
  completeAuditEntries,
  insertAuditEntries,
  type AuditCompletion,
  listAuditEntries,
  type AuditEntry,
  type AuditFilter,
  type StoredAuditEntry,
} from '../../store/audit.store.ts';
import { userInfo } from 'node:os';
import { ok, type Result } from '../../domain/shared/index.ts';
import { decodeListCursor, encodeListCursor, pageOf, type CursorError } from './paging.ts';
import type { Db } from '../../store/db.ts';
import type { Deps } from '../deps.ts';
import { GroupCommit } from '../group-commit.ts';
import { runtimeKey } from '../runtime.ts';

export type { AuditCompletion, AuditEntry, StoredAuditEntry };

/** Entries in one INSERT: 200 × 12 columns stays far below PostgreSQL's bind parameter limit. */
const AUDIT_MAX_BATCH = 200;

/**
 * Writes one batch in one statement. When the database refuses the batch, each entry is tried
 * alone, in order, so one bad entry costs only its own row and not those of the requests that
 * happened to share its batch.
 */
async function writeAuditBatch(
  db: Db,
  entries: readonly AuditEntry[],
): Promise<(undefined | Error)[]> {
  try {
    await insertAuditEntries(db, entries);
    return entries.map(() => undefined);
  } catch (batchError) {
    if (entries.length === 1) return [asError(batchError)];
    const answers: (undefined | Error)[] = [];
    for (const e of entries) {
      try {
        await insertAuditEntries(db, [e]);
        answers.push(undefined);
      } catch (err) {
        answers.push(asError(err));
      }
    }
    return answers;
  }
}

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

// One queue per service copy (its Runtime, which serves one database). One batch at a time
// keeps ids in submit order.
const AUDIT_QUEUE = runtimeKey(
  'access.audit-queue',
  ({ db }) =>
    new GroupCommit<AuditEntry, undefined>((entries) => writeAuditBatch(db, entries), {
      maxBatch: AUDIT_MAX_BATCH,
    }),
);

const AUDIT_COMPLETIONS = runtimeKey(
  'access.audit-completions',
  ({ db }) =>
    new GroupCommit<AuditCompletion, undefined>(
      async (done) => {
        const missing = new Set(await completeAuditEntries(db, done));
        return done.map((d) =>
          missing.has(d.entryKey)
            ? new Error(`audit entry ${d.entryKey} is not begun (absent or already completed)`)
            : undefined,
        );
      },
      { maxBatch: AUDIT_MAX_BATCH },
    ),
);

/**
 * Appends one entry to the audit log; resolves once it is committed. Concurrent requests share
 * one INSERT (one commit) instead of one each. An entry with an `entryKey` and status null is
 * begun: a write request appends it before it changes anything (and is refused when that
 * fails), and completes it with `completeAudit` once it has answered.
 */
export async function recordAudit(deps: Deps, entry: AuditEntry): Promise<void> {
  await deps.runtime.get(AUDIT_QUEUE, deps).submit(entry);
}

/** Completes a begun entry with the request's status and entity (batched like recordAudit). */
export async function completeAudit(deps: Deps, done: AuditCompletion): Promise<void> {
  await deps.runtime.get(AUDIT_COMPLETIONS, deps).submit(done);
}

/**
 * One keyset page of audit entries, newest first (at most 500), narrowed by the filter:
 * `cursor` is the `nextCursor` of the previous page (null on the last page).
 */
export async function listAudit(
  deps: Deps,
  filter: Omit<AuditFilter, 'limit' | 'beforeId'> & {
    limit?: number | undefined;
    cursor?: string | undefined;
  },
): Promise<Result<{ items: StoredAuditEntry[]; nextCursor: string | null }, CursorError>> {
  const { cursor, ...rest } = filter;
  let beforeId: string | undefined;
  if (cursor !== undefined) {
    const c = decodeListCursor('a', cursor, (k) => /^[1-9][0-9]{0,17}$/.test(k));
    if (!c.ok) return c;
    beforeId = c.value;
  }
  const limit = Math.min(filter.limit ?? 100, 500);
  const rows = await listAuditEntries(deps.db, { ...rest, limit: limit + 1, beforeId });
  return ok(pageOf(rows, limit, (e) => encodeListCursor('a', e.id)));
}

/**
 * A write made from the command line (`gridloop user add`, `gridloop import ...`), which no HTTP
 * hook sees: method `CLI`, the command as the route, the operating-system user as the actor and
 * the exit code as the status (0 done, 1 refused). Recorded before the command reports back.
 */
export async function recordCommandAudit(
  deps: Deps,
  input: {
    readonly command: string;
    readonly entity: string;
    readonly entityId: string | null;
    readonly exitCode: number;
    readonly payload: Record<string, unknown>;
  },
): Promise<void> {
  let osUser = 'unknown';
  try {
    osUser = userInfo().username;
  } catch {
    // No passwd entry for the uid (containers): the entry still names the command.
  }
  await recordAudit(deps, {
    at: deps.clock.now(),
    userId: `cli:${osUser}`,
    role: null,
    districtCode: null,
    method: 'CLI',
    route: input.command,
    entity: input.entity,
    entityId: input.entityId,
    status: input.exitCode,
    requestId: deps.newId(),
    ip: null,
    payload: input.payload,
  });
}
