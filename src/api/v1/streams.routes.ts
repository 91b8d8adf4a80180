import { Type } from '@sinclair/typebox';
import { answerWithStream } from '../plugins/sse.ts';
import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../services/deps.ts';
import { subscribeQueueNotices } from '../../services/notify/hub.ts';
import { currentPrincipal, requireCapability } from '../plugins/auth.ts';
import { errorResponses } from './error.schemas.ts';

export type StreamRouteOptions = {
  /** comment lines that keep proxies from closing an idle stream and carry the position read (default 25 s) */
  readonly heartbeatMs?: number | undefined;
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
            'text/event-stream. Each committed case change the user saw before or sees after it is `event: queues` with `id:` its position and JSON data {position, caseId, caseNumber, districtCode, action, fromStatus, toStatus, version, at, queues, left, entered, visible}: `queues` are all queues the change touched, `left`/`entered` the user’s own queues the case left/entered (a unit whose case is sent back, re-dispatched or cancelled gets `left` and `visible: false`). Changes come in commit order, through whichever copy of the service made them. Send `Last-Event-ID` to resume after that id with nothing missing and nothing twice; an id more than 10,000 changes old, or not of this database, gets `event: reset` first (reload the lists) and the stream from now. Lines with only `id:` (at the start and with the keep-alive comments) move the client’s Last-Event-ID past changes it was not sent.',
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
        return answerWithStream(
          req,
          reply,
          { heartbeatMs: opts.heartbeatMs, open },
          async (write) => {
            const sub = await subscribeQueueNotices(
              deps,
              principal,
              lastId === undefined ? null : Number(lastId),
              (n) => write(`id: ${n.position}\nevent: queues\ndata: ${JSON.stringify(n)}\n\n`),
            );
            // An id without data moves the client's Last-Event-ID without an event (SSE): a client
            // that got no notice yet resumes from here, not from "now" at its reconnect. The
            // keep-alive carries the position read so far too: a client that sees few of the
            // changes resumes from there, not from its last notice (no replay of others' changes).
            let told = sub.position();
            return {
              end: sub.end,
              head: [
                // Last-Event-ID too old or not of this database: the client reloads its lists.
                ...(sub.reset
                  ? [`event: reset\ndata: ${JSON.stringify({ lastEventId: lastId })}\n\n`]
                  : []),
                `id: ${told}\n\n`,
              ],
              keepAlive: () => {
                const at = sub.position();
                const line = at > told ? `: keep-alive\nid: ${at}\n\n` : ': keep-alive\n\n';
                told = Math.max(told, at);
                return line;
              },
            };
          },
        );
      },
    );
  };
}
