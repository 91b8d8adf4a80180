import type { FastifyRequest } from 'fastify';

/**
 * Query parameters whose value is a credential: an Open311 client's `api_key` (the spec puts it
 * in the query string), a token, a one-time code. The request log keeps their names, never the
 * values, so whoever reads the logs cannot act as a client system.
 */
const SECRET_PARAM = /^(api_?key|key|token|access_token|password|secret|code)$/i;

/** The URL as it may be logged: secret query values replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const parts = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const raw = eq < 0 ? pair : pair.slice(0, eq);
      let name = raw;
      try {
        name = decodeURIComponent(raw.replaceAll('+', ' '));
      } catch {
        // A malformed escape is logged as sent; it is not a known secret name either way.
      }
      return eq >= 0 && SECRET_PARAM.test(name) ? `${raw}=[redacted]` : pair;
    });
  return `${url.slice(0, q)}?${parts.join('&')}`;
}

/** pino serializers of the HTTP log: Fastify's request fields, the URL redacted. */
export const REQUEST_LOG_SERIALIZERS = {
  req(req: FastifyRequest) {
    return {
      method: req.method,
      url: redactUrl(req.url),
      host: req.host,
      remoteAddress: req.ip,
      remotePort: req.socket.remotePort ?? 0,
    };
  },
};
