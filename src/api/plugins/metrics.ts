import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { openingBatchStats } from '../../services/cases/case-opening-writer.ts';
import type { Deps } from '../../services/deps.ts';

/**
 * Prometheus text at /metrics, behind a bearer token (GRIDLOOP_METRICS_TOKEN): process metrics, request duration by route and status, and how
 * intake batches its writes (cases per write transaction = cases / batches).
 */
export type MetricsOptions = {
  /** GRIDLOOP_METRICS_TOKEN; without it /metrics refuses every caller (403 metrics.not_configured). */
  readonly token?: string | undefined;
};

const digest = (s: string) => createHash('sha256').update(s).digest();

/** True when the request presents the configured token as `Authorization: Bearer`. */
function presentsToken(req: FastifyRequest, token: string): boolean {
  const h = req.headers.authorization;
  if (!h?.startsWith('Bearer ')) return false;
  return timingSafeEqual(digest(h.slice(7).trim()), digest(token));
}

export function registerMetrics(
  app: FastifyInstance,
  deps: Deps,
  opts: MetricsOptions = {},
): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'gridloop_' });
  const batching = [
    ['batches', 'write transactions of intake (group commit) since start'],
    ['items', 'cases opened through those transactions since start'],
    ['largestBatch', 'most cases in one intake write transaction since start'],
  ] as const;
  for (const [field, help] of batching) {
    new Gauge({
      name: `gridloop_intake_write_${field === 'largestBatch' ? 'largest_batch' : field}`,
      help,
      registers: [registry],
      collect() {
        this.set(openingBatchStats(deps)[field]);
      },
    });
  }
  const duration = new Histogram({
    name: 'gridloop_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    duration.observe(
      {
        method: req.method,
        route: req.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
  // Operations data (routes, volumes, process internals): only for the scraper holding the token.
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (!opts.token) return reply.sendError({ code: 'metrics.not_configured' });
    if (!presentsToken(req, opts.token)) return reply.sendError({ code: 'metrics.unauthorized' });
    return reply.type(registry.contentType).send(await registry.metrics());
  });
  return registry;
}
