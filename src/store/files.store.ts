import type { Queryable } from './db.ts';

/** SQL for uploaded files (the bytes are on disk, content-addressed by sha256). */

export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp';

export type FileRecord = {
  readonly id: string;
  readonly districtCode: string;
  readonly sha256: string;
  readonly mime: ImageMime;
  readonly sizeBytes: number;
  readonly originalName: string | null;
  readonly uploadedBy: string;
  readonly uploadedAt: Date;
  readonly caseId: string | null;
};

type FileRow = {
  id: string;
  district_code: string;
  sha256: string;
  mime: ImageMime;
  size_bytes: number | string;
  original_name: string | null;
  uploaded_by: string;
  uploaded_at: Date | string;
  case_id: string | null;
};

const COLUMNS =
  'id, district_code, sha256, mime, size_bytes, original_name, uploaded_by, uploaded_at, case_id';

const toFile = (r: FileRow): FileRecord => ({
  id: r.id,
  districtCode: r.district_code.trim(),
  sha256: r.sha256,
  mime: r.mime,
  sizeBytes: Number(r.size_bytes),
  originalName: r.original_name,
  uploadedBy: r.uploaded_by,
  uploadedAt: new Date(r.uploaded_at),
  caseId: r.case_id,
});

export async function insertFile(db: Queryable, f: FileRecord): Promise<void> {
  await db.query(`INSERT INTO files (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`, [
    f.id,
    f.districtCode,
    f.sha256,
    f.mime,
    f.sizeBytes,
    f.originalName,
    f.uploadedBy,
    f.uploadedAt,
    f.caseId,
  ]);
}

export async function findFile(db: Queryable, id: string): Promise<FileRecord | null> {
  const r = await db.query<FileRow>(`SELECT ${COLUMNS} FROM files WHERE id = $1`, [id]);
  const row = r.rows[0];
  return row ? toFile(row) : null;
}

/**
 * Links uploaded files to the cases that list them, for a batch of new cases: only files not yet
 * linked and uploaded by the case's reporter (someone else's upload id links nothing).
 */
export async function attachFilesToCases(
  db: Queryable,
  links: readonly { caseId: string; fileIds: readonly string[]; uploadedBy: string }[],
): Promise<number> {
  const flat = links.flatMap((l) => l.fileIds.map((f) => [f, l.caseId, l.uploadedBy] as const));
  if (flat.length === 0) return 0;
  const r = await db.query<{ id: string }>(
    `UPDATE files f SET case_id = v.case_id
     FROM unnest($1::text[], $2::text[], $3::text[]) AS v(file_id, case_id, uploaded_by)
     WHERE f.id = v.file_id AND f.case_id IS NULL AND f.uploaded_by = v.uploaded_by
     RETURNING f.id`,
    [flat.map((x) => x[0]), flat.map((x) => x[1]), flat.map((x) => x[2])],
  );
  return r.rows.length;
}
