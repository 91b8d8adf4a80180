import type { Deps } from '../deps.ts';
import { faultOf } from '../faults.ts';
import { pingDb, probeCaseWriteLocks } from '../../store/health.store.ts';

/** One check's outcome: 'ok', or the kind of fault (a StoreFault code), or 'error'. */
export type CheckOutcome = 'ok' | 'timeout' | 'error' | NonNullable<ReturnType<typeof faultOf>>;

export type Health = {
  ok: boolean;
  db: string;
  version: string;
  /** database: the database answers a query; caseWrites: no lock stands in the way of writes */
  checks: { database: CheckOutcome; caseWrites: CheckOutcome };
  /** the names of the checks that failed */
  failed: string[];
};

/**
 * How long the health check waits for each probe before calling it failed: longer than a
 * background batch (demo components) holds the embedded database.
 */
export const HEALTH_PROBE_TIMEOUT_MS = 5_000;

async function probe(run: () => Promise<void>): Promise<CheckOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<CheckOutcome>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), HEALTH_PROBE_TIMEOUT_MS);
  });
  const done = run().then(
    (): CheckOutcome => 'ok',
    (e: unknown): CheckOutcome => faultOf(e) ?? 'error',
  );
  try {
    return await Promise.race([done, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Liveness and readiness in one (GET /healthz): the service is healthy when the database
 * answers a query and the case tables can be written without waiting for a lock. Each probe
 * is bounded (HEALTH_PROBE_TIMEOUT_MS), so a database that hangs makes the check fail rather
 * than wait. The embedded database (PGlite) is one session, which no other session can lock
 * out: there the lock probe does not apply and caseWrites is the database check.
 */
export async function checkHealth(deps: Deps): Promise<Health> {
  const database = await probe(() => pingDb(deps.db));
  const caseWrites =
    database === 'ok' && deps.db.kind === 'postgres'
      ? await probe(() => probeCaseWriteLocks(deps.db))
      : database;
  const checks = { database, caseWrites };
  const failed = Object.entries(checks)
    .filter(([, v]) => v !== 'ok')
    .map(([k]) => k);
  return { ok: failed.length === 0, db: deps.db.kind, version: '0.1.0', checks, failed };
}
