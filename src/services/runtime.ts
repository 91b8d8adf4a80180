import type { Db } from '../store/db.ts';
import type { Logger } from './logger.ts';

/** What a runtime's state is made for: the instance's database and log (a subset of its Deps). */
export type RuntimeOwner = { readonly db: Db; readonly log: Logger };

/**
 * What one copy of the service keeps in memory (DESIGN.md, "Runtime"): the locate index, caches
 * of reference data, group-commit queues, the case-change feed of the queue streams, rate
 * limits. It hangs off one object created with the Deps of an app instance, never off module
 * globals, so two instances in one process (tests, or a worker beside the web copy) share
 * nothing but the database, exactly as two processes would. What one copy must tell the others
 * goes through the database (the case outbox, the spatial and reference revisions).
 *
 * Each service module declares the state it keeps as a key (`runtimeKey`) and reads it with
 * `deps.runtime.get(KEY, deps)`: the value is made on first use, once per runtime, so this
 * file need not know every module (no import cycles) and a module's state stays private to it.
 */
export type RuntimeKey<T> = {
  /** for error messages and metrics */
  readonly name: string;
  /** Makes the state for this runtime; `onClose` registers what `Runtime.close` must stop. */
  readonly create: (owner: RuntimeOwner, onClose: (stop: () => void | Promise<void>) => void) => T;
};

/** Declares a kind of per-instance state (see Runtime). */
export function runtimeKey<T>(name: string, create: RuntimeKey<T>['create']): RuntimeKey<T> {
  return { name, create };
}

export class Runtime {
  private readonly values = new Map<RuntimeKey<unknown>, unknown>();
  private readonly stops: (() => void | Promise<void>)[] = [];
  private db: Db | null = null;
  private closed = false;

  /**
   * This instance's state for the key, made on first use. A runtime serves one database: state
   * such as a group-commit queue is bound to the Db it was made for, so a second Db is refused
   * (make Deps with a runtime of its own instead).
   */
  get<T>(key: RuntimeKey<T>, owner: RuntimeOwner): T {
    if (this.db === null) this.db = owner.db;
    else if (this.db !== owner.db) {
      throw new Error(`runtime used with a second database (${key.name}): create a Runtime per Db`);
    }
    if (this.values.has(key)) return this.values.get(key) as T;
    if (this.closed) throw new Error(`runtime closed (${key.name})`);
    const value = key.create(owner, (stop) => this.stops.push(stop));
    this.values.set(key, value);
    return value;
  }

  /** True once the key's state was made (metrics read state without making it). */
  has(key: RuntimeKey<unknown>): boolean {
    return this.values.has(key);
  }

  /** Stops what the state started (feeds, listeners, timers), newest first; idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const stop of this.stops.splice(0).reverse()) {
      try {
        await stop();
      } catch {
        // Closing goes on: one state's failure to stop must not keep the others running.
      }
    }
  }
}

/** A fresh runtime for one app instance (created where its Deps are). */
export function createRuntime(): Runtime {
  return new Runtime();
}
