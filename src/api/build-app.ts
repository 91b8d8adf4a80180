import Fastify, { type FastifyInstance } from 'fastify';
import type { Deps } from '../services/deps.ts';
import { registerAuth, type AuthOptions } from './plugins/auth.ts';
import {
  answerClientError,
  answerFrameworkError,
  registerErrorHandling,
} from './plugins/errors.ts';
import { lazySerializers } from './plugins/lazy-serializers.ts';
import { REQUEST_LOG_SERIALIZERS } from './plugins/request-log.ts';
import { registerMetrics } from './plugins/metrics.ts';
import { registerSwagger } from './plugins/swagger.ts';
import { registerTextGuard } from './plugins/text-guard.ts';
import { buildValidators } from './plugins/validation.ts';
import { apiKeysRoutes } from './v1/api-keys.routes.ts';
import { authRoutes } from './v1/auth.routes.ts';
import { baseDataRoutes } from './v1/base-data.routes.ts';
import { assessmentRoutes } from './v1/assessment.routes.ts';
import { calendarRoutes } from './v1/calendar.routes.ts';
import { workflowRoutes } from './v1/workflow.routes.ts';
import { casesRoutes } from './v1/cases.routes.ts';
import { cockpitRoutes } from './v1/cockpit.routes.ts';
import { catalogueRoutes } from './v1/catalogue.routes.ts';
import { dispatchRoutes } from './v1/dispatch.routes.ts';
import { filesRoutes } from './v1/files.routes.ts';
import { geoRoutes } from './v1/geo.routes.ts';
import { tileRoutes } from './v1/tiles.routes.ts';
import { DEFAULT_MAP_SETTINGS, type MapSettings } from '../services/geo/tiles.ts';
import { open311Routes } from './open311/open311.plugin.ts';
import { healthRoutes } from './v1/health.routes.ts';
import { intakeRoutes } from './v1/intake.routes.ts';
import { portalRoutes } from './v1/portal.routes.ts';
import type { SmsSender } from '../services/portal/sms.ts';
import { streamsRoutes } from './v1/streams.routes.ts';
import { unitsRoutes } from './v1/units.routes.ts';
import { usersRoutes } from './v1/users.routes.ts';
import { whistlesRoutes } from './v1/whistles.routes.ts';
import { registerWebConsole } from './web.ts';
import { hotlineRoutes } from './v1/hotline.routes.ts';
import { patrolRoutes } from './v1/patrol.routes.ts';

export type AppOptions = {
  /** the HTTP log (pino); `stream` defaults to stdout */
  logger?: boolean | { level: string; stream?: NodeJS.WritableStream };
  /** GRIDLOOP_SESSION_SECRET; without it a generated key is kept in the database. */
  sessionSecret?: string | undefined;
  /** period of the queue streams' keep-alive lines (default 25 s) */
  streamHeartbeatMs?: number | undefined;
  /** GRIDLOOP_METRICS_TOKEN: the bearer token /metrics asks for; without it /metrics is refused. */
  metricsToken?: string | undefined;
  /** GRIDLOOP_TRUST_PROXY: proxies (addresses or CIDRs, comma-separated) whose X-Forwarded-For is believed. */
  trustProxy?: string | undefined;
  /** Budgets of anonymous callers per client address (defaults: plugins/rate-limit.ts). */
  rateLimits?: AuthOptions['rateLimits'];
  /** where the portal's one-time codes go (default GRIDLOOP_SMS_SENDER: the log) */
  smsSender?: SmsSender | undefined;
  /** GRIDLOOP_MAP_STYLE_URL / GRIDLOOP_MAP_CRS: the console map's optional basemap */
  map?: MapSettings | undefined;
  /** the built web console (web/dist) served at `/`; unset or not built → no console */
  webDir?: string | undefined;
};

/** Builds the whole HTTP app without listening; tests drive it through `inject`. */
export async function buildApp(deps: Deps, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // Credentials sent in a query string (Open311's api_key) never reach the log.
    logger:
      opts.logger === undefined || opts.logger === false
        ? false
        : { ...(opts.logger === true ? {} : opts.logger), serializers: REQUEST_LOG_SERIALIZERS },
    bodyLimit: 10 * 1024 * 1024,
    // Rate limits and the audit log key on the client address: behind a proxy, name it.
    ...(opts.trustProxy ? { trustProxy: opts.trustProxy } : {}),
    // A URL longer than this, or a path segment longer than maxParamLength, is a 414.
    routerOptions: { maxParamLength: 512 },
    schemaController: {
      compilersFactory: { buildValidator: buildValidators(), buildSerializer: lazySerializers() },
    },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  registerErrorHandling(app);
  registerTextGuard(app);
  await registerSwagger(app);
  registerMetrics(app, deps, { token: opts.metricsToken });
  await registerAuth(app, deps, {
    sessionSecret: opts.sessionSecret,
    rateLimits: opts.rateLimits,
  });
  await app.register(healthRoutes(deps));
  // Route groups under /api/v1, one plugin each so hooks don't leak.
  const v1: ((app: FastifyInstance) => Promise<void>)[] = [
    authRoutes(deps),
    usersRoutes(deps),
    apiKeysRoutes(deps),
    geoRoutes(deps),
    tileRoutes(deps, opts.map ?? DEFAULT_MAP_SETTINGS),
    baseDataRoutes(deps),
    catalogueRoutes(deps),
    unitsRoutes(deps),
    calendarRoutes(deps),
    casesRoutes(deps),
    workflowRoutes(deps),
    dispatchRoutes(deps),
    whistlesRoutes(deps),
    hotlineRoutes(deps),
    patrolRoutes(deps),
    intakeRoutes(deps),
    portalRoutes(deps, { sms: opts.smsSender }),
    filesRoutes(deps),
    assessmentRoutes(deps),
    streamsRoutes(deps, { heartbeatMs: opts.streamHeartbeatMs }),
    cockpitRoutes(deps, { heartbeatMs: opts.streamHeartbeatMs }),
  ];
  for (const plugin of v1) await app.register(plugin, { prefix: '/api/v1' });
  // Open311 GeoReport v2 (and its discovery), as FixMyStreet serves it.
  await app.register(open311Routes(deps), { prefix: '/open311' });
  if (opts.webDir) await registerWebConsole(app, opts.webDir);
  return app;
}
