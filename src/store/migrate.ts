import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Db, Queryable } from './db.ts';
import { StoreFault } from './faults.ts';

const DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;

export type MigrationReport = { applied: string[]; alreadyApplied: number };

/**
 * Applies the pending migrations/NNNN_*.sql in order and records each in schema_migrations,
 * all in one transaction and one exec (a fresh database's ~30 files: one round trip and one
 * commit instead of four round trips and a commit each). Forward-only files compose: each runs after the ones before it, as
 * it would in a transaction of its own; if one fails, none is applied and the error names it.
 * Never probes tables to guess a version (STYLE.md §4.6).
 */
export async function migrate(db: Db): Promise<MigrationReport> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const files = (await readdir(DIR)).filter((f) => NAME.test(f)).sort();
  const recorded = async (q: Queryable) =>
    new Set(
      (await q.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map(
        (r) => r.version,
      ),
    );
  const done = await recorded(db);
  if (files.every((f) => done.has(f.slice(0, 4))))
    return { applied: [], alreadyApplied: done.size };
  const sources = new Map(
    await Promise.all(
      files
        .filter((f) => !done.has(f.slice(0, 4)))
        .map(async (f) => [f, await readFile(DIR + f, 'utf8')] as const),
    ),
  );
  const applied = await db.transaction(
    async (tx) => {
      // A second process migrating at the same time waits here, then skips what it applied.
      await tx.query('SELECT pg_advisory_xact_lock(4711)');
      const now = await recorded(tx);
      const pending = [...sources.keys()].filter((f) => !now.has(f.slice(0, 4)));
      if (pending.length === 0) return [];
      try {
        await tx.exec(
          pending
            .map(
              (f) =>
                `${sources.get(f) ?? ''}\n;\nINSERT INTO schema_migrations (version, name) ` +
                `VALUES ('${f.slice(0, 4)}', '${f}');`,
            )
            .join('\n'),
        );
      } catch (e) {
        // One exec: say which files it held (the database's message names the statement).
        if (e instanceof StoreFault) throw e;
        throw new Error(`migrations ${pending.join(', ')} failed: ${String(e)}`, { cause: e });
      }
      return pending;
    },
    // Bulk timeouts: a migration may rewrite a large table, and a second copy waits for it.
    { bulk: true },
  );
  return { applied, alreadyApplied: done.size };
}
