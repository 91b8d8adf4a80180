import type { Db } from '../store/db.ts';

/** A clock the services read; tests inject a fixed one. */
export type Clock = { now(): Date };

export type Logger = {
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
};

/** Everything a use case needs from the outside world, passed explicitly (no DI container). */
export type Deps = {
  readonly db: Db;
  readonly clock: Clock;
  readonly newId: () => string;
  readonly log: Logger;
  readonly dataDir: string;
};

export const systemClock: Clock = { now: () => new Date() };
