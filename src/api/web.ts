import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/**
 * The web console (web/dist, built by Vite) at `/`, the public portal at `/portal/` and the
 * cockpit wall at `/cockpit/` (their own index.html files beside it, sharing dist/assets). Only the built files are routes (no
 * wildcard): the console uses hash routes, so nothing here can shadow /api, /open311, /healthz
 * or /metrics, and an unknown path keeps the platform's 404. Hashed assets are cached for good;
 * index.html is revalidated so a new release is picked up.
 */
export async function registerWebConsole(app: FastifyInstance, dir: string): Promise<boolean> {
  if (!existsSync(join(dir, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    decorateReply: false,
    setHeaders: (res, path) => {
      res.header(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
    schemaHide: true,
  });
  return true;
}
