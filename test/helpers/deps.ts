import type { Deps } from '../../src/services/deps.ts';
import type { Db } from '../../src/store/db.ts';
import { createRuntime } from '../../src/services/runtime.ts';

/**
 * Deps around a test database: a fixed clock (an instant, or a function read on every call),
 * a silent log and ids `id-1`, `id-2`, ... in the order they are asked for.
 */
export function testDeps(db: Db, now: Date | (() => Date)): Deps {
  const silent = () => undefined;
  let seq = 0;
  return {
    db,
    clock: { now: typeof now === 'function' ? now : () => now },
    newId: () => `id-${++seq}`,
    log: { info: silent, warn: silent, error: silent },
    dataDir: '/nonexistent',
    runtime: createRuntime(),
  };
}
