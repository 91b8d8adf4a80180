import { err, ok, type Result } from '../../domain/shared/index.ts';

/**
 * Opaque keyset cursors of the administration lists (users by username, the audit log by id
 * descending), shaped like the case list's: base64url of `<list>|<last key>`. A cursor of
 * another list, or bytes this server never handed out, is refused as `request.bad_cursor`.
 */
export type CursorError = {
  readonly code: 'request.bad_cursor';
  readonly details: { readonly reason: string };
};

const CURSOR = /^[A-Za-z0-9_-]{1,400}$/;

export function encodeListCursor(list: string, key: string): string {
  return Buffer.from(`${list}|${key}`, 'utf8').toString('base64url');
}

/** The last key a cursor of `list` carries, checked by `validKey`. */
export function decodeListCursor(
  list: string,
  cursor: string,
  validKey: (key: string) => boolean,
): Result<string, CursorError> {
  const bad = (reason: string) => err({ code: 'request.bad_cursor' as const, details: { reason } });
  if (!CURSOR.test(cursor)) return bad('not a cursor of this list');
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const bar = text.indexOf('|');
  if (bar < 0) return bad('not a cursor of this list');
  if (text.slice(0, bar) !== list) return bad('the cursor belongs to another list');
  const key = text.slice(bar + 1);
  return validKey(key) ? ok(key) : bad('not a cursor of this list');
}

/** A page of `limit` items from `limit + 1` rows read, with the cursor after its last item. */
export function pageOf<T>(
  rows: readonly T[],
  limit: number,
  cursorOf: (last: T) => string,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}
