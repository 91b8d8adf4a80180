import type { Db } from '../store/db.ts';
import type { Logger } from './logger.ts';
import type { Runtime } from './runtime.ts';

/** A clock the services read; tests inject a fixed one. */
export type Clock = { now(): Date };

export type { Logger } from './logger.ts';

/** Everything a use case needs from the outside world, passed explicitly (no DI container). */
export type Deps = {
  readonly db: Db;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly log: Logger;
  readonly dataDir: string;
  /** This app instance's in-memory state (caches, locate index, stream feed, rate limits). */
  readonly runtime: Runtime;
};

export const systemClock: Clock = { now: () => new Date() };
