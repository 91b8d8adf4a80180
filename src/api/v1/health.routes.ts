import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import type { FastifyInstance } from 'fastify';
import { checkHealth } from '../../services/health/check-health.ts';
import type { Deps } from '../../services/deps.ts';

/**
 * GET /healthz, liveness and readiness in one: 200 when the database answers and the case
 * tables are not locked against writes; 503 otherwise, with `checks` saying which failed
 * (`db.unavailable`, `db.lock_timeout`, `timeout`, ...) and `Retry-After`.
 */
export function healthRoutes(deps: Deps) {
  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/healthz',
      { schema: { operationId: 'getHealth', tags: ['ops'], summary: '健康检查 health check' } },
      async (_req, reply) => {
        const h = await checkHealth(deps);
        if (!h.ok) void reply.header('retry-after', '5');
        return reply.code(h.ok ? 200 : 503).send(h);
      },
    );
  };
}
