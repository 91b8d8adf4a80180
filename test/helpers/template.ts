import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the migrated PGlite template lives for one `vitest run`. */
export const PGLITE_TEMPLATE = join(
  tmpdir(),
  `gridloop-test-template-${process.getuid?.() ?? 0}.tar`,
);
/** The migrated PostgreSQL template database (when TEST_DATABASE_URL is set). */
export const PG_TEMPLATE_DB = 'gridloop_test_template';

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
