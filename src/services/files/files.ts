import { createHash } from 'node:crypto';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Principal } from '../../domain/access/index.ts';
import { err, ok, type Result } from '../../domain/shared/index.ts';
import { findFile, insertFile, type FileRecord } from '../../store/files.store.ts';
import { asStoreFault } from '../../store/faults.ts';
import { getCase } from '../cases/read-cases.ts';
import type { Deps } from '../deps.ts';
import { sniffImageType } from './sniff.ts';

export type { FileRecord } from '../../store/files.store.ts';

/** Largest upload accepted by default: 10 MiB (GRIDLOOP_MAX_UPLOAD_BYTES overrides). */
export const DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export type FileError =
  | { readonly code: 'file.too_large'; readonly details: { readonly maxBytes: number } }
  | {
      readonly code: 'file.unsupported_type';
      readonly details: { readonly allowed: readonly string[] };
    }
  | { readonly code: 'file.not_found'; readonly details: { readonly fileId: string } };

export const ALLOWED_MIME = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** `<dataDir>/files/ab/cd/<sha256>`: the path of a file's bytes. */
export function blobPath(dataDir: string, sha256: string): string {
  return join(dataDir, 'files', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes the bytes under a temporary name and renames it to `path`. On any failure (a full disk
 * or quota: ENOSPC, EDQUOT → StoreFault `storage.full`, answered 507) the temporary file is
 * removed, so nothing is left behind. A blob already renamed stays even when its `files` row
 * then fails: it is content-addressed, so the next upload of the same bytes uses it.
 */
async function writeBlob(path: string, tmp: string, bytes: Uint8Array): Promise<void> {
  try {
    await mkdir(join(path, '..'), { recursive: true });
    await writeFile(tmp, bytes, { flush: true });
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw asStoreFault(e);
  }
}

/**
 * Stores an upload: the type is decided from the bytes (JPEG/PNG/WebP), the bytes are written
 * once per content (sha256, written to a temporary name and renamed, so a crash leaves no half
 * file under the final name) and a `files` row records who uploaded it where.
 */
export async function storeUpload(
  deps: Deps,
  principal: Principal,
  input: UploadInput,
): Promise<Result<FileRecord, FileError>> {
  return storeFile(deps, principal, input);
}

type UploadInput = {
  readonly bytes: Uint8Array;
  readonly originalName: string | null;
  readonly maxBytes: number;
};

/**
 * Stores an upload for an owner that is not a signed-in person (the public portal's client): the
 * same checks and storage as `storeUpload`, recorded as uploaded by `owner.userId` in
 * `owner.districtCode`.
 */
export async function storeFile(
  deps: Deps,
  principal: { readonly userId: string; readonly districtCode: string },
  input: UploadInput,
): Promise<Result<FileRecord, FileError>> {
  if (input.bytes.length > input.maxBytes) {
    return err({ code: 'file.too_large', details: { maxBytes: input.maxBytes } });
  }
  const mime = sniffImageType(input.bytes);
  if (mime === null || input.bytes.length === 0) {
    return err({ code: 'file.unsupported_type', details: { allowed: ALLOWED_MIME } });
  }
  const sha256 = createHash('sha256').update(input.bytes).digest('hex');
  const path = blobPath(deps.dataDir, sha256);
  if (!(await exists(path))) await writeBlob(path, `${path}.${deps.newId()}.tmp`, input.bytes);
  const record: FileRecord = {
    id: deps.newId(),
    districtCode: principal.districtCode,
    sha256,
    mime,
    sizeBytes: input.bytes.length,
    originalName: input.originalName,
    uploadedBy: principal.userId,
    uploadedAt: deps.clock.now(),
    caseId: null,
  };
  await insertFile(deps.db, record);
  return ok(record);
}

/**
 * A file for a reader, decided by the case it is attached to: whoever may see that case (role
 * and region scope, domain/access) reads it; before it is attached only its uploader does. A
 * file is attached only by its uploader naming it in a report or an action (services/cases), so
 * naming someone else's file id grants nothing. Otherwise it does not exist for the reader
 * (404, nothing leaks). Anonymous callers read no file: the public portal shows none.
 */
export async function openFileFor(
  deps: Deps,
  principal: Principal,
  fileId: string,
): Promise<Result<{ file: FileRecord; path: string }, FileError>> {
  const notFound = err({ code: 'file.not_found' as const, details: { fileId } });
  const f = await findFile(deps.db, fileId);
  if (!f) return notFound;
  const found = { file: f, path: blobPath(deps.dataDir, f.sha256) };
  if (f.caseId === null) return f.uploadedBy === principal.userId ? ok(found) : notFound;
  return (await getCase(deps, principal, f.caseId)).ok ? ok(found) : notFound;
}
