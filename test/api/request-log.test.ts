import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/build-app.ts';
import { redactUrl } from '../../src/api/plugins/request-log.ts';
import type { Db } from '../../src/store/db.ts';
import { freshDb } from '../helpers/db.ts';
import { demoDeps } from '../helpers/demo.ts';

describe('the URL as the request log keeps it', () => {
  it.each([
    [
      '/open311/v2/requests.json?api_key=o311_abc&status=open',
      '/open311/v2/requests.json?api_key=[redacted]&status=open',
    ],
    ['/x?status=open&API_KEY=1', '/x?status=open&API_KEY=[redacted]'],
    ['/x?api%5Fkey=s3cret', '/x?api%5Fkey=[redacted]'],
    [
      '/x?token=a&code=123456&password=p&secret=s',
      '/x?token=[redacted]&code=[redacted]&password=[redacted]&secret=[redacted]',
    ],
    ['/x?service_code=road-damage&keys=1', '/x?service_code=road-damage&keys=1'],
    ['/x?%E0%A4%A=1&api_key', '/x?%E0%A4%A=1&api_key'],
    ['/api/v1/cases', '/api/v1/cases'],
  ])('%s → %s', (url, logged) => {
    expect(redactUrl(url)).toBe(logged);
  });
});

describe('the HTTP log', () => {
  let db: Db;
  let app: FastifyInstance;
  const lines: string[] = [];
  beforeAll(async () => {
    db = await freshDb();
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    app = await buildApp(demoDeps(db), { logger: { level: 'info', stream } });
    await app.ready();
  }, 300_000);
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it("never writes an Open311 client's api_key, on a refused request or an answered one", async () => {
    const key = 'o311_THIS-MUST-NOT-BE-LOGGED';
    await app.inject({
      method: 'POST',
      url: `/open311/v2/requests.json?api_key=${key}`,
      payload: {},
    });
    await app.inject({ method: 'GET', url: `/open311/v2/services.json?api_key=${key}` });
    const log = lines.join('');
    expect(log).toContain('/open311/v2/services.json?api_key=[redacted]');
    expect(log).not.toContain(key);
  });
});
