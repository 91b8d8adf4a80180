import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Each `vitest run` migrates its own template (named after the run's process id, handed to the
 * test workers through the environment), so concurrent runs never share one.
 */
export function templateNames(): { pgliteFile: string; pgDatabase: string } {
  const run = process.env.GRIDLOOP_TEST_RUN ?? String(process.pid);
  return {
    pgliteFile: join(tmpdir(), `gridloop-test-template-${run}.tar`),
    pgDatabase: `gridloop_test_template_${run}`,
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
