import type { FastifyReply, FastifyRequest } from 'fastify';
import { gzipSync } from 'node:zlib';
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

/** An answer rendered once and shared: its bytes, and the same bytes gzipped. */
export type Rendered = { readonly body: Buffer; readonly gzipped: Buffer; readonly type: string };

/** Renders a shared answer in the format asked, gzipped once beside it (lists run to 500 kB). */
export function renderShared(format: Open311Format, root: string, value: unknown): Rendered {
  const { body, type } = render(format, root, value);
  const bytes = Buffer.from(body);
  return { body: bytes, gzipped: gzipSync(bytes), type };
}

/** True when the client takes gzip (Accept-Encoding names it without q=0). */
export function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.split(';').map((x) => x.trim().toLowerCase());
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/** Sends a shared answer, gzipped to a client that takes it (the copy made once, not per client). */
export function sendRendered(
  req: FastifyRequest,
  reply: FastifyReply,
  rendered: Rendered,
): FastifyReply {
  reply.header('content-type', rendered.type).header('vary', 'accept-encoding');
  return acceptsGzip(req.headers['accept-encoding'])
    ? reply.header('content-encoding', 'gzip').send(rendered.gzipped)
    : reply.send(rendered.body);
}
