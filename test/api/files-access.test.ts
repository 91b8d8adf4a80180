import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/build-app.ts';
import type { Db } from '../../src/store/db.ts';
import { freshDb } from '../helpers/db.ts';
import { OTHER, OWN, act, caseIn, caseWorld, type CaseWorld } from '../factories.ts';

// Two different 1×1 PNGs (the second differs in its last data byte), judged by their bytes.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

let db: Db;
let w: CaseWorld;
let app: FastifyInstance;
let dataDir: string;

beforeAll(async () => {
  db = await freshDb();
  w = await caseWorld(db);
  dataDir = await mkdtemp(join(tmpdir(), 'gridloop-files-access-'));
  app = await buildApp({ ...w.deps, dataDir }, { sessionSecret: 'cases-test-secret' });
  await app.ready();
}, 120_000);
afterAll(async () => {
  await app.close();
  await w.app.close();
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function upload(username: string): Promise<string> {
  const boundary = '----gridloop-files-access';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="p.png"\r\n` +
        `Content-Type: image/png\r\n\r\n`,
    ),
    PNG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      ...(await w.auth(username)),
    },
    payload,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json<{ id: string }>().id;
}

async function fetchAs(username: string | null, fileId: string): Promise<number> {
  const headers = username === null ? {} : await w.auth(username);
  return (await app.inject({ url: `/api/v1/files/${fileId}`, headers })).statusCode;
}

async function report(username: string, districtCode: string, photoIds: string[]) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: await w.auth(username),
    payload: {
      kind: w.category.kind,
      categoryCode: w.category.code,
      urgency: 'normal',
      location: await w.pointIn(districtCode),
      description: '照片',
      photoIds,
    },
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json<{ id: string }>().id;
}

describe('file access follows the case the file is attached to', () => {
  it('does not let another district read a photo by naming its id in its own case or action', async () => {
    // 五华区's supervisor attaches a photo to a 五华区 case.
    const theirs = await upload('wh.supervisor');
    await report('wh.supervisor', OTHER, [theirs]);
    expect(await fetchAs('wh.supervisor', theirs)).toBe(200);
    expect(await fetchAs('supervisor', theirs)).toBe(404);
    // 呈贡区 names the id in a report and in a verification: still nothing to read.
    const ours = await report('supervisor', OWN, [theirs]);
    const verify = await app.inject({
      method: 'POST',
      url: `/api/v1/cases/${ours}/verify`,
      headers: await w.auth('supervisor'),
      payload: { note: '核实', photoIds: [theirs] },
    });
    expect(verify.statusCode).toBeLessThan(500);
    for (const u of ['supervisor', 'acceptance_operator', 'dispatcher', 'cg.commander'])
      expect({ u, status: await fetchAs(u, theirs) }).toEqual({ u, status: 404 });
    expect(await fetchAs(null, theirs)).toBe(401);
  });

  it('does not let someone else attach an unattached upload to their case', async () => {
    const loose = await upload('wh.supervisor');
    await report('supervisor', OWN, [loose]);
    const row = await db.query<{ case_id: string | null }>(
      'SELECT case_id FROM files WHERE id = $1',
      [loose],
    );
    expect(row.rows[0]?.case_id).toBeNull();
    expect(await fetchAs('acceptance_operator', loose)).toBe(404);
    expect(await fetchAs('wh.supervisor', loose)).toBe(200);
  });

  it('attaches a unit’s feedback photo to the case, so the re-checking supervisor reads it and the uploader no longer needs to own it', async () => {
    const c = await caseIn(w, 'handling');
    const after = await upload('unit_handler');
    await act(w, 'unit_handler', c, { kind: 'feedback', note: '已处置', photoIds: [after] });
    const row = await db.query<{ case_id: string | null }>(
      'SELECT case_id FROM files WHERE id = $1',
      [after],
    );
    expect(row.rows[0]?.case_id).toBe(c.id);
    expect(await fetchAs('supervisor', after)).toBe(200);
    expect(await fetchAs('wh.supervisor', after)).toBe(404);
    expect(await fetchAs('wh.unit', after)).toBe(404);
  });
});
