import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { ADMIN_AND_DISPATCHER, addUsers, bearer, loginAs, testApp } from '../helpers/app.ts';
import { testDeps } from '../helpers/deps.ts';
import { freshDb } from '../helpers/db.ts';

let db: Db;
let app: FastifyInstance;
let adminToken = '';
let dispatcherToken = '';

beforeAll(async () => {
  db = await freshDb();
  const deps = testDeps(db, new Date('2026-11-24T02:00:00Z'));
  await db.query(
    `INSERT INTO regions (code, level, parent_code, district_code, name_zh) VALUES
     ('530100', 'city', NULL, '530100', '昆明市'), ('530102', 'district', '530100', '530102', '五华区'),
     ('530103', 'district', '530100', '530103', '盘龙区')`,
  );
  await addUsers(deps, ADMIN_AND_DISPATCHER);
  app = await testApp(deps);
  adminToken = await loginAs(app, 'admin');
  dispatcherToken = await loginAs(app, 'wuhua.dispatcher');
});
afterAll(async () => {
  await app.close();
  await db.close();
});

describe('catalogue API', () => {
  it('lists the current national catalogue by default, with zh and en names and provenance', async () => {
    const res = await app.inject({ url: '/api/v1/categories?kind=component&big=01' });
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { code: string; name: { zh: string; en: string } }[] }>().items;
    expect(items).toHaveLength(76);
    expect(items[0]).toMatchObject({
      scheme: 'gbt47678.5-2026',
      code: '01001',
      name: { zh: '供水井盖', en: 'water supply manhole cover' },
      bigName: { zh: '市政公用设施', en: 'municipal utilities' },
      provenance: { confirmed: 'transcribed (not checked against official text)' },
    });
  });

  it('counts 153 components and 250 matters in GB/T 47678.5-2026', async () => {
    const count = async (kind: string) =>
      (await app.inject({ url: `/api/v1/categories?kind=${kind}` })).json<{ items: unknown[] }>()
        .items.length;
    expect([await count('component'), await count('event')]).toEqual([153, 250]);
  });

  it('shows one category with its standard, time limits in explicit units, and legacy codes', async () => {
    const res = await app.inject({ url: '/api/v1/categories/event/06010' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: { zh: '暴露垃圾', en: 'exposed garbage' },
      standard: {
        enabled: true,
        timeLimits: {
          urgent: { amount: 2, unit: 'calendar_hours' },
          normal: { amount: 1, unit: 'working_days' },
        },
        responsibleUnitKind: 'street_centre',
      },
      mappedFrom: expect.arrayContaining([
        expect.objectContaining({
          legacy: { scheme: 'cjt214-miniprogram', kind: 'event', code: '0102' },
        }),
      ]),
    });
  });

  it('lists the schemes with the current one as default, and the legacy mappings', async () => {
    const schemes = (await app.inject({ url: '/api/v1/category-schemes' })).json<{
      items: { id: string; isDefault: boolean }[];
    }>().items;
    expect(schemes.map((s) => [s.id, s.isDefault])).toEqual([
      ['gbt47678.5-2026', true],
      ['cjt214-chaoyang', false],
      ['cjt214-miniprogram', false],
    ]);
    const m = await app.inject({
      url: '/api/v1/category-mappings?scheme=cjt214-chaoyang&kind=component&code=0107',
    });
    expect(m.json()).toEqual({
      items: [
        expect.objectContaining({
          current: { scheme: 'gbt47678.5-2026', kind: 'component', code: '01007' },
          basis: 'order_and_synonym',
        }),
      ],
    });
  });

  it('answers unknown categories and schemes with clear codes', async () => {
    const cat = await app.inject({ url: '/api/v1/categories/event/06031' });
    expect(cat.statusCode).toBe(404);
    expect(cat.json()).toMatchObject({
      code: 'catalogue.unknown_category',
      message: { zh: expect.any(String), en: expect.any(String) },
    });
    const scheme = await app.inject({ url: '/api/v1/categories?scheme=gb-9999' });
    expect(scheme.json()).toMatchObject({ code: 'catalogue.unknown_scheme' });
  });

  it('lets an administrator override a district’s time limit, visible for that district only', async () => {
    const put = await app.inject({
      method: 'PUT',
      url: '/api/v1/category-overrides/530102/event/06012',
      headers: bearer(adminToken),
      payload: { timeLimits: { normal: { amount: 8, unit: 'working_hours' } }, note: '五华区' },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ districtCode: '530102', overridden: ['timeLimits.normal'] });
    const limit = async (district: string) =>
      (await app.inject({ url: `/api/v1/categories/event/06012?district=${district}` })).json<{
        standard: { timeLimits: { normal: unknown } };
      }>().standard.timeLimits.normal;
    expect(await limit('530102')).toEqual({ amount: 8, unit: 'working_hours' });
    expect(await limit('530103')).toEqual({ amount: 5, unit: 'working_hours' });
    const list = await app.inject({ url: '/api/v1/category-overrides?district=530102' });
    expect(list.json<{ items: unknown[] }>().items).toHaveLength(1);
    const table = await app.inject({
      url: '/api/v1/category-standards?kind=event&big=06&district=530102',
    });
    const rows = table.json<{ items: { code: string; standard: { overridden: string[] } }[] }>()
      .items;
    expect(rows).toHaveLength(51);
    expect(rows.filter((r) => r.standard.overridden.length > 0).map((r) => r.code)).toEqual([
      '06012',
    ]);
  });

  it('refuses a bad time-limit unit or amount and an unknown category, writing nothing', async () => {
    const put = (url: string, payload: object) =>
      app.inject({ method: 'PUT', url, headers: bearer(adminToken), payload });
    const unit = await put('/api/v1/category-overrides/530103/event/06012', {
      enabled: false,
      timeLimits: { normal: { amount: 3, unit: 'days' } },
    });
    const amount = await put('/api/v1/category-overrides/530103/event/06012', {
      timeLimits: { pressing: { amount: -1, unit: 'working_hours' } },
    });
    const unknown = await put('/api/v1/category-overrides/530103/event/06099', { enabled: false });
    expect([unit.statusCode, unit.json<{ code: string }>().code]).toEqual([
      400,
      'catalogue.invalid_time_limit',
    ]);
    expect(amount.json<{ code: string }>().code).toBe('catalogue.invalid_time_limit');
    expect([unknown.statusCode, unknown.json<{ code: string }>().code]).toEqual([
      404,
      'catalogue.unknown_category',
    ]);
    const list = await app.inject({ url: '/api/v1/category-overrides?district=530103' });
    expect(list.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('allows only administrators to change the catalogue', async () => {
    const url = '/api/v1/category-overrides/530102/event/06010';
    const anon = await app.inject({ method: 'PUT', url, payload: { enabled: false } });
    const dispatcher = await app.inject({
      method: 'PUT',
      url,
      headers: bearer(dispatcherToken),
      payload: { enabled: false },
    });
    expect([anon.statusCode, dispatcher.statusCode]).toEqual([401, 403]);
  });
});

describe('units API', () => {
  it('creates units (admin only) and returns them as a tree per district', async () => {
    const post = (payload: object, token = adminToken) =>
      app.inject({ method: 'POST', url: '/api/v1/units', headers: bearer(token), payload });
    const bureau = await post({
      id: 'wh-cgj',
      regionCode: '530102',
      kind: 'district_bureau',
      nameZh: '五华区城市管理局',
      nameEn: 'Wuhua Urban Management Bureau',
    });
    expect(bureau.statusCode).toBe(201);
    expect(
      (
        await post({
          parentId: 'wh-cgj',
          regionCode: '530102',
          kind: 'district_bureau',
          nameZh: '五华区环卫站',
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await post({ regionCode: '530103', kind: 'street_centre', nameZh: '盘龙某街道处置中心' }))
        .statusCode,
    ).toBe(201);
    expect(
      (await post({ regionCode: '530102', kind: 'utility', nameZh: 'x' }, dispatcherToken))
        .statusCode,
    ).toBe(403);

    const tree = await app.inject({ url: '/api/v1/units?district=530102' });
    expect(tree.json()).toEqual({
      items: [
        expect.objectContaining({
          id: 'wh-cgj',
          name: { zh: '五华区城市管理局', en: 'Wuhua Urban Management Bureau' },
          children: [
            expect.objectContaining({ name: { zh: '五华区环卫站', en: null }, children: [] }),
          ],
        }),
      ],
    });
    const one = await app.inject({ url: '/api/v1/units/wh-cgj' });
    expect(one.json<{ children: unknown[] }>().children).toHaveLength(1);
  });

  it('refuses a unit with an unknown region, parent or kind', async () => {
    const post = (payload: object) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/units',
        headers: bearer(adminToken),
        payload: { nameZh: '某单位', ...payload },
      });
    const codes = await Promise.all([
      post({ regionCode: '539999', kind: 'utility' }),
      post({ regionCode: '530102', kind: 'utility', parentId: 'nobody' }),
      post({ regionCode: '530102', kind: 'army' }),
    ]);
    expect(codes.map((r) => r.json<{ code: string }>().code)).toEqual([
      'unit.region_not_found',
      'unit.parent_not_found',
      'unit.invalid_kind',
    ]);
    expect((await app.inject({ url: '/api/v1/units/nobody' })).statusCode).toBe(404);
  });

  it('lets an administrator rename or retire a unit, never delete it', async () => {
    const patch = (payload: object, token = adminToken) =>
      app.inject({ method: 'PATCH', url: '/api/v1/units/wh-cgj', headers: bearer(token), payload });
    expect((await patch({ active: false }, dispatcherToken)).statusCode).toBe(403);
    const r = await patch({ nameZh: '五华区城市管理综合行政执法局', active: false });
    expect(r.json()).toMatchObject({
      id: 'wh-cgj',
      name: { zh: '五华区城市管理综合行政执法局' },
      active: false,
    });
    expect((await app.inject({ url: '/api/v1/units/wh-cgj' })).json()).toMatchObject({
      active: false,
    });
  });
});
