import type { FastifyReply, FastifyRequest } from 'fastify';

/** What a stream's subscription gives back to the SSE answer that carries it. */
export type SseSubscription = {
  readonly end: () => void;
  /** lines written right after `: connected`, before what came during the subscribing */
  readonly head?: readonly string[];
  /** the keep-alive block (default `: keep-alive`); may carry an `id:` line */
  readonly keepAlive?: () => string;
};

export type SseOptions = {
  /** period of the keep-alive comments, ms (default 25 s: under common proxies' idle timeouts) */
  readonly heartbeatMs?: number | undefined;
  /** the route plugin's open streams, ended when the app closes */
  readonly open: Set<() => void>;
};

/**
 * Answers a request with a server-sent-events stream. `subscribe` is called first, with the
 * writer the stream's events go to: a subscription that cannot start fails the request with an
 * error answer instead of a stream that stays empty; what it writes meanwhile waits for the head.
 * Then 200 with the SSE head, `: connected`, the subscription's head lines, the waiting events,
 * and keep-alives; the subscription ends when the client goes or the app closes.
 */
export async function answerWithStream(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: SseOptions,
  subscribe: (write: (block: string) => void) => Promise<SseSubscription>,
): Promise<void> {
  const res = reply.raw;
  let ended = false;
  let pending: string[] | null = [];
  const write = (s: string) => {
    if (ended) return;
    if (pending) pending.push(s);
    else res.write(s);
  };
  const sub = await subscribe(write);
  reply.hijack();
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(': connected\n\n');
  for (const s of sub.head ?? []) res.write(s);
  for (const s of pending) res.write(s);
  pending = null;
  const beat = setInterval(
    () => write(sub.keepAlive?.() ?? ': keep-alive\n\n'),
    opts.heartbeatMs ?? 25_000,
  );
  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(beat);
    sub.end();
    opts.open.delete(end);
    if (!res.writableEnded) res.end();
  };
  opts.open.add(end);
  req.raw.on('close', end);
  if (req.raw.destroyed) end();
}
