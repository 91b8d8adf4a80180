import { createHash } from 'node:crypto';
import { readdir, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite.ts';

/**
 * A seed for the embedded database's first start: an empty PGlite data directory with PostGIS
 * created and every migration applied, dumped once at install time (`npm install` runs
 * `gridloop seed`). A fresh data directory starts from it instead of running initdb, `CREATE
 * EXTENSION postgis` (thousands of statements) and the migrations, which were most of a first
 * start. It is named after the migrations and the PGlite and PostGIS packages, so a change to
 * any of them makes a new seed and an old one is never used; without a seed the first start does
 * that work itself and ends in the same database.
 */
export const SEED_DIR = fileURLToPath(
  new URL('../../node_modules/.cache/gridloop/', import.meta.url),
);

const MIGRATIONS = fileURLToPath(new URL('./migrations/', import.meta.url));

function packageVersion(name: string): string {
  const require = createRequire(import.meta.url);
  const main = require.resolve(name);
  const at = main.lastIndexOf(`node_modules/${name}/`);
  const json = `${main.slice(0, at)}node_modules/${name}/package.json`;
  return (require(json) as { version: string }).version;
}

/** The name of the seed for these migrations and packages (pure: what it is made of decides it). */
export function seedName(
  migrations: readonly { readonly name: string; readonly sql: string }[],
  packages: readonly string[],
): string {
  const h = createHash('sha256');
  for (const p of packages) h.update(`${p}\n`);
  for (const m of [...migrations].sort((a, b) => (a.name < b.name ? -1 : 1)))
    h.update(`${m.name}\n${m.sql}\n`);
  return `pglite-seed-${h.digest('hex').slice(0, 16)}.tar`;
}

async function currentSeedName(): Promise<string> {
  const files = (await readdir(MIGRATIONS)).filter((f) => f.endsWith('.sql'));
  const migrations = await Promise.all(
    files.map(async (name) => ({ name, sql: await readFile(join(MIGRATIONS, name), 'utf8') })),
  );
  return seedName(migrations, [
    `@electric-sql/pglite@${packageVersion('@electric-sql/pglite')}`,
    `@electric-sql/pglite-postgis@${packageVersion('@electric-sql/pglite-postgis')}`,
  ]);
}

/** Makes the seed in `dir` unless it is there; returns its path. */
export async function buildSeed(
  dir: string = SEED_DIR,
  extensionCacheDir?: string,
): Promise<{ path: string; built: boolean }> {
  const path = join(dir, await currentSeedName());
  if (await exists(path)) return { path, built: false };
  const db = await openPglite(extensionCacheDir === undefined ? {} : { extensionCacheDir });
  try {
    await migrate(db);
    const tar = await (db as unknown as { dumpDataDir(): Promise<Blob> }).dumpDataDir();
    await mkdir(dir, { recursive: true });
    // Written aside and renamed: a reader never sees half a seed.
    const part = `${path}.${process.pid}.part`;
    await writeFile(part, Buffer.from(await tar.arrayBuffer()));
    await rename(part, path);
  } finally {
    await db.close();
  }
  return { path, built: true };
}

/** The seed of this code, if one was made (null: the first start builds the database itself). */
export async function readSeed(dir: string = SEED_DIR): Promise<Blob | null> {
  const path = join(dir, await currentSeedName());
  return (await exists(path)) ? new Blob([await readFile(path)]) : null;
}

/** A data directory PGlite has not initialised yet (no PG_VERSION). */
export async function isFreshDataDir(dataDir: string): Promise<boolean> {
  return !(await exists(join(dataDir, 'PG_VERSION')));
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
