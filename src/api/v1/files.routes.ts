import type { TypeBoxTypeProvider } from '../plugins/type-provider.ts';
import { createReadStream } from 'node:fs';
import multipart, { type MultipartFile } from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DomainError } from '../../domain/shared/index.ts';
import type { Deps } from '../../services/deps.ts';
import {
  DEFAULT_MAX_UPLOAD_BYTES,
  openFileFor,
  storeUpload,
  type FileRecord,
} from '../../services/files/files.ts';
import { domainErrorOf } from '../plugins/errors.ts';
import { textProblem } from '../plugins/text-guard.ts';
import { currentPrincipal, requireAuth, requireCapability } from '../plugins/auth.ts';
import { errorResponses } from './error.schemas.ts';

const tags = ['files'];
const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
const security = [{ bearer: [] }];

const FileView = Type.Object({
  id: Type.String(),
  sha256: Type.String(),
  mime: Type.String(),
  sizeBytes: Type.Integer(),
  originalName: Type.Union([Type.String(), Type.Null()]),
  uploadedAt: Type.String({ format: 'date-time' }),
  caseId: Type.Union([Type.String(), Type.Null()]),
});
const FileParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

const present = (f: FileRecord) => ({
  id: f.id,
  sha256: f.sha256,
  mime: f.mime,
  sizeBytes: f.sizeBytes,
  originalName: f.originalName,
  uploadedAt: f.uploadedAt.toISOString(),
  caseId: f.caseId,
});

export type Upload = { part: MultipartFile; bytes: Buffer | null } | { error: DomainError };

/**
 * The file part of an upload, read into memory (bytes null: over the size limit). Reading only
 * parses the request, so every failure here is the client's: a body cut short, a multipart
 * Content-Type without a boundary, a malformed part are 400 `request.invalid_multipart`. Nothing
 * has been written to the file store yet, so nothing is left behind.
 */
export async function readUpload(req: FastifyRequest): Promise<Upload> {
  const refused = (e: unknown): Upload => ({ error: domainErrorOf(e) ?? invalid(e) });
  const invalid = (e: unknown): DomainError => ({
    code: 'request.invalid_multipart',
    details: { reason: e instanceof Error ? e.message : String(e) },
  });
  let part: MultipartFile | undefined;
  try {
    part = req.isMultipart() ? await req.file() : undefined;
  } catch (e) {
    return refused(e);
  }
  if (!part) return { error: { code: 'file.missing' } };
  // The part's headers are read here, after the app-wide text guard ran.
  const problem = textProblem(part.filename);
  if (problem !== null) {
    part.file.resume();
    return {
      error: {
        code: 'request.invalid_text',
        details: { location: 'body', path: 'filename', problem },
      },
    };
  }
  try {
    const bytes = await part.toBuffer();
    return { part, bytes: part.file.truncated ? null : bytes };
  } catch (e) {
    if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return { part, bytes: null };
    return refused(e);
  }
}

export type FileRouteOptions = {
  /** largest upload in bytes (default GRIDLOOP_MAX_UPLOAD_BYTES, else 10 MiB) */
  readonly maxBytes?: number;
};

function maxBytesFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.GRIDLOOP_MAX_UPLOAD_BYTES);
  return Number.isInteger(n) && n > 0 ? n : DEFAULT_MAX_UPLOAD_BYTES;
}

/**
 * Photos and files: multipart upload (JPEG/PNG/WebP by content, size-limited), stored
 * content-addressed under the data directory; served to the uploader and to whoever may see a
 * case the file belongs to.
 */
export function filesRoutes(deps: Deps, opts: FileRouteOptions = {}) {
  const maxBytes = opts.maxBytes ?? maxBytesFromEnv();
  return async (root: FastifyInstance): Promise<void> => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    // One byte over the limit is read, so an oversized file is told apart from one at the limit.
    await app.register(multipart, { limits: { fileSize: maxBytes + 1, files: 1, fields: 5 } });

    app.post(
      '/files',
      {
        preHandler: requireCapability('file.upload'),
        schema: {
          operationId: 'uploadFile',
          tags,
          security,
          summary: '上传照片 upload a photo (multipart field "file"; JPEG, PNG or WebP)',
          consumes: ['multipart/form-data'],
          response: {
            201: FileView,
            ...errorResponses(400, 401, 403, 413, 415),
          },
        },
      },
      async (req, reply) => {
        const read = await readUpload(req);
        if ('error' in read) return reply.sendError(read.error);
        const { part, bytes } = read;
        if (bytes === null) {
          return reply.sendError({ code: 'file.too_large', details: { maxBytes } });
        }
        const r = await storeUpload(deps, currentPrincipal(req), {
          bytes,
          originalName: part.filename || null,
          maxBytes,
        });
        if (!r.ok) return reply.sendError(r.error);
        req.auditEntity = { entity: 'files', id: r.value.id };
        return reply.code(201).send(present(r.value));
      },
    );

    app.get(
      '/files/:id',
      {
        preHandler: requireAuth,
        schema: {
          operationId: 'getFile',
          tags,
          security,
          summary: '下载照片 a photo, for its uploader and whoever may see its case',
          params: FileParams,
          response: {
            200: {
              description: '照片内容 the photo’s bytes (ETag: its SHA-256)',
              content: Object.fromEntries(
                PHOTO_TYPES.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]),
              ),
            },
            ...errorResponses(401, 404),
          },
        },
      },
      async (req, reply) => {
        const r = await openFileFor(deps, currentPrincipal(req), req.params.id);
        if (!r.ok) return reply.sendError(r.error);
        return reply
          .header('content-type', r.value.file.mime)
          .header('content-length', String(r.value.file.sizeBytes))
          .header('cache-control', 'private, max-age=86400, immutable')
          .header('etag', `"${r.value.file.sha256}"`)
          .send(createReadStream(r.value.path));
      },
    );
  };
}
