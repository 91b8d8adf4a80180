import type { Db } from './db.ts';

/**
 * A Db to hand out while the database is still opening: every call waits for `opening`, then
 * goes to the opened Db (a failed opening fails every call). Start-up builds the HTTP app while
 * PGlite opens (its file reads and WebAssembly compilation run off the main thread).
 */
export function whenOpen(kind: Db['kind'], opening: Promise<Db>): Db {
  // Rejections are answered to the callers; an opening nobody awaited yet is not "unhandled".
  opening.catch(() => undefined);
  return {
    kind,
    query: async (sql, params) => (await opening).query(sql, params),
    exec: async (sql) => (await opening).exec(sql),
    transaction: async (fn, opts) => (await opening).transaction(fn, opts),
    listen: async (channel, onNotify) => (await opening).listen(channel, onNotify),
    close: async () => (await opening).close(),
  };
}
