import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DomainError } from '../../domain/shared/index.ts';
import { faultOf } from '../../services/faults.ts';
import type { CommonErrorCode } from '../errors/common.ts';
import { FAULT_RETRY_AFTER_S } from '../errors/faults.ts';
import { presentError } from '../errors/registry.ts';

declare module 'fastify' {
  interface FastifyReply {
    sendError(e: DomainError): FastifyReply;
  }
}

/** A URL longer than this (path and query) is refused as 414 before routing does any work. */
export const MAX_URL_CHARS = 8192;
/** How many validation problems a `request.invalid` lists (details.count says how many there were). */
export const MAX_LISTED_PROBLEMS = 20;

/**
 * The errors Fastify and its plugins raise on bad input, by their `code`, mapped to ours: the one
 * table that decides how the framework's own refusals are answered. A code not listed here with
 * a 4xx status becomes `request.invalid`; anything else is a server fault (`internal`).
 */
const FRAMEWORK_CODES: Readonly<Record<string, CommonErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'request.invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'request.invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'request.too_large',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'request.invalid',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'request.unsupported_media_type',
  FST_ERR_BAD_URL: 'request.bad_url',
  FST_ERR_MAX_PARAM_LENGTH: 'request.url_too_long',
  // @fastify/multipart
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'request.invalid_multipart',
  FST_MP_PREMATURE_CLOSE: 'request.invalid_multipart',
  FST_PROTO_VIOLATION: 'request.invalid_multipart',
  FST_INVALID_JSON_FIELD_ERROR: 'request.invalid_multipart',
  FST_PARTS_LIMIT: 'request.too_large',
  FST_FILES_LIMIT: 'request.too_large',
  FST_FIELDS_LIMIT: 'request.too_large',
  FST_REQ_FILE_TOO_LARGE: 'request.too_large',
};

/** Node's HTTP parser errors on a connection (before any request exists), by `code`. */
const CLIENT_ERROR_CODES: Readonly<Record<string, CommonErrorCode>> = {
  HPE_HEADER_OVERFLOW: 'request.headers_too_large',
  ERR_HTTP_REQUEST_TIMEOUT: 'request.timeout',
};

type FrameworkError = Partial<FastifyError> & {
  validation?: unknown[];
  validationContext?: string;
  message: string;
};

/** The error shape for an error the framework (or a plugin, or a handler) raised. */
export function domainErrorOf(error: unknown): DomainError | null {
  const e = error as FrameworkError;
  if (Array.isArray(e.validation)) {
    return {
      code: 'request.invalid',
      details: {
        problems: e.validation.slice(0, MAX_LISTED_PROBLEMS),
        count: e.validation.length,
        context: e.validationContext ?? e.message,
      },
    };
  }
  const mapped = typeof e.code === 'string' ? FRAMEWORK_CODES[e.code] : undefined;
  if (mapped !== undefined) return { code: mapped, details: { fastifyCode: e.code } };
  if (e.statusCode === 413) return { code: 'request.too_large' };
  if (e.statusCode === 415) return { code: 'request.unsupported_media_type' };
  if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500) {
    return { code: 'request.invalid', details: { reason: e.message, fastifyCode: e.code } };
  }
  return null;
}

/** Fastify's `frameworkErrors` option: bad URL encoding and overlong path segments, in our shape. */
export function answerFrameworkError(
  error: FastifyError,
  req: FastifyRequest,
  reply: FastifyReply,
): void {
  const e = domainErrorOf(error) ?? { code: 'internal', details: { requestId: req.id } };
  if (e.code === 'internal') req.log.error({ err: error }, 'framework error');
  const { status, body } = presentError(e);
  void reply.code(status).header('content-type', 'application/json; charset=utf-8').send(body);
}

/**
 * Errors of the connection itself (headers over Node's limit, bytes that are not HTTP), which
 * happen before Fastify has a request: answered on the socket in the error shape, then closed.
 */
export function answerClientError(this: FastifyInstance, err: Error, socket: Socket): void {
  const code = (err as { code?: string }).code;
  if (code === 'ECONNRESET' || socket.destroyed) return;
  const ours = (code === undefined ? undefined : CLIENT_ERROR_CODES[code]) ?? 'request.malformed';
  const { status, body } = presentError({ code: ours });
  const json = JSON.stringify(body);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n' +
        json,
    );
  }
  socket.destroy(err);
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

/** `/api/v1/cases/:id/verify` → a pattern matching its concrete paths. */
function routePattern(url: string): RegExp {
  const parts = url.split('/').map((seg) => {
    if (seg.startsWith(':')) return '[^/]+';
    if (seg === '*') return '.*';
    return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  });
  return new RegExp(`^${parts.join('/')}/?$`);
}

/** Every error leaves as `{ code, message: {zh, en}, details }`; nothing crashes the server. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.decorateReply('sendError', function (this: FastifyReply, e: DomainError) {
    const { status, body } = presentError(e);
    return this.code(status).send(body);
  });

  // The routes by path, to tell "no such endpoint" (404) from "not with this method" (405).
  const routes: { pattern: RegExp; methods: string[] }[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    routes.push({ pattern: routePattern(route.url), methods: methods.map(String) });
  });

  app.addHook('onRequest', async (req, reply) => {
    if (req.url.length <= MAX_URL_CHARS) return undefined;
    return reply.sendError({
      code: 'request.url_too_long',
      details: { maxChars: MAX_URL_CHARS, chars: req.url.length },
    });
  });

  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? req.url;
    const allowed = [
      ...new Set(routes.filter((r) => r.pattern.test(path)).flatMap((r) => r.methods)),
    ].sort();
    if (allowed.length > 0 && !allowed.includes(req.method)) {
      return reply
        .header('allow', allowed.join(', '))
        .sendError({ code: 'route.method_not_allowed', details: { method: req.method, allowed } });
    }
    return reply.sendError({ code: 'route.not_found', details: { method: req.method, url: path } });
  });

  app.setErrorHandler((error, req, reply) => {
    const e = domainErrorOf(error);
    if (e !== null) return reply.sendError(e);
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
