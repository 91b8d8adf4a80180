import { randomUUID } from 'node:crypto';
import type { Deps } from '../../src/services/deps.ts';
import {
  loadDemoCity,
  type DemoLoadInput,
  type DemoLoadReport,
} from '../../src/services/demo/load-demo.ts';
import type { Db } from '../../src/store/db.ts';
import { testDeps } from './deps.ts';

/** A fixed clock, a silent log and random UUIDs around a test database. */
export function demoDeps(db: Db): Deps {
  return { ...testDeps(db, new Date('2026-03-02T01:00:00Z')), newId: randomUUID };
}

/**
 * Loads the default demo city (seed 1, 1,272 grids, 330 communities, units, staff, storefronts,
 * every demo login with password DEMO_PASSWORD) with only 2,000 components, for tests that need
 * a real city. Throws if the database already holds one.
 */
export async function loadSmallDemo(
  db: Db,
  overrides: DemoLoadInput = {},
): Promise<DemoLoadReport> {
  const r = await loadDemoCity(demoDeps(db), { seed: 1, components: 2000, ...overrides });
  if (!r.ok) throw new Error(`demo city not loaded: ${JSON.stringify(r.error)}`);
  return r.value;
}
