import { tmpdir } from 'node:os';
import { systemClock, type Clock, type Deps } from '../src/services/deps.ts';
import type { Db } from '../src/store/db.ts';

const silent = () => undefined;

/** Deps for a benchmark's own set-up: a silent log, random ids, the system clock unless given. */
export function benchDeps(db: Db, clock: Clock = systemClock): Deps {
  return {
    db,
    clock,
    newId: () => crypto.randomUUID(),
    log: { info: silent, warn: silent, error: silent },
    dataDir: tmpdir(),
  };
}
