import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DEMO_PASSWORD } from '../src/services/demo/load-demo.ts';

/** A `gridloop serve` process the benchmarks send their load to (they are only the clients). */
export type Server = { readonly url: string; readonly child: ChildProcess };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => {
        if (a && typeof a === 'object') resolve(a.port);
        else reject(new Error('no port'));
      });
    });
  });
}

/**
 * Starts `gridloop serve` in its own process on loopback with `env` (DATABASE_URL, secrets, ...);
 * resolves once /healthz answers. `serverLog` shows the server's stdout.
 */
export async function startServer(
  env: Record<string, string>,
  opts: { readonly serverLog?: boolean } = {},
): Promise<Server> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, '..', 'src', 'cli', 'main.ts'), 'serve'],
    {
      env: {
        ...process.env,
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', opts.serverLog ? 'inherit' : 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}`;
  // A busy shared machine can take minutes to start it (BENCH_SERVE_WAIT_S, default 60).
  const waitS = Number(process.env.BENCH_SERVE_WAIT_S ?? 60);
  for (let i = 0; i < waitS * 10; i++) {
    if (child.exitCode !== null) throw new Error(`gridloop serve exited with ${child.exitCode}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { url, child };
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  child.kill();
  throw new Error(`gridloop serve did not answer within ${waitS} s`);
}

export async function stopServer(s: Server): Promise<void> {
  if (s.child.exitCode !== null) return;
  const exited = new Promise((r) => s.child.once('exit', r));
  s.child.kill('SIGTERM');
  await exited;
}

/** Signs a demo user in and returns the session token. */
export async function login(url: string, username: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}
