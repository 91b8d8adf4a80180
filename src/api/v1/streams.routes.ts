import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import { QueueHub } from '../../services/notify/hub.ts';
import { currentPrincipal, requireCapability } from '../plugins/auth.ts';
import { errorResponses } from './error.schemas.ts';

export type StreamRouteOptions = {
  /** comment lines that keep proxies from closing an idle stream (default 25 s) */
  readonly heartbeatMs?: number;
};

/**
 * Server-sent events of queue changes: `GET /streams/queues` stays open and sends one `queues`
 * event per committed case change the user may see, naming the queues it touched, so a console
 * refreshes only those.
 */
export function streamsRoutes(deps: Deps, opts: StreamRouteOptions = {}) {
  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    const hub = new QueueHub(deps);
    const open = new Set<() => void>();
    app.addHook('onClose', async () => {
      for (const end of open) end();
      hub.close();
    });

    app.get(
      '/streams/queues',
      {
        preHandler: requireCapability('case.read'),
        schema: {
          operationId: 'streamQueueChanges',
          tags: ['streams'],
          security: [{ bearer: [] }],
          summary: '队列变化推送 server-sent events: one per case change in one’s scope',
          description:
            'text/event-stream. Each change is `event: queues` with JSON data {caseId, caseNumber, districtCode, action, fromStatus, toStatus, version, at, queues}. Comment lines keep the stream alive.',
          response: {
            200: {
              description: '事件流 the event stream (stays open)',
              content: { 'text/event-stream': { schema: { type: 'string' } } },
            },
            ...errorResponses(401, 403),
          },
        },
      },
      async (req, reply) => {
        const principal = currentPrincipal(req);
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.write(': connected\n\n');
        let id = 0;
        const unsubscribe = hub.subscribe(principal, (n) => {
          id++;
          res.write(`id: ${id}\nevent: queues\ndata: ${JSON.stringify(n)}\n\n`);
        });
        const beat = setInterval(() => res.write(': keep-alive\n\n'), opts.heartbeatMs ?? 25_000);
        const end = () => {
          clearInterval(beat);
          unsubscribe();
          open.delete(end);
          if (!res.writableEnded) res.end();
        };
        open.add(end);
        req.raw.on('close', end);
      },
    );
  };
}
