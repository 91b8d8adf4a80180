import type { FastifyInstance } from 'fastify';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { openingBatchStats } from '../../services/cases/case-opening-writer.ts';
import type { Deps } from '../../services/deps.ts';

/**
 * Prometheus text at /metrics: process metrics, request duration by route and status, and how
 * intake batches its writes (cases per write transaction = cases / batches).
 */
export function registerMetrics(app: FastifyInstance, deps: Deps): Registry {
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
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) =>
    reply.type(registry.contentType).send(await registry.metrics()),
  );
  return registry;
}
