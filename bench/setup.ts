import { randomBytes } from 'node:crypto';
import { cpus, loadavg, tmpdir } from 'node:os';
import pg from 'pg';
import { systemClock, type Clock, type Deps } from '../src/services/deps.ts';
import type { Db } from '../src/store/db.ts';
import { loadDemoCity } from '../src/services/demo/load-demo.ts';
import { syncReferenceData } from '../src/services/reference/sync-reference-data.ts';
import { createRuntime } from '../src/services/runtime.ts';
import { migrate } from '../src/store/migrate.ts';
import { openPostgres } from '../src/store/postgres.ts';

/** What the benchmarks share for their set-up: deps, scratch databases, the machine line. */

const silent = () => undefined;

/** Deps for a benchmark's own set-up: a silent log, random ids, the system clock unless given. */
export function benchDeps(db: Db, clock: Clock = systemClock): Deps {
  return {
    db,
    clock,
    newId: () => crypto.randomUUID(),
    log: { info: silent, warn: silent, error: silent },
    dataDir: tmpdir(),
    runtime: createRuntime(),
  };
}

async function admin(adminUrl: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** The benchmarks' city on an empty PostgreSQL database: migrated, reference data, demo city seed 1. */
export async function loadBenchCity(url: string): Promise<void> {
  const db = openPostgres(url, 4);
  try {
    await migrate(db);
    const deps = benchDeps(db);
    await syncReferenceData(deps);
    const demo = await loadDemoCity(deps, { seed: 1, components: 200 });
    if (!demo.ok) throw new Error(JSON.stringify(demo.error));
  } finally {
    await db.close();
  }
}

/**
 * A new, empty database on the server `adminUrl` points at; `drop` removes it, closing whatever
 * connections are still open on it.
 */
export async function scratchDatabase(
  adminUrl: string,
  prefix: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await admin(adminUrl, `CREATE DATABASE ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: () => admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** `cores 2, load average …`: printed first, so a figure can be read against the machine's load. */
export function machineLine(): string {
  return `cores ${cpus().length}, load average ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`;
}
