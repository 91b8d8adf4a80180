import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import { createReadStream } from 'node:fs';
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { normalizePhone } from '../../domain/portal/index.ts';
import type { Deps } from '../../services/deps.ts';
import {
  followReport,
  listMyReports,
  openAfterPhoto,
  rateReport,
} from '../../services/portal/follow.ts';
import {
  PORTAL_MAX_PHOTO_BYTES,
  storePortalPhoto,
  submitPortalReport,
} from '../../services/portal/report.ts';
import {
  readReporterToken,
  sendReporterCode,
  verifyReporterCode,
} from '../../services/portal/reporter-codes.ts';
import { smsSenderFromEnv, type SmsSender } from '../../services/portal/sms.ts';
import { findTopics } from '../../services/portal/topics.ts';
import type { BudgetName } from '../plugins/rate-limit.ts';
import { errorResponses } from './error.schemas.ts';
import { readUpload } from './files.routes.ts';
import { presentMyReport, presentProgress, presentRating, presentTopic } from './portal.present.ts';
import {
  CodeRequestBody,
  CodeSent,
  CodeVerifyBody,
  MyReports,
  PhotoParams,
  PhotoQuery,
  PhotoView,
  PortalReportBody,
  PortalReportCreated,
  PortalReportHeaders,
  ProgressView,
  RatingBody,
  RatingView,
  ReporterHeaders,
  ReporterToken,
  TopicList,
  TopicsQuery,
  TrackingParams,
} from './portal.schemas.ts';

const tags = ['public'];
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export type PortalRouteOptions = {
  /** where one-time codes go (default: GRIDLOOP_SMS_SENDER, the log) */
  readonly sms?: SmsSender | undefined;
};

/**
 * The public portal (公众服务): what a citizen's phone or a WeChat mini-program calls, without a
 * login. Every route is limited per client address (plugins/rate-limit.ts), and those that take
 * a phone also per phone. Answers carry plain words and units' public names, never anybody's
 * personal data.
 */
