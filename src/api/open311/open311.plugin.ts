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
    // A refusal leaves in the spec's shape: converted before serialization (so the route's
    // error schema applies), then written as XML when the URL asks for XML.
    app.addHook('preSerialization', async (_req, reply, payload) => {
      if (reply.statusCode < 400 || !isPlatformError(payload)) return payload;
      const { status, errors } = toOpen311Errors(reply.statusCode, payload);
      void reply.code(status);
      return errors;
    });
    app.addHook('onSend', async (req, reply, payload) => {
      if (reply.statusCode < 400 || typeof payload !== 'string') return payload;
      let parsed: unknown;
      try {
        parsed = JSON.parse(payload);
      } catch {
        return payload;
      }
      let errors: unknown = parsed;
      if (isPlatformError(parsed)) {
        const converted = toOpen311Errors(reply.statusCode, parsed);
        void reply.code(converted.status);
        errors = converted.errors;
      } else if (!Array.isArray(parsed) || formatOf(req) !== 'xml') {
        return payload;
      }
      const { body, type } = render(formatOf(req), 'errors', errors);
      void reply.header('content-type', type);
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
