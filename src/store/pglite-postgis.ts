import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Extension } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';

/**
 * PostGIS for PGlite without what gridloop never loads. The shipped bundle (20 MB gzipped, 91 MB
 * unpacked) holds three side modules (postgis, postgis_raster, postgis_topology), each compiled
 * by PGlite at every open, and ~600 upgrade scripts unpacked into memory; opening a database
 * spends most of its time there. The slim bundle keeps postgis-3.so, the extension's control
 * file and install script, and the PROJ data. It is made once from the shipped bundle and kept
 * in a cache directory, named after the shipped bundle's size and time, so a new package
 * version makes a new one.
 */
const KEEP =
  /^(lib\/postgresql\/postgis-3\.so|share\/postgresql\/extension\/postgis(\.control|--\d+\.\d+\.\d+\.sql)|share\/proj\/.+)$/;

/** Only the entries `keep` wants (directories always), from an uncompressed tar. */
export function filterTar(tar: Buffer, keep: (name: string) => boolean): Buffer {
  const out: Buffer[] = [];
  let meta: Buffer[] = []; // pax / GNU long-name headers belong to the entry after them
  let off = 0;
  const text = (b: Buffer) => b.toString('utf8').replace(/\0.*$/s, '');
  while (off + 512 <= tar.length) {
    const h = tar.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    const size = parseInt(text(h.subarray(124, 136)).trim() || '0', 8);
    const type = String.fromCharCode(h[156] ?? 0);
    const end = off + 512 + Math.ceil(size / 512) * 512;
    const block = tar.subarray(off, end);
    off = end;
    if (type === 'x' || type === 'g' || type === 'L' || type === 'K') {
      meta.push(block);
      continue;
    }
    const prefix = text(h.subarray(345, 500));
    const name = (prefix ? `${prefix}/` : '') + text(h.subarray(0, 100));
    if (type === '5' || keep(name.replace(/^\.\//, ''))) out.push(...meta, block);
    meta = [];
  }
  out.push(Buffer.alloc(1024));
  return Buffer.concat(out);
}

async function slimBundle(shipped: URL, cacheDir: string): Promise<URL> {
  const path = fileURLToPath(shipped);
  const s = await stat(path);
  const key = createHash('sha256')
    .update(`${path}|${s.size}|${s.mtimeMs}`)
    .digest('hex')
    .slice(0, 16);
  const slim = join(cacheDir, `postgis-slim-${key}-stored.tar.gz`);
  if (
    await stat(slim).then(
      () => true,
      () => false,
    )
  )
    return pathToFileURL(slim);
  const tar = filterTar(gunzipSync(await readFile(path)), (name) => KEEP.test(name));
  await mkdir(cacheDir, { recursive: true });
  // Written under a temporary name and renamed: two processes making it at once both succeed.
  const tmp = `${slim}.${process.pid}.${Date.now()}.tmp`;
  // Stored, not compressed (gzip level 0): PGlite gunzips the bundle at every open, and 34 MB
  // of disk costs less than inflating 9 MB each time.
  await writeFile(tmp, gzipSync(tar, { level: 0 }));
  await rename(tmp, slim);
  return pathToFileURL(slim);
}

/** The default cache of slim bundles when the caller names none (in-memory databases, tests). */
export const DEFAULT_EXTENSION_CACHE = join(tmpdir(), 'gridloop-pglite-extensions');

/** PostGIS as a PGlite extension, loading the slim bundle from `cacheDir` (made if absent). */
export function slimPostgis(cacheDir: string = DEFAULT_EXTENSION_CACHE): Extension {
  return {
    name: postgis.name,
    async setup(pg, emscriptenOpts) {
      const r = await postgis.setup(pg, emscriptenOpts);
      if (!(r.bundlePath instanceof URL) || r.bundlePath.protocol !== 'file:') return r;
      try {
        return { ...r, bundlePath: await slimBundle(r.bundlePath, cacheDir) };
      } catch (e) {
        // A cache that cannot be written costs time, not function: the shipped bundle works.
        console.warn(
          `gridloop: PostGIS slim bundle not made in ${cacheDir} (${String(e)}); opening with the full bundle`,
        );
        return r;
      }
    },
  };
}