export function portalRoutes(deps: Deps, opts: PortalRouteOptions = {}) {
  const sms = opts.sms ?? smsSenderFromEnv(deps.log);
  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    await app.register(multipart, {
      limits: { fileSize: PORTAL_MAX_PHOTO_BYTES + 1, files: 1, fields: 0 },
    });

    /** Counts one request against a per-phone budget; answers 429 when it is spent. */
    const spent = (reply: FastifyReply, budget: BudgetName, phone: string) => {
      const gate = root.rateLimits.take(budget, phone);
      if (gate.allowed) return null;
      return reply.header('retry-after', String(gate.retryAfterS)).sendError({
        code: 'rate_limited',
        details: { budget, retryAfterS: gate.retryAfterS },
      });
    };

    app.get(
      '/public/categories',
      {
        schema: {
          operationId: 'searchPublicCategories',
          tags,
          summary:
            '问题类型（白话，可按名称、关键词、拼音首字母搜索） problem types in plain words',
          description:
            'What a citizen picks instead of a catalogue code: q matches the Chinese name, keywords (also inside a phrase), pinyin initials ("jg" → 井盖) or English; empty q lists all. Each type maps to a catalogue category as data (reference/channels/portal-categories.csv).',
          querystring: TopicsQuery,
          response: { 200: TopicList, ...errorResponses(400, 429) },
        },
      },
      async (req) => {
        const topics = await findTopics(deps, req.query.q ?? '', req.query.limit ?? 20);
        return { items: topics.map(presentTopic) };
      },
    );

    app.post(
      '/public/photos',
      {
        config: { rateLimit: 'portal-photo' },
        schema: {
          operationId: 'uploadPublicPhoto',
          tags,
          summary:
            '上传现场照片 upload a photo for a report (multipart "file"; ≤ 5 MiB JPEG/PNG/WebP)',
          description:
            'The point (GCJ-02 by default) places the photo in its district. Send the photoId in the report; a photo serves one report only and is never shown to the public before the case is closed.',
          consumes: ['multipart/form-data'],
          querystring: PhotoQuery,
          response: { 201: PhotoView, ...errorResponses(400, 413, 415, 422, 429) },
        },
      },
      async (req, reply) => {
        const read = await readUpload(req);
        if ('error' in read) return reply.sendError(read.error);
        if (read.bytes === null) {
          return reply.sendError({
            code: 'file.too_large',
            details: { maxBytes: PORTAL_MAX_PHOTO_BYTES },
          });
        }
        const r = await storePortalPhoto(deps, { bytes: read.bytes, at: req.query });
        if (!r.ok) return reply.sendError(r.error);
        req.auditEntity = { entity: 'files', id: r.value.id };
        return reply
          .code(201)
          .send({ photoId: r.value.id, mime: r.value.mime, sizeBytes: r.value.sizeBytes });
      },
    );

    app.post(
      '/public/portal-reports',
      {
        config: { rateLimit: 'public-report' },
        schema: {
          operationId: 'submitPortalReport',
          tags,
          summary: '市民反映问题 report a problem (plain-word type, GCJ-02 point, photos, phone)',
          description:
            'Opens a case through the one intake seam (channel public_web or wechat, origin the public client) awaiting verification in the district that holds the point, with the urgency the type implies (else the catalogue default), and returns the tracking code. The same Idempotency-Key and body again answer 200 with the same tracking code. Limited per address and per phone.',
          headers: PortalReportHeaders,
          body: PortalReportBody,
          response: {
            200: PortalReportCreated,
            201: PortalReportCreated,
            ...errorResponses(400, 404, 422, 429),
          },
        },
      },
      async (req, reply) => {
        const b = req.body;
        const phone = b.phone === undefined ? null : normalizePhone(b.phone);
        if (phone !== null) {
          const refused = spent(reply, 'phone-report', phone);
          if (refused) return refused;
        }
        const r = await submitPortalReport(deps, {
          ...b,
          channel: b.channel ?? 'public_web',
          idempotencyKey: req.headers['idempotency-key'],
        });
        if (!r.ok) return reply.sendError(r.error);
        req.auditEntity = { entity: 'cases', id: r.value.outcome.case.id };
        const progress = await followReport(deps, r.value.trackingCode);
        if (!progress.ok) throw new Error('a new public report cannot be followed');
        return reply.code(r.value.outcome.replayed ? 200 : 201).send({
          trackingCode: r.value.trackingCode,
          caseNumber: r.value.outcome.case.caseNumber,
          urgency: r.value.urgency,
          phase: progress.value.phase,
          text: progress.value.text,
        });
      },
    );

    app.get(
      '/public/portal-reports/:trackingCode',
      {
        config: { rateLimit: 'tracking-lookup' },
        schema: {
          operationId: 'followPortalReport',
          tags,
          summary: '办理进度（白话） follow a report in plain words',
          description:
            'Phase and timeline in zh/en (received, filed, with unit X by its public name, done, closed), the after photos once closed, and the rating. No personal data of anybody.',
          params: TrackingParams,
          response: { 200: ProgressView, ...errorResponses(400, 404, 429) },
        },
      },
      async (req, reply) => {
        const r = await followReport(deps, req.params.trackingCode);
        if (!r.ok) return reply.sendError(r.error);
        return presentProgress(r.value);
      },
    );

    app.get(
      '/public/portal-reports/:trackingCode/photos/:photoId',
      {
        config: { rateLimit: 'tracking-lookup' },
        schema: {
          operationId: 'getPortalAfterPhoto',
          tags,
          summary: '处置后照片 an after photo of a closed report',
          params: PhotoParams,
          response: {
            200: {
              description: '照片内容 the photo’s bytes',
              content: Object.fromEntries(
                PHOTO_TYPES.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]),
              ),
            },
            ...errorResponses(400, 404, 429),
          },
        },
      },
      async (req, reply) => {
        const r = await openAfterPhoto(deps, req.params.trackingCode, req.params.photoId);
        if (!r.ok) return reply.sendError(r.error);
        return reply
          .header('content-type', r.value.file.mime)
          .header('content-length', String(r.value.file.sizeBytes))
          .header('cache-control', 'private, max-age=3600')
          .header('etag', `"${r.value.file.sha256}"`)
          .send(createReadStream(r.value.path));
      },
    );

    app.post(
      '/public/portal-reports/:trackingCode/rating',
      {
        schema: {
          operationId: 'ratePortalReport',
          tags,
          summary: '评价办理结果（仅一次） rate the result once, after closure',
          description:
            'satisfied / basically_satisfied / dissatisfied with a comment; only when closed (409 portal.not_closed), only once (409 portal.already_rated). When the report gave a phone, the same phone is required (403 portal.phone_mismatch).',
          params: TrackingParams,
          body: RatingBody,
          response: { 201: RatingView, ...errorResponses(400, 403, 404, 409, 429) },
        },
      },
      async (req, reply) => {
        const r = await rateReport(deps, req.params.trackingCode, req.body);
        req.auditEntity = { entity: 'public_report_ratings', id: req.params.trackingCode };
        if (!r.ok) return reply.sendError(r.error);
        return reply.code(201).send(presentRating(r.value));
      },
    );

    app.post(
      '/public/otp',
      {
        config: { rateLimit: 'code-request' },
        schema: {
          operationId: 'requestReporterCode',
          tags,
          summary: '获取短信验证码 send a one-time code to a phone',
          description:
            'The code (6 digits, 5 minutes, 5 tries) goes by text message; in development the log sender writes it to the log. Limited per address and per phone.',
          body: CodeRequestBody,
          response: { 202: CodeSent, ...errorResponses(400, 429) },
        },
      },
      async (req, reply) => {
        req.auditEntity = { entity: 'reporter_codes', id: null };
        const phone = normalizePhone(req.body.phone);
        if (phone === null) {
          return reply.sendError({ code: 'portal.invalid_phone', details: { field: 'phone' } });
        }
        const refused = spent(reply, 'phone-code', phone);
        if (refused) return refused;
        const sent = await sendReporterCode(deps, sms, await root.sessionSecret(), phone);
        return reply.code(202).send({ expiresAt: sent.expiresAt.toISOString() });
      },
    );

    app.post(
      '/public/otp/verify',
      {
        config: { rateLimit: 'code-verify' },
        schema: {
          operationId: 'verifyReporterCode',
          tags,
          summary: '验证短信验证码 check the code; returns a reporter token for that phone',
          description:
            'The token (30 minutes) is scoped to the phone and lets GET /public/my-reports list that phone’s reports. A wrong code counts a try (401 portal.code_invalid); after 5, or once expired, ask again.',
          body: CodeVerifyBody,
          response: { 200: ReporterToken, ...errorResponses(400, 401, 429) },
        },
      },
      async (req, reply) => {
        req.auditEntity = { entity: 'reporter_codes', id: null };
        const phone = normalizePhone(req.body.phone);
        if (phone === null) {
          return reply.sendError({ code: 'portal.invalid_phone', details: { field: 'phone' } });
        }
        const r = await verifyReporterCode(deps, await root.sessionSecret(), phone, req.body.code);
        if (!r.ok) return reply.sendError(r.error);
        return { token: r.value.token, expiresAt: r.value.expiresAt.toISOString() };
      },
    );

    app.get(
      '/public/my-reports',
      {
        schema: {
          operationId: 'listMyPortalReports',
          tags,
          summary: '我的反映 the reports made with my phone (X-Reporter-Token)',
          headers: ReporterHeaders,
          response: { 200: MyReports, ...errorResponses(403, 429) },
        },
      },
      async (req, reply) => {
        const token = req.headers['x-reporter-token'];
        const phone =
          token === undefined
            ? null
            : readReporterToken(await root.sessionSecret(), token, deps.clock.now());
        if (phone === null) return reply.sendError({ code: 'portal.reporter_token_required' });
        return { items: (await listMyReports(deps, phone)).map(presentMyReport) };
      },
    );
  };
}
