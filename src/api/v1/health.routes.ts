import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import type { FastifyInstance } from 'fastify';
import { checkHealth } from '../../services/health/check-health.ts';
import type { Deps } from '../../services/deps.ts';

/** GET /healthz: 200 when the database answers, 503 otherwise. */
export function healthRoutes(deps: Deps) {
  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    app.get(
      '/healthz',
      { schema: { operationId: 'getHealth', tags: ['ops'], summary: '健康检查 health check' } },
      async (_req, reply) => {
        const h = await checkHealth(deps);
        return reply.code(h.ok ? 200 : 503).send(h);
      },
    );
  };
}
