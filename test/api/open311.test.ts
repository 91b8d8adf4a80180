import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, revokeApiKey } from '../../src/services/apikeys/api-keys.ts';
import { closeCaseWorld, openCaseWorld } from '../helpers/app.ts';
import { expectSpecValid, parseXml } from '../helpers/open311.ts';
import { act, openTestCase, type CaseWorld } from '../factories.ts';

let w: CaseWorld;
let key = '';
let revokedKey = '';
/** the city 12345 platform's key (scope hotline_exchange): no key to Open311 */
let hotlineKey = '';

beforeAll(async () => {
  w = await openCaseWorld();
  const k = await createApiKey(w.deps, { clientName: '测试客户端 test client', createdBy: null });
  const r = await createApiKey(w.deps, { clientName: 'revoked client', createdBy: null });
  if (!k.ok || !r.ok) throw new Error('keys');
  key = k.value.key;
  revokedKey = r.value.key;
  await revokeApiKey(w.deps, r.value.record.id, null);
  const h = await createApiKey(w.deps, {
    clientName: '12345 平台',
    scope: 'hotline_exchange',
    createdBy: null,
  });
  if (!h.ok) throw new Error('hotline key');
  hotlineKey = h.value.key;
}, 300_000);
afterAll(() => closeCaseWorld(w));

const get = (url: string) => w.app.inject({ method: 'GET', url });
const post = (url: string, payload: Record<string, unknown> | string, form = false) =>
  w.app.inject({
    method: 'POST',
    url,
    payload,
    headers: form ? { 'content-type': 'application/x-www-form-urlencoded' } : {},
  });

/** A JSON error answer in the spec's shape, with the status the spec gives. */
function expectSpecError(res: { statusCode: number; json: () => unknown }, status: number) {
  expect(res.statusCode).toBe(status);
  const body = res.json() as { code: number }[];
  expectSpecValid('errors', body);
  expect(body[0]?.code).toBe(status);
}

