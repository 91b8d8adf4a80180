import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './api/build-app.ts';
import { rollupIntervalFromEnv, startAssessmentRollup } from './jobs/assessment-rollup.ts';
import { startDeadlineSweep, sweepIntervalFromEnv } from './jobs/deadline-sweep.ts';
import type { Config } from './config.ts';
import { systemClock, type Deps, type Logger } from './services/deps.ts';
import type { Db } from './store/db.ts';
import { migrate } from './store/migrate.ts';
import { syncReferenceData } from './services/reference/sync-reference-data.ts';
import { openDb } from './store/open.ts';
import { createRuntime } from './services/runtime.ts';
import { whenOpen } from './store/when-open.ts';

/** Opens the configured database, migrates it and loads the shipped reference data. */
export async function openRuntime(config: Config, log: Logger): Promise<Deps> {
  const { deps, ready } = beginRuntime(config, log);
  await ready;
  return deps;
}

/**
 * Starts opening the runtime and hands out its Deps at once; `ready` settles once the database
 * is open, migrated and holds the shipped reference data. The HTTP app can be built meanwhile
 * (start, serve): opening PGlite waits mostly on file reads and WebAssembly compilation.
 */
export function beginRuntime(config: Config, log: Logger): { deps: Deps; ready: Promise<void> } {
  mkdirSync(config.dataDir, { recursive: true });
  const opening = openDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    dbTimeouts: config.dbTimeouts,
  });
  const db: Db = whenOpen(config.databaseUrl ? 'postgres' : 'pglite', opening);
  const deps: Deps = {
    db,
    clock: systemClock,
    newId: randomUUID,
    log,
    dataDir: config.dataDir,
    runtime: createRuntime(),
    caseRules: config.caseRules,
  };
  const ready = (async () => {
    const report = await migrate(db);
    if (report.applied.length > 0) log.info({ applied: report.applied }, 'migrations applied');
    await syncReferenceData(deps);
  })();
  return { deps, ready };
}

/** The HTTP app of the service (not listening yet). */
export function buildServer(config: Config, deps: Deps): Promise<FastifyInstance> {
  return buildApp(deps, {
    logger: { level: config.logLevel },
    sessionSecret: config.sessionSecret,
    metricsToken: config.metricsToken,
    trustProxy: config.trustProxy,
    map: config.map,
    webDir: WEB_DIR,
  });
}

/** The built web console, served at `/` (npm install builds it; `start` builds it if missing). */
export const WEB_DIR = fileURLToPath(new URL('../web/dist', import.meta.url));

/** Wiring: config → Db → Deps → buildApp → listen. */
export async function serve(
  config: Config,
  deps: Deps,
  built: Promise<FastifyInstance> = buildServer(config, deps),
): Promise<FastifyInstance> {
  const app = await built;
  await app.listen({ port: config.port, host: config.host });
  const sweep = startDeadlineSweep(deps, sweepIntervalFromEnv());
  const rollup = startAssessmentRollup(deps, rollupIntervalFromEnv());
  const shown = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  console.log(
    `gridloop 已启动 / listening: http://${shown}:${config.port}/  (控制台 console: /, API docs: /api/docs)`,
  );
  const stop = async () => {
    await sweep.stop();
    await rollup.stop();
    await app.close();
    await deps.runtime.close();
    await deps.db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  return app;
}

export const consoleLogger: Logger = {
  info: (o, m) => console.log(m ?? '', JSON.stringify(o)),
  warn: (o, m) => console.warn(m ?? '', JSON.stringify(o)),
  error: (o, m) => console.error(m ?? '', JSON.stringify(o)),
};
