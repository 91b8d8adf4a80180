import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Db } from './db.ts';

const DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;

export type MigrationReport = { applied: string[]; alreadyApplied: number };

/**
 * Applies migrations/NNNN_*.sql in order, each in its own transaction, and records it in
 * schema_migrations. Never probes tables to guess a version (STYLE.md §4.6).
 */
export async function migrate(db: Db): Promise<MigrationReport> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version text PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const files = (await readdir(DIR)).filter((f) => NAME.test(f)).sort();
  const done = new Set(
    (await db.query<{ version: string }>('SELECT version FROM schema_migrations')).rows.map(
      (r) => r.version,
    ),
  );
  const applied: string[] = [];
  for (const file of files) {
    const version = file.slice(0, 4);
    if (done.has(version)) continue;
    const sql = await readFile(DIR + file, 'utf8');
    await db.transaction(
      async (tx) => {
        // A second process migrating at the same time waits here, then finds the row and skips.
        await tx.query('SELECT pg_advisory_xact_lock(4711)');
        const again = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [
          version,
        ]);
        if (again.rows.length > 0) return;
        await tx.exec(sql);
        await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          version,
          file,
        ]);
        applied.push(file);
      },
      // Bulk timeouts: a migration may rewrite a large table, and a second copy waits for it.
      { bulk: true },
    );
  }
  return { applied, alreadyApplied: done.size };
}
