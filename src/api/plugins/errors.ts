import type { FastifyInstance, FastifyReply } from 'fastify';
import type { DomainError } from '../../domain/shared/index.ts';
import { faultOf } from '../../services/faults.ts';
import { FAULT_RETRY_AFTER_S } from '../errors/faults.ts';
import { presentError } from '../errors/registry.ts';

declare module 'fastify' {
  interface FastifyReply {
    sendError(e: DomainError): FastifyReply;
  }
}

/** Every error leaves as `{ code, message: {zh, en}, details }`; nothing crashes the server. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.decorateReply('sendError', function (this: FastifyReply, e: DomainError) {
    const { status, body } = presentError(e);
    return this.code(status).send(body);
  });
  app.setNotFoundHandler((req, reply) =>
    reply.sendError({ code: 'route.not_found', details: { method: req.method, url: req.url } }),
  );
  app.setErrorHandler((error, req, reply) => {
    const e = error as {
      validation?: unknown;
      statusCode?: number;
      code?: string;
      message: string;
    };
    if (e.validation) {
      return reply.sendError({
        code: 'request.invalid',
        details: { problems: e.validation, context: e.message },
      });
    }
    if (e.statusCode === 413) return reply.sendError({ code: 'request.too_large' });
    if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500) {
      return reply.sendError({
        code: 'request.invalid',
        details: { reason: e.message, fastifyCode: e.code },
      });
    }
    // The database or the disk failed: 503 / 507 with the fault's own code, not 500.
    const fault = faultOf(error);
    if (fault !== null) {
      req.log.warn({ err: error, fault }, 'database or disk fault');
      const retryAfter = FAULT_RETRY_AFTER_S[fault];
      if (retryAfter !== null) void reply.header('retry-after', String(retryAfter));
      return reply.sendError({ code: fault, details: { requestId: req.id } });
    }
    req.log.error({ err: error }, 'unhandled error');
    return reply.sendError({ code: 'internal', details: { requestId: req.id } });
  });
}