describe('Open311 discovery and services', () => {
  it('serves discovery in JSON and XML', async () => {
    const j = await get('/open311/discovery.json');
    expect(j.statusCode).toBe(200);
    expectSpecValid('discovery', j.json());
    const x = await get('/open311/discovery.xml');
    expect(x.headers['content-type']).toContain('text/xml');
    const doc = parseXml(x.body) as { discovery: { endpoints: { endpoint: { url: string }[] } } };
    expect(doc.discovery.endpoints.endpoint[0]?.url).toMatch(/\/open311\/v2$/);
  });

  it('lists the service codes of the mapping file, each a catalogue category', async () => {
    const res = await get('/open311/v2/services.json');
    const services = res.json<{ service_code: string; metadata: boolean }[]>();
    expectSpecValid('services', services);
    expect(services.find((s) => s.service_code === 'road-damage')?.metadata).toBe(true);
    const { rows } = await w.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM categories
       WHERE scheme_id = 'gbt47678.5-2026' AND kind = 'event' AND code = ANY($1::text[])`,
      [
        [
          '06013',
          '01037',
          '01023',
          '02014',
          '03001',
          '04002',
          '06010',
          '06042',
          '06012',
          '07001',
          '06037',
          '06034',
          '09009',
          '09010',
          '09011',
          '09006',
          '09012',
          '08001',
          '06028',
          '06027',
          '06029',
          '06051',
          '10001',
          '10002',
        ],
      ],
    );
    expect(rows[0]?.n).toBe(services.length);
    const xml = parseXml((await get('/open311/v2/services.xml')).body) as {
      services: { service: { service_code: string }[] };
    };
    expect(xml.services.service.map((s) => s.service_code)).toEqual(
      services.map((s) => s.service_code),
    );
  });

  it('defines a service with its attributes; an unknown one is a 404 in the spec format', async () => {
    const res = await get('/open311/v2/services/manhole-cover.json');
    expectSpecValid('service-definition', res.json());
    expect(res.json()).toMatchObject({
      service_code: 'manhole-cover',
      attributes: [{ code: 'cover_state', datatype: 'singlevaluelist', required: true, order: 1 }],
    });
    const x = parseXml((await get('/open311/v2/services/manhole-cover.xml')).body) as {
      service_definition: { attributes: { attribute: { values: { value: unknown[] } }[] } };
    };
    expect(x.service_definition.attributes.attribute[0]?.values.value).toHaveLength(3);
    expectSpecError(await get('/open311/v2/services/no-such.json'), 404);
    const xe = await get('/open311/v2/services/no-such.xml');
    expect(xe.statusCode).toBe(404);
    const doc = parseXml(xe.body) as { errors: { error: { code: string; description: string }[] } };
    expect(doc.errors.error[0]?.code).toBe('404');
    expect(doc.errors.error[0]?.description).toContain('open311.unknown_service');
  });

  it('answers an unknown jurisdiction 404, an unknown path 404, a bad format 400, all in the spec format', async () => {
    expectSpecError(await get('/open311/v2/services.json?jurisdiction_id=elsewhere'), 404);
    expect((await get('/open311/v2/services.json?jurisdiction_id=gridloop')).statusCode).toBe(200);
    expectSpecError(await get('/open311/v2/nothing-here.json'), 404);
    // An unknown format answers in XML, the spec's default.
    const csv = await get('/open311/v2/services.csv');
    expect(csv.statusCode).toBe(400);
    expect(parseXml(csv.body)).toMatchObject({ errors: { error: [{ code: '400' }] } });
  });
});

describe('Open311 POST /requests keys', () => {
  const form = 'service_code=road-damage&lat=25.0&long=102.7&description=x';

  it('refuses a missing, wrong, revoked or other channel’s key with 403 before anything else', async () => {
    expectSpecError(
      await post('/open311/v2/requests.json', `${form}&api_key=${hotlineKey}`, true),
      403,
    );
    expectSpecError(await post('/open311/v2/requests.json', form, true), 403);
    expectSpecError(await post(`/open311/v2/requests.json?api_key=nope`, form, true), 403);
    expectSpecError(
      await post('/open311/v2/requests.json', `${form}&api_key=${revokedKey}`, true),
      403,
    );
    expectSpecError(
      await post('/open311/v2/requests.json', { service_code: 'x', api_key: 'o311_bad' }),
      403,
    );
    const x = await post('/open311/v2/requests.xml', form, true);
    expect(x.statusCode).toBe(403);
    expect(parseXml(x.body)).toMatchObject({ errors: { error: [{ code: '403' }] } });
  });

  it('with a good key: unknown service 404, no point 400, bad attribute 400, bad media_url 400', async () => {
    const k = `api_key=${key}`;
    expectSpecError(
      await post('/open311/v2/requests.json', `${k}&service_code=nope&lat=25&long=102.7`, true),
      404,
    );
    expectSpecError(
      await post(
        '/open311/v2/requests.json',
        `${k}&service_code=road-damage&address_string=某路1号`,
        true,
      ),
      400,
    );
    const noCover = await post(
      '/open311/v2/requests.json',
      `${k}&service_code=manhole-cover&lat=25&long=102.7`,
      true,
    );
    expectSpecError(noCover, 400);
    expect(noCover.json<{ description: string }[]>()[0]?.description).toContain(
      'attribute[cover_state]',
    );
    expectSpecError(
      await post('/open311/v2/requests.json', {
        api_key: key,
        service_code: 'manhole-cover',
        lat: 25,
        long: 102.7,
        'attribute[cover_state]': 'stolen',
      }),
      400,
    );
    expectSpecError(
      await post(
        '/open311/v2/requests.json',
        `${k}&service_code=dead-animal&lat=25&long=102.7&media_url=javascript:x`,
        true,
      ),
      400,
    );
  });

  it('counts a client against its own budget, not the per-address one', async () => {
    const small = await createApiKey(w.deps, {
      clientName: 'small',
      rateLimitPerMinute: 2,
      createdBy: null,
    });
    if (!small.ok) throw new Error('key');
    const body = `api_key=${small.value.key}&service_code=nope&lat=25&long=102.7`;
    expect((await post('/open311/v2/requests.json', body, true)).statusCode).toBe(404);
    expect((await post('/open311/v2/requests.json', body, true)).statusCode).toBe(404);
    const third = await post('/open311/v2/requests.json', body, true);
    expectSpecError(third, 429);
    expect(third.headers['retry-after']).toBeDefined();
  });

  it('keeps the key out of the audit log', async () => {
    const { rows } = await w.db.query<{ payload: unknown }>(
      `SELECT payload FROM audit_log WHERE route = '/open311/v2/requests.:format' ORDER BY at DESC LIMIT 20`,
    );
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toContain(key);
  });
});

describe('Open311 GET /requests', () => {
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    const start = w.clock.now();
    // 100 days ago: outside the default window.
    w.clock.set(new Date(start.getTime() - 100 * 86_400_000));
    ids.old = (await openTestCase(w, 'supervisor', { categoryCode: '06013' })).caseNumber;
    w.clock.set(new Date(start.getTime() - 10 * 86_400_000));
    ids.road = (await openTestCase(w, 'supervisor', { categoryCode: '06013' })).caseNumber;
    const filed = await openTestCase(w, 'supervisor', {
      categoryCode: '06010',
      description: '路边暴露垃圾',
    });
    ids.garbage = filed.caseNumber;
    w.clock.set(new Date(start.getTime() - 5 * 86_400_000));
    const c = await openTestCase(w, 'supervisor', { categoryCode: '06010' });
    await act(w, 'acceptance_operator', c, { kind: 'file' });
    ids.filed = c.caseNumber;
    w.clock.set(start);
  }, 300_000);

  type View = {
    service_request_id: string;
    status: string;
    status_notes: string;
    service_code: string;
    extended_attributes?: { status_ext: string; channel: string };
    notes?: { summary: string }[];
  };
  const list = async (q: string) => {
    const res = await get(`/open311/v2/requests.json${q}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json<View[]>();
    expectSpecValid('service-requests', body);
    return body;
  };

  it('serves the last 90 days by default, newest first, ids as strings', async () => {
    const body = await list('');
    const got = body.map((r) => r.service_request_id);
    expect(got).toContain(ids.road);
    expect(got).not.toContain(ids.old);
    expect(got.indexOf(ids.filed ?? '')).toBeLessThan(got.indexOf(ids.road ?? ''));
  });

  it('filters by id list (ignoring the others), service code, status and window', async () => {
    const byIds = await list(`?service_request_id=${ids.old},${ids.road}&status=closed`);
    expect(byIds.map((r) => r.service_request_id).sort()).toEqual([ids.old, ids.road].sort());
    const roads = await list('?service_code=road-damage');
    expect(roads.map((r) => r.service_request_id)).toEqual([ids.road]);
    expect(roads[0]?.service_code).toBe('road-damage');
    expect((await list('?status=closed')).map((r) => r.service_request_id)).not.toContain(ids.road);
    const open = await list('?status=open&service_code=exposed-garbage,road-damage');
    expect(open.map((r) => r.service_request_id).sort()).toEqual(
      [ids.filed, ids.garbage, ids.road].sort(),
    );
    const start = new Date(w.clock.now().getTime() - 7 * 86_400_000).toISOString();
    expect((await list(`?start_date=${start}`)).map((r) => r.service_request_id)).toEqual([
      ids.filed,
    ]);
    const oldStart = new Date(w.clock.now().getTime() - 120 * 86_400_000).toISOString();
    const oldEnd = new Date(w.clock.now().getTime() - 50 * 86_400_000).toISOString();
    expect(
      (await list(`?start_date=${oldStart}&end_date=${oldEnd}`)).map((r) => r.service_request_id),
    ).toEqual([ids.old]);
  });

  it('refuses a window over 90 days, a bad date and an unknown service code', async () => {
    expectSpecError(
      await get(
        '/open311/v2/requests.json?start_date=2025-01-01T00:00:00Z&end_date=2025-06-01T00:00:00Z',
      ),
      400,
    );
    expectSpecError(await get('/open311/v2/requests.json?start_date=yesterday'), 400);
    expectSpecError(await get('/open311/v2/requests.json?service_code=nope'), 404);
    expectSpecError(await get('/open311/v2/requests.json?status=pending'), 400);
  });

  it('puts the finer state in status_notes, and with extensions the state, channel and notes', async () => {
    const [plain] = await list(`?service_request_id=${ids.filed}`);
    expect(plain).toMatchObject({ status: 'open', status_notes: '待派遣 awaiting dispatch' });
    expect(plain?.extended_attributes).toBeUndefined();
    const [ext] = await list(`?service_request_id=${ids.filed}&extensions=true`);
    expect(ext?.extended_attributes).toMatchObject({
      status_ext: 'pending_dispatch',
      channel: 'supervisor',
    });
    expect(ext?.notes?.map((n) => n.summary)).toHaveLength(2);
  });

  it('shows nobody’s personal data', async () => {
    const res = await get(`/open311/v2/requests.json?extensions=true`);
    expect(res.body).not.toContain('13812345678');
    expect(res.body).not.toContain('张先生');
  });

  it('answers one request in JSON and XML, and 404 for an unknown one', async () => {
    const one = await get(`/open311/v2/requests/${ids.road}.json`);
    expectSpecValid('service-requests', one.json());
    const x = parseXml(
      (await get(`/open311/v2/requests/${ids.road}.xml?extensions=true`)).body,
    ) as {
      service_requests: {
        request: { service_request_id: string; lat: string; notes: { note: unknown[] } }[];
      };
    };
    expect(x.service_requests.request[0]?.service_request_id).toBe(ids.road);
    expect(Number(x.service_requests.request[0]?.lat)).toBeCloseTo(
      one.json<{ lat: number }[]>()[0]?.lat ?? 0,
    );
    expect(x.service_requests.request[0]?.notes.note).toHaveLength(1);
    expectSpecError(await get('/open311/v2/requests/530114-20200101-0001.json'), 404);
    expectSpecError(await get('/open311/v2/tokens/ZZZZZZZZZZ.json'), 404);
  });
});
