/**
 * Faults of the database or the disk, told apart from errors in the data or in the code. Both
 * database drivers (postgres.ts, pglite.ts) and the file store pass every error they raise
 * through `asStoreFault`, so the rest of the service sees one typed error per kind of fault, and
 * the HTTP edge answers each with its own code and status instead of 500 `internal`:
 *
 * - `db.unavailable`: no connection (refused, reset, terminated by the server, the server is
 *   shutting down or starting, too many connections, the connect timeout ran out). The same
 *   request succeeds once the database is back.
 * - `db.timeout`: the statement timeout ran out (SQLSTATE 57014 query_canceled).
 * - `db.lock_timeout`: a lock was not granted within the lock timeout (55P03 lock_not_available):
 *   another transaction holds what the request needs. Nothing in the request is wrong, so it is
 *   not a 409 (a conflict the client must resolve); the same request succeeds once the holder
 *   commits.
 * - `storage.full`: the disk or a quota is full (ENOSPC, EDQUOT, SQLSTATE 53100 disk_full).
 *
 * Errors in the data (class 22, 23, ...) and bugs are not faults and pass unchanged.
 */
export type StoreFaultCode = 'db.unavailable' | 'db.timeout' | 'db.lock_timeout' | 'storage.full';

export class StoreFault extends Error {
  override readonly name = 'StoreFault';
  constructor(
    readonly fault: StoreFaultCode,
    /** the SQLSTATE or errno of the underlying error, kept so callers that test `code` still can */
    readonly code: string | undefined,
    cause: unknown,
  ) {
    super(`${fault}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

const UNAVAILABLE_SQLSTATE = new Set([
  '57P01', // admin_shutdown (pg_terminate_backend, smart/fast shutdown)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down, recovery)
  '57P05', // idle_session_timeout
  '53300', // too_many_connections
  '25P03', // idle_in_transaction_session_timeout
]);

const UNAVAILABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

// Messages of node-postgres and pg-pool that carry no code.
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|Client was closed|Connection ended|Query read timeout|PGlite is closed/i;

/** The fault kind of an error, or null when it is not a fault of the database or the disk. */
export function faultOf(e: unknown): StoreFaultCode | null {
  if (e instanceof StoreFault) return e.fault;
  if (typeof e !== 'object' || e === null) return null;
  const { code, message } = e as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (code === '57014') return 'db.timeout';
    if (code === '55P03') return 'db.lock_timeout';
    if (code === '53100' || code === 'ENOSPC' || code === 'EDQUOT') return 'storage.full';
    if (code.startsWith('08') || UNAVAILABLE_SQLSTATE.has(code) || UNAVAILABLE_ERRNO.has(code))
      return 'db.unavailable';
    // Any other SQLSTATE is the database judging the statement or the data: not a fault.
    if (/^[0-9A-Z]{5}$/.test(code)) return null;
  }
  if (typeof message === 'string' && UNAVAILABLE_MESSAGE.test(message)) return 'db.unavailable';
  // A driver wraps the socket's error (AggregateError of several addresses).
  const inner = (e as { errors?: unknown }).errors;
  if (Array.isArray(inner) && inner.length > 0 && inner.every((x) => faultOf(x) !== null))
    return faultOf(inner[0]);
  return null;
}

/** The error as a StoreFault when it is one, otherwise unchanged (rethrow the result). */
export function asStoreFault(e: unknown): unknown {
  if (e instanceof StoreFault) return e;
  const fault = faultOf(e);
  if (fault === null) return e;
  const code = (e as { code?: unknown }).code;
  return new StoreFault(fault, typeof code === 'string' ? code : undefined, e);
}
