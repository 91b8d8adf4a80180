import type { FastifyReply, FastifyRequest } from 'fastify';
import { formatOfUrl, render, type Open311Format } from '../../channels/open311/errors.ts';

/** The format of a request: its :format param once routed, else the URL's suffix. */
export function formatOf(req: FastifyRequest): Open311Format {
  const p = req.params as { format?: unknown } | undefined;
  return p?.format === 'json' || p?.format === 'xml' ? p.format : formatOfUrl(req.url);
}

/** Sends a GeoReport v2 answer in the format asked. */
export function sendOpen311(
  req: FastifyRequest,
  reply: FastifyReply,
  root: string,
  value: unknown,
  status = 200,
): FastifyReply {
  const { body, type } = render(formatOf(req), root, value);
  return reply.code(status).header('content-type', type).send(body);
}

/** Sends an answer rendered before (a shared request list). */
export function sendRendered(
  reply: FastifyReply,
  rendered: { readonly body: Buffer; readonly type: string },
): FastifyReply {
  return reply.header('content-type', rendered.type).send(rendered.body);
}
