import type { FastifyInstance } from 'fastify';
import { render, toOpen311Errors } from '../../channels/open311/errors.ts';
import type { Deps } from '../../services/deps.ts';
import { foldAttributes, parseForm } from './form.ts';
import { georeportRoutes } from './georeport.routes.ts';
import { formatOf } from './send.ts';

function isPlatformError(v: unknown): v is { code: string; message: { zh: string; en: string } } {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as { code?: unknown }).code === 'string' &&
    typeof (v as { message?: unknown }).message === 'object'
  );
}

/**
 * /open311: discovery and GeoReport v2 under /open311/v2, as FixMyStreet serves it. Every refusal
 * on these routes, whoever raised it (validation, the text guard, rate limits, the services,
 * an unknown path), leaves in the spec's error format and with the spec's status, never in the
 * platform's shape.
 */
export function open311Routes(deps: Deps, opts: { jurisdictionId?: string | undefined } = {}) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 1024 * 1024 },
      (_req, body, done) => done(null, parseForm(String(body))),
    );
    app.addHook('preValidation', async (req) => {
      if (req.body && typeof req.body === 'object' && !Array.isArray(req.body)) {
        req.body = foldAttributes(req.body as Record<string, unknown>);
      }
    });
    app.addHook('onSend', async (req, reply, payload) => {
      if (reply.statusCode < 400 || typeof payload !== 'string') return payload;
      let parsed: unknown;
      try {
        parsed = JSON.parse(payload);
      } catch {
        return payload;
      }
      if (!isPlatformError(parsed)) return payload;
      const { status, errors } = toOpen311Errors(reply.statusCode, parsed);
      const { body, type } = render(formatOf(req), 'errors', errors);
      void reply.code(status).header('content-type', type);
      return body;
    });
    app.setNotFoundHandler((req, reply) =>
      reply.sendError({
        code: 'route.not_found',
        details: { method: req.method, url: req.url.split('?')[0] ?? '' },
      }),
    );
    await app.register(georeportRoutes(deps, opts));
  };
}
