import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './api/build-app.ts';
import { startDeadlineSweep, sweepIntervalFromEnv } from './jobs/deadline-sweep.ts';
import type { Config } from './config.ts';
import { systemClock, type Deps, type Logger } from './services/deps.ts';
import type { Db } from './store/db.ts';
import { migrate } from './store/migrate.ts';
import { syncReferenceData } from './services/reference/sync-reference-data.ts';
import { openDb } from './store/open.ts';
import { createRuntime } from './services/runtime.ts';

/** Opens the configured database, migrates it and loads the shipped reference data. */
export async function openRuntime(config: Config, log: Logger): Promise<Deps> {
  mkdirSync(config.dataDir, { recursive: true });
  const db: Db = await openDb({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    dbTimeouts: config.dbTimeouts,
  });
  const report = await migrate(db);
  if (report.applied.length > 0) log.info({ applied: report.applied }, 'migrations applied');
  const deps: Deps = {
    db,
    clock: systemClock,
    newId: randomUUID,
    log,
    dataDir: config.dataDir,
    runtime: createRuntime(),
  };
  await syncReferenceData(deps);
  return deps;
}

/** Wiring: config → Db → Deps → buildApp → listen. */
export async function serve(config: Config, deps: Deps): Promise<FastifyInstance> {
  const app = await buildApp(deps, {
    logger: { level: config.logLevel },
    sessionSecret: config.sessionSecret,
    metricsToken: config.metricsToken,
    trustProxy: config.trustProxy,
  });
  await app.listen({ port: config.port, host: config.host });
  const sweep = startDeadlineSweep(deps, sweepIntervalFromEnv());
  const shown = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  console.log(`gridloop 已启动 / listening: http://${shown}:${config.port}  (API docs: /api/docs)`);
  const stop = async () => {
    await sweep.stop();
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
