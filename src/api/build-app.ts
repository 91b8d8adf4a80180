import Fastify, { type FastifyInstance } from 'fastify';
import type { Deps } from '../services/deps.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerErrorHandling } from './plugins/errors.ts';
import { registerMetrics } from './plugins/metrics.ts';
import { registerSwagger } from './plugins/swagger.ts';
import { registerTextGuard } from './plugins/text-guard.ts';
import { authRoutes } from './v1/auth.routes.ts';
import { baseDataRoutes } from './v1/base-data.routes.ts';
import { calendarRoutes } from './v1/calendar.routes.ts';
import { workflowRoutes } from './v1/workflow.routes.ts';
import { casesRoutes } from './v1/cases.routes.ts';
import { catalogueRoutes } from './v1/catalogue.routes.ts';
import { dispatchRoutes } from './v1/dispatch.routes.ts';
import { filesRoutes } from './v1/files.routes.ts';
import { geoRoutes } from './v1/geo.routes.ts';
import { healthRoutes } from './v1/health.routes.ts';
import { intakeRoutes } from './v1/intake.routes.ts';
import { streamsRoutes } from './v1/streams.routes.ts';
import { unitsRoutes } from './v1/units.routes.ts';
import { usersRoutes } from './v1/users.routes.ts';

export type AppOptions = {
  logger?: boolean | { level: string };
  /** GRIDLOOP_SESSION_SECRET; without it a generated key is kept in the database. */
  sessionSecret?: string | undefined;
};

/** Builds the whole HTTP app without listening; tests drive it through `inject`. */
export async function buildApp(deps: Deps, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 10 * 1024 * 1024,
    ajv: { customOptions: { coerceTypes: true, removeAdditional: false, allErrors: true } },
  });
  registerErrorHandling(app);
  registerTextGuard(app);
  await registerSwagger(app);
  registerMetrics(app, deps);
  await registerAuth(app, deps, { sessionSecret: opts.sessionSecret });
  await app.register(healthRoutes(deps));
  // Route groups under /api/v1, one plugin each so hooks don't leak.
  const v1: ((app: FastifyInstance) => Promise<void>)[] = [
    authRoutes(deps),
    usersRoutes(deps),
    geoRoutes(deps),
    baseDataRoutes(deps),
    catalogueRoutes(deps),
    unitsRoutes(deps),
    calendarRoutes(deps),
    casesRoutes(deps),
    workflowRoutes(deps),
    dispatchRoutes(deps),
    intakeRoutes(deps),
    filesRoutes(deps),
    streamsRoutes(deps),
  ];
  for (const plugin of v1) await app.register(plugin, { prefix: '/api/v1' });
  return app;
}
