import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * A private PostgreSQL cluster for tests that stop, restart or kill the database: initdb into a
 * temporary directory, trust authentication, a free port on 127.0.0.1. The machine's shared
 * PostgreSQL is never touched. As root (initdb refuses to run as root) the server runs as the
 * `postgres` user through runuser.
 */
export type PgCluster = {
  readonly url: (database: string) => string;
  start(): Promise<void>;
  /** pg_ctl stop -m fast: sessions are terminated (57P01), the server goes away */
  stop(): Promise<void>;
  /** stops the server at once and removes its directory */
  destroy(): Promise<void>;
};

/** Where the server binaries are: PG_BIN, else the Debian/Ubuntu path of PostgreSQL 15. */
export const PG_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Null when a private cluster can be started here, else why not (the test's skip reason). */
export function privateClusterUnavailable(): string | null {
  for (const b of ['initdb', 'pg_ctl', 'postgres'])
    if (!existsSync(join(PG_BIN, b))) return `no PostgreSQL server binary ${join(PG_BIN, b)}`;
  if (asRoot && !existsSync('/usr/sbin/runuser') && !existsSync('/sbin/runuser'))
    return 'running as root without runuser to start PostgreSQL as the postgres user';
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a !== null ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function pg(bin: string, args: readonly string[]): Promise<void> {
  const cmd = join(PG_BIN, bin);
  if (asRoot) await run('runuser', ['-u', 'postgres', '--', cmd, ...args]);
  else await run(cmd, [...args]);
}

/** initdb + start; PostGIS is available when the server has it installed. */
export async function startPrivateCluster(): Promise<PgCluster> {
  const dir = await mkdtemp(join(tmpdir(), 'gridloop-pgfault-'));
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = join(dir, 'data');
  const port = await freePort();
  await pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => pg('pg_ctl', ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', 'start']);
  await start();
  return {
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    start,
    stop: () => pg('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    async destroy() {
      await pg('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
