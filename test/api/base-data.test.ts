import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/build-app.ts';
import { createUser } from '../../src/services/access/users.ts';
import { DEMO_PASSWORD } from '../../src/services/demo/load-demo.ts';
import type { Db } from '../../src/store/db.ts';
import { addUsers, bearer, loginAs } from '../helpers/app.ts';
import { freshDb } from '../helpers/db.ts';
import { demoDeps, loadSmallDemo } from '../helpers/demo.ts';

let db: Db;
let app: FastifyInstance;
let admin: Record<string, string>;
let dispatcher: Record<string, string>;
let grid: { code: string; community: string; district: string };

async function signIn(username: string): Promise<Record<string, string>> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: DEMO_PASSWORD },
  });
  expect(res.statusCode).toBe(200);
  return { authorization: `Bearer ${res.json<{ token: string }>().token}` };
}

beforeAll(async () => {
  db = await freshDb();
  await loadSmallDemo(db);
  app = await buildApp(demoDeps(db), { sessionSecret: 'base-data-test' });
  await app.ready();
  admin = await signIn('admin');
  dispatcher = await signIn('dispatcher');
  // The grid holding the most demo components, so the round trip moves real rows.
  const r = await db.query<{ code: string; community_code: string; district_code: string }>(
    `SELECT g.code, g.community_code, g.district_code FROM grids g
     JOIN components c ON c.grid_code = g.code GROUP BY g.code ORDER BY count(*) DESC, g.code LIMIT 1`,
  );
  const row = r.rows[0];
  if (!row) throw new Error('the demo city has no components');
  grid = { code: row.code, community: row.community_code, district: row.district_code };
});
afterAll(async () => {
  await app.close();
  await db.close();
});

const count = async (table: string) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n ?? 0;

describe('POST /api/v1/{grids,components,storefronts}/import', () => {
  it('requires a signed-in user with the grid.import capability', async () => {
    const body = { type: 'FeatureCollection', features: [] };
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/v1/grids/import',
      payload: body,
    });
    expect(anonymous.statusCode).toBe(401);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/grids/import',
      headers: dispatcher,
      payload: body,
    });
    expect(res.statusCode).toBe(403);
  });

  it('answers 422 import.invalid listing every problem by index with zh/en reasons, writing nothing', async () => {
    const before = await count('grids');
    const square = [
      [102.7, 25.04],
      [102.701, 25.04],
      [102.701, 25.041],
      [102.7, 25.041],
    ];
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/grids/import',
      headers: { ...admin, 'content-type': 'application/geo+json' },
      payload: JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { code: grid.code, name_zh: '重复' }, geometry: null },
          {
            type: 'Feature',
            properties: { code: '5301', name_zh: '未闭合' },
            geometry: { type: 'Polygon', coordinates: [square] },
          },
        ],
      }),
    });
    expect(res.statusCode).toBe(422);
    const body = res.json<{
      code: string;
      message: { zh: string; en: string };
      details: { count: number; problems: Record<string, unknown>[] };
    }>();
    expect(body.code).toBe('import.invalid');
    expect(body.message.zh).toContain('整体拒绝');
    expect(body.details.problems).toEqual([
      expect.objectContaining({ index: 0, code: 'geometry.missing' }),
      expect.objectContaining({ index: 1, field: 'code', code: 'code.wrong_shape' }),
      expect.objectContaining({ index: 1, code: 'geometry.ring_unclosed' }),
    ]);
    expect(body.details.problems[1]).toMatchObject({
      reason_zh: expect.stringContaining('格式错误'),
      reason_en: expect.stringContaining('wrong shape'),
    });
    expect(await count('grids')).toBe(before);
  });

  it('answers 422 for a body that is not JSON and 415 for a body that is neither GeoJSON nor CSV', async () => {
    const notJson = await app.inject({
      method: 'POST',
      url: '/api/v1/storefronts/import',
      headers: { ...admin, 'content-type': 'application/json' },
      payload: '{"type": "FeatureCollection",',
    });
    expect(notJson.statusCode).toBe(422);
    expect(notJson.json()).toMatchObject({
      details: { problems: [{ index: null, code: 'file.not_json' }] },
    });
    const xml = await app.inject({
      method: 'POST',
      url: '/api/v1/storefronts/import',
      headers: { ...admin, 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(xml.statusCode).toBe(415);
    expect(xml.json()).toMatchObject({ code: 'import.unsupported_media_type' });
  });

  it('refuses a CSV of grids that overlap the demo city and names the CSV line', async () => {
    const g = await db.query<{ wkt: string }>(
      'SELECT ST_AsText(geom) AS wkt FROM grids WHERE code = $1',
      [grid.code],
    );
    const csv = `code,name_zh,wkt\n${grid.community}999,叠加,"${g.rows[0]?.wkt}"\n`;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/grids/import?dry_run=true',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(res.statusCode).toBe(422);
    const problems = res.json<{ details: { problems: { line: number; code: string }[] } }>().details
      .problems;
    expect(problems).toContainEqual(expect.objectContaining({ line: 2, code: 'grid.overlap' }));
  });

  it('reads a CSV saved by Chinese Excel in GBK, with Chinese headers', async () => {
    const g = await db.query<{ wkt: string }>(
      'SELECT ST_AsText(geom) AS wkt FROM grids WHERE code = $1',
      [grid.code],
    );
    // 网格名称 in GBK: the alias of name_zh.
    const gbkHeader = Buffer.from([0xcd, 0xf8, 0xb8, 0xf1, 0xc3, 0xfb, 0xb3, 0xc6]);
    const payload = Buffer.concat([
      Buffer.from('code,'),
      gbkHeader,
      Buffer.from(`,wkt\r\n${grid.community}998,x,"${g.rows[0]?.wkt}"\r\n`),
    ]);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/grids/import?dry_run=true',
      headers: { ...admin, 'content-type': 'text/csv' },
      payload,
    });
    const codes = res
      .json<{ details: { problems: { code: string }[] } }>()
      .details.problems.map((p) => p.code);
    expect(codes).toContain('grid.overlap');
    expect(codes).not.toContain('field.missing');
  });
});

