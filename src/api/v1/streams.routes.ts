import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import { subscribeQueueNotices } from '../../services/notify/hub.ts';
import { currentPrincipal, requireCapability } from '../plugins/auth.ts';
import { errorResponses } from './error.schemas.ts';

export type StreamRouteOptions = {
  /** comment lines that keep proxies from closing an idle stream (default 25 s) */
  readonly heartbeatMs?: number;
};

const StreamHeaders = Type.Object({
  'last-event-id': Type.Optional(
    Type.String({
      pattern: '^[0-9]{1,15}$',
      description: 'the id of the last event received: the stream resumes after it',
    }),
  ),
});

/**
 * Server-sent events of queue changes: `GET /streams/queues` stays open and sends one `queues`
 * event per committed case change the user saw before or sees after it, made through any copy
 * of the service, in commit order (so one case's in version order). The event id is the
 * change's outbox position: a client that reconnects with `Last-Event-ID` gets every change
 * after it, once.
 */
export function streamsRoutes(deps: Deps, opts: StreamRouteOptions = {}) {
  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    const open = new Set<() => void>();
    app.addHook('onClose', async () => {
      for (const end of open) end();
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
            'text/event-stream. Each committed case change the user saw before or sees after it is `event: queues` with `id:` its position and JSON data {position, caseId, caseNumber, districtCode, action, fromStatus, toStatus, version, at, queues, left, entered, visible}: `queues` are all queues the change touched, `left`/`entered` the user’s own queues the case left/entered (a unit whose case is sent back, re-dispatched or cancelled gets `left` and `visible: false`). Changes come in commit order, through whichever copy of the service made them. Send `Last-Event-ID` to resume after that id with nothing missing and nothing twice. Comment lines keep the stream alive.',
          headers: StreamHeaders,
          response: {
            200: {
              description: '事件流 the event stream (stays open)',
              content: { 'text/event-stream': { schema: { type: 'string' } } },
            },
            ...errorResponses(400, 401, 403),
          },
        },
      },
      async (req, reply) => {
        const principal = currentPrincipal(req);
        const lastId = (req.headers as { 'last-event-id'?: string })['last-event-id'];
        // Subscribe before answering 200: a feed that cannot start is an error answer, not a
        // stream that silently stays empty; notices wait in the socket's buffer meanwhile.
        const res = reply.raw;
        let ended = false;
        let unsubscribe: (() => void) | null = null;
        const pending: string[] = [];
        let started = false;
        const write = (s: string) => {
          if (ended) return;
          if (started) res.write(s);
          else pending.push(s);
        };
        unsubscribe = await subscribeQueueNotices(
          deps,
          principal,
          lastId === undefined ? null : Number(lastId),
          (n) => write(`id: ${n.position}\nevent: queues\ndata: ${JSON.stringify(n)}\n\n`),
        );
        reply.hijack();
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.write(': connected\n\n');
        started = true;
        for (const s of pending.splice(0)) res.write(s);
        const beat = setInterval(() => write(': keep-alive\n\n'), opts.heartbeatMs ?? 25_000);
        const end = () => {
          if (ended) return;
          ended = true;
          clearInterval(beat);
          unsubscribe?.();
          open.delete(end);
          if (!res.writableEnded) res.end();
        };
        open.add(end);
        req.raw.on('close', end);
        if (req.raw.destroyed) end();
      },
    );
  };
}
