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
  /** The city's settings of the loop's rules (config.ts); absent: the domain's defaults. */
  readonly caseRules?: CaseRuleSettings | undefined;
};

/** Settings of the loop's rules a city may change (GRIDLOOP_MERGE_MAX_DISTANCE_M). */
export type CaseRuleSettings = {
  /** 合并: the farthest two reports of one problem may lie apart, in metres. */
  readonly mergeMaxDistanceM: number;
};

export const systemClock: Clock = { now: () => new Date() };