describe('export and round trip', () => {
  it('exports a grid’s components as CSV with a BOM and imports the same file back unchanged', async () => {
    const url = `/api/v1/components?grid=${grid.code}&format=csv&bom=true`;
    const first = await app.inject({ method: 'GET', url });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toContain('text/csv');
    expect(first.body.startsWith('\uFEFFcode,name_zh,')).toBe(true);
    const rows = first.body.trim().split('\r\n').length - 1;
    expect(rows).toBeGreaterThan(0);
    await db.query('DELETE FROM components WHERE grid_code = $1', [grid.code]);
    const imported = await app.inject({
      method: 'POST',
      url: `/api/v1/components/import?district=${grid.district}`,
      headers: { ...admin, 'content-type': 'text/csv; charset=utf-8' },
      payload: first.body,
    });
    expect(imported.json()).toMatchObject({ kind: 'components', count: rows, dry_run: false });
    const again = await app.inject({ method: 'GET', url });
    expect(again.body).toBe(first.body);
  });

  it('exports every region and imports the file into an empty database, answering kind regions', async () => {
    const exported = await app.inject({ method: 'GET', url: '/api/v1/regions/export' });
    expect(exported.statusCode).toBe(200);
    const regions = await count('regions');
    const empty = await freshDb();
    const other = await buildApp(demoDeps(empty), { sessionSecret: 'base-data-test' });
    try {
      await addUsers(demoDeps(empty), [
        { username: 'admin', role: 'admin', districtCode: '530100' },
      ]);
      const token = await loginAs(other, 'admin');
      const res = await other.inject({
        method: 'POST',
        url: '/api/v1/regions/import',
        headers: { ...bearer(token), 'content-type': 'application/geo+json' },
        payload: exported.body,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        kind: 'regions',
        count: regions,
        dry_run: false,
        spatial_revision: expect.any(Number),
      });
    } finally {
      await other.close();
      await empty.close();
    }
  });

  it('exports grids and storefronts of a district as GeoJSON FeatureCollections', async () => {
    const grids = await app.inject({
      method: 'GET',
      url: `/api/v1/grids/export?district=${grid.district}`,
    });
    expect(grids.statusCode).toBe(200);
    expect(grids.headers['content-type']).toContain('application/geo+json');
    const doc = grids.json<{ type: string; features: { properties: { code: string } }[] }>();
    expect(doc.type).toBe('FeatureCollection');
    expect(doc.features.map((f) => f.properties.code)).toContain(grid.code);
    const storefronts = await app.inject({
      method: 'GET',
      url: `/api/v1/storefronts/export?district=${grid.district}&format=csv`,
      headers: admin,
    });
    expect(storefronts.statusCode).toBe(200);
    expect(storefronts.body.split('\r\n')[0]).toBe(
      'id,name_zh,address,grid_code,district_code,operator_name,contact_phone,licence_no,duties,frontage_m,wkt',
    );
  });

  it('exports storefront operators and phones only to signed-in roles that need them, in their region, phones masked unless the role calls operators', async () => {
    const url = (district: string) => `/api/v1/storefronts/export?district=${district}&format=csv`;
    // The demo city draws storefronts downtown; sign in as staff of such a district.
    const d = await db.query<{ district_code: string }>(
      `SELECT district_code FROM storefronts WHERE contact_phone IS NOT NULL
       GROUP BY district_code ORDER BY district_code LIMIT 1`,
    );
    const district = d.rows[0]?.district_code.trim() ?? '';
    const other = district === '530114' ? '530102' : '530114';
    for (const [username, role] of [
      ['sf.dispatcher', 'dispatcher'],
      ['sf.supervisor', 'supervisor'],
    ] as const) {
      const r = await createUser(demoDeps(db), {
        username,
        role,
        districtCode: district,
        password: DEMO_PASSWORD,
      });
      expect(r.ok).toBe(true);
    }
    const sfDispatcher = await signIn('sf.dispatcher');
    const anonymous = await app.inject({ url: url(district) });
    expect(anonymous.statusCode).toBe(401);
    const unit = await app.inject({ url: url(district), headers: await signIn('unit_handler') });
    expect(unit.statusCode).toBe(403);
    const elsewhere = await app.inject({ url: url(other), headers: sfDispatcher });
    expect(elsewhere.statusCode).toBe(403);
    const rowsOf = (csv: string) =>
      csv
        .split('\r\n')
        .slice(1)
        .filter((l) => l !== '');
    const phonesOf = (csv: string) =>
      rowsOf(csv)
        .map((l) => l.split(',')[6] ?? '')
        .filter((p) => p !== '');
    const full = await app.inject({ url: url(district), headers: sfDispatcher });
    expect(full.statusCode).toBe(200);
    const fullPhones = phonesOf(full.body);
    expect(fullPhones.length).toBeGreaterThan(0);
    expect(fullPhones.every((p) => /^[0-9]{11}$/.test(p))).toBe(true);
    // Without a district a district role gets its own district only.
    const own = await app.inject({
      url: '/api/v1/storefronts/export?format=csv',
      headers: sfDispatcher,
    });
    expect(rowsOf(own.body).length).toBe(rowsOf(full.body).length);
    expect(rowsOf(own.body).every((l) => l.includes(`,${district},`))).toBe(true);
    const masked = await app.inject({ url: url(district), headers: await signIn('sf.supervisor') });
    expect(masked.statusCode).toBe(200);
    const maskedPhones = phonesOf(masked.body);
    expect(maskedPhones).toHaveLength(fullPhones.length);
    expect(maskedPhones.every((p) => /^[0-9]{3}\*{4}[0-9]{4}$/.test(p))).toBe(true);
  });

  it('exports a community’s demo grids and imports them back, gap- and overlap-free, after they were removed', async () => {
    const exported = await app.inject({
      method: 'GET',
      url: `/api/v1/grids/export?district=${grid.district}`,
    });
    const doc = exported.json<{
      type: string;
      features: { properties: { community_code: string } }[];
    }>();
    const mine = doc.features.filter((f) => f.properties.community_code === grid.community);
    expect(mine.length).toBeGreaterThan(1);
    await db.query(
      'DELETE FROM grid_staff_assignments WHERE grid_code IN (SELECT code FROM grids WHERE community_code = $1)',
      [grid.community],
    );
    await db.query('DELETE FROM grids WHERE community_code = $1', [grid.community]);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/grids/import',
      headers: { ...admin, 'content-type': 'application/geo+json' },
      payload: JSON.stringify({ type: 'FeatureCollection', features: mine }),
    });
    expect(res.json()).toMatchObject({ kind: 'grids', count: mine.length });
    const inside = await db.query<{ lng: number; lat: number }>(
      'SELECT ST_X(p) AS lng, ST_Y(p) AS lat FROM (SELECT ST_PointOnSurface(geom) AS p FROM grids WHERE code = $1) x',
      [grid.code],
    );
    const p = inside.rows[0];
    const located = await app.inject({
      method: 'GET',
      url: `/api/v1/locate?lng=${p?.lng}&lat=${p?.lat}`,
    });
    expect(located.json()).toMatchObject({ grid: { code: grid.code } });
  });

  it('answers 400 for an export filter of the wrong shape', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/components?category=1' });
    expect(res.statusCode).toBe(400);
  });
});
