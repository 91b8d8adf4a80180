import { execFile } from 'node:child_process';
import type * as fsPromises from 'node:fs/promises';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/api/build-app.ts';
import type { Db } from '../../src/store/db.ts';
import { caseWorld, type CaseWorld } from '../factories.ts';
import { freshDb } from '../helpers/db.ts';

/**
 * A full file store: the upload answers 507 `storage.full` and leaves no file behind (before:
 * 500 and an empty temporary file). The disk fills in two ways: the file store's writes fail
 * with ENOSPC as a full disk makes them (the file is created, its bytes are not written), and,
 * where the test may mount one (root), a real 64 KiB tmpfs.
 */
const disk = vi.hoisted(() => ({ full: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof fsPromises>();
  const writeFile: typeof real.writeFile = async (file, data, opts) => {
    if (!disk.full) return real.writeFile(file, data, opts);
    await real.writeFile(file, ''); // open(O_CREAT) succeeds; the write does not
    throw Object.assign(new Error(`ENOSPC: no space left on device, write`), {
      code: 'ENOSPC',
      errno: -28,
      syscall: 'write',
    });
  };
  return { ...real, default: { ...real, writeFile }, writeFile };
});

const run = promisify(execFile);

// Magic bytes make it a PNG (types are judged by content); the padding gives it weight.
const png = (size: number, salt: number) => {
  const b = Buffer.alloc(size, salt);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(b);
  return b;
};

let db: Db;
let w: CaseWorld;
const cleanup: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  db = await freshDb();
  w = await caseWorld(db);
}, 120_000);
afterAll(async () => {
  for (const f of cleanup.reverse()) await f().catch(() => undefined);
  await w.app.close();
  await db.close();
});

async function appOn(dataDir: string): Promise<FastifyInstance> {
  const app = await buildApp({ ...w.deps, dataDir }, { sessionSecret: 'cases-test-secret' });
  cleanup.push(() => app.close());
  return app;
}

async function upload(app: FastifyInstance, bytes: Buffer) {
  const boundary = '----gridloop-full-disk';
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\n` +
      `Content-Type: image/png\r\n\r\n`,
  );
  return app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      ...(await w.auth('supervisor')),
    },
    payload: Buffer.concat([head, bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  });
}

/** Every file under dir (recursively). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function fileRows(): Promise<number> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM files');
  return r.rows[0]?.n ?? 0;
}

function expectStorageFull(res: { statusCode: number; body: string; json: () => unknown }) {
  expect(res.statusCode, res.body).toBe(507);
  expect(res.json()).toMatchObject({
    code: 'storage.full',
    message: { zh: expect.any(String), en: expect.any(String) },
  });
}

describe('a full file store', () => {
  it('answers 507 storage.full when the disk refuses the bytes, leaves no temporary file and no files row; with space again the upload is stored', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gridloop-full-'));
    cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
    const app = await appOn(dataDir);
    const before = await fileRows();
    disk.full = true;
    try {
      expectStorageFull(await upload(app, png(4096, 1)));
    } finally {
      disk.full = false;
    }
    expect(await filesUnder(dataDir)).toEqual([]);
    expect(await fileRows()).toBe(before);
    const ok = await upload(app, png(4096, 1));
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await filesUnder(dataDir)).map((f) => f.endsWith('.tmp'))).toEqual([false]);
  });

  const mountable = typeof process.getuid === 'function' && process.getuid() === 0;
  it.skipIf(!mountable)(
    'on a real 64 KiB tmpfs (root only; skipped otherwise): a 256 KiB photo answers 507 and leaves nothing, a small one is stored',
    async (ctx) => {
      const mnt = await mkdtemp(join(tmpdir(), 'gridloop-tmpfs-'));
      cleanup.push(() => rm(mnt, { recursive: true, force: true }));
      const mounted = await run('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt]).then(
        () => true,
        () => false,
      );
      if (!mounted) ctx.skip('tmpfs cannot be mounted here');
      cleanup.push(() => run('umount', [mnt]));
      await mkdir(join(mnt, 'files'));
      const app = await appOn(mnt);
      const before = await fileRows();
      expectStorageFull(await upload(app, png(256 * 1024, 2)));
      expect(await filesUnder(mnt)).toEqual([]);
      expect(await fileRows()).toBe(before);
      const ok = await upload(app, png(1024, 3));
      expect(ok.statusCode, ok.body).toBe(201);
    },
  );
});
