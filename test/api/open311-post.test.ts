import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptsGzip } from '../../src/api/open311/send.ts';
import { refuseInserts } from '../helpers/refuse-inserts.ts';
import { createApiKey } from '../../src/services/apikeys/api-keys.ts';
import { REQUEST_LIST_MAX_STALE_MS } from '../../src/services/open311/requests.ts';
import { bearer, closeCaseWorld, loginAs, openCaseWorld } from '../helpers/app.ts';
import { expectSpecValid, parseXml } from '../helpers/open311.ts';
import { OWN, type CaseWorld } from '../factories.ts';

let w: CaseWorld;
let key = '';
let point = { lng: 0, lat: 0 };

beforeAll(async () => {
  w = await openCaseWorld();
  const k = await createApiKey(w.deps, { clientName: '市民App citizen app', createdBy: null });
  if (!k.ok) throw new Error('key');
  key = k.value.key;
  point = await w.pointIn(OWN);
}, 300_000);
afterAll(() => closeCaseWorld(w));

type Answer = { service_request_id: string; token: string | null; service_notice: string };

describe('Open311 POST /requests through the intake seam', () => {
  it('opens a case from a form-encoded request as the client system, and GET shows it without personal data', async () => {
    const res = await w.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        api_key: key,
        service_code: 'manhole-cover',
        lat: String(point.lat),
        long: String(point.lng),
        'attribute[cover_state]': 'missing',
        description: '人行道井盖不见了',
        first_name: '小明',
        last_name: '王',
        phone: '13900001111',
        email: 'x@example.org',
        media_url: 'https://img.example.org/a.jpg',
      }).toString(),
    });
    expect(res.statusCode, res.body).toBe(201);
    const [answer] = res.json<Answer[]>();
    expectSpecValid('post-request', res.json());
    if (!answer) throw new Error('no answer');
    const { rows } = await w.db.query<{
      source: string;
      status: string;
      description: string;
      reporter_phone: string;
      reporter_email: string;
      origin_client_id: string;
      id: string;
    }>(
      'SELECT id, source, status, description, reporter_phone, reporter_email, origin_client_id FROM cases WHERE case_number = $1',
      [answer.service_request_id],
    );
    expect(rows[0]).toMatchObject({
      source: 'open311',
      reporter_phone: '13900001111',
      reporter_email: 'x@example.org',
    });
    expect(rows[0]?.description).toContain('缺失 missing');

    const token = await w.app.inject(`/open311/v2/tokens/${answer.token ?? ''}.json`);
    expectSpecValid('tokens', token.json());
    expect(token.json()).toEqual([
      { service_request_id: answer.service_request_id, token: answer.token },
    ]);

    const got = await w.app.inject(
      `/open311/v2/requests/${answer.service_request_id}.json?extensions=true`,
    );
    expectSpecValid('service-requests', got.json());
    expect(got.json()).toMatchObject([
      {
        service_code: 'manhole-cover',
        status: 'open',
        media_url: 'https://img.example.org/a.jpg',
        extended_attributes: { channel: 'open311' },
      },
    ]);
    for (const personal of ['13900001111', '小明', 'x@example.org'])
      expect(got.body).not.toContain(personal);
    const list = await w.app.inject('/open311/v2/requests.json?extensions=true');
    expect(list.body).not.toContain('x@example.org');
    // Staff read the e-mail as a personal field: the desk that writes back in full, others masked.
    const emailSeenBy = async (username: string) => {
      const res = await w.app.inject({
        url: `/api/v1/cases/${rows[0]?.id}`,
        headers: bearer(await loginAs(w.app, username)),
      });
      return res.json<{ reporter: { email?: string } }>().reporter.email;
    };
    expect(await emailSeenBy('acceptance_operator')).toBe('x@example.org');
    expect(await emailSeenBy('dispatcher')).toBe('x***@example.org');
  });

  it('takes a JSON body and answers in XML', async () => {
    const res = await w.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      payload: {
        api_key: key,
        service_code: 'road-damage',
        lat: point.lat,
        long: point.lng,
        attribute: { size: 'large' },
        description: '路面塌陷',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const doc = parseXml(res.body) as {
      service_requests: { request: { service_request_id: string; token: string }[] };
    };
    expect(doc.service_requests.request[0]?.service_request_id).toMatch(/^\d{6}-\d{8}-\d{4,}$/);
  });

  it('leaves neither the case nor its Open311 record (nor its tracking code) when the record fails', async () => {
    const counts = async () =>
      (
        await w.db.query<{ cases: string; requests: string; codes: string }>(
          `SELECT (SELECT count(*) FROM cases) AS cases,
             (SELECT count(*) FROM open311_requests) AS requests,
             (SELECT count(*) FROM public_reports) AS codes`,
        )
      ).rows[0];
    const before = await counts();
    const lift = await refuseInserts(w.db, 'open311_requests');
    const body = {
      api_key: key,
      service_code: 'road-damage',
      lat: point.lat,
      long: point.lng,
      attribute: { size: 'large' },
      description: '路面坑洼',
      media_url: 'https://img.example.org/b.jpg',
    };
    try {
      const res = await w.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        payload: body,
      });
      expect(res.statusCode).toBe(507);
      expect(await counts()).toEqual(before);
    } finally {
      await lift();
    }
    const res = await w.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: body,
    });
    expect(res.statusCode, res.body).toBe(201);
    const after = await counts();
    expect(Number(after?.cases)).toBe(Number(before?.cases) + 1);
    expect(Number(after?.requests)).toBe(Number(before?.requests) + 1);
  });

  it('shares a request list for a second: a new request shows in the list once the second is over', async () => {
    const list = async () =>
      (await w.app.inject('/open311/v2/requests.json?status=open')).json<
        { service_request_id: string }[]
      >();
    const before = await list();
    const res = await w.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      payload: { api_key: key, service_code: 'road-damage', lat: point.lat, long: point.lng },
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<Answer[]>()[0]?.service_request_id;
    // The same ask within REQUEST_LIST_MAX_AGE_MS is answered from the shared list ...
    expect(await list()).toEqual(before);
    // ... and once it is too stale, read again; a single request is always read fresh.
    w.clock.set(new Date(w.clock.now().getTime() + REQUEST_LIST_MAX_STALE_MS));
    expect((await list()).map((r) => r.service_request_id)).toContain(id);
    w.clock.set(new Date(w.clock.now().getTime() - REQUEST_LIST_MAX_STALE_MS));
    expect((await w.app.inject(`/open311/v2/requests/${id ?? ''}.json`)).statusCode).toBe(200);
  });

  it('sends a shared list gzipped to a client that takes gzip, the same bytes unpacked', async () => {
    const plain = await w.app.inject('/open311/v2/requests.json');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-encoding');
    const packed = await w.app.inject({
      url: '/open311/v2/requests.json',
      headers: { 'accept-encoding': 'br;q=1.0, gzip;q=0.8' },
    });
    expect(packed.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(packed.rawPayload).toString('utf8')).toBe(plain.body);
    const refused = await w.app.inject({
      url: '/open311/v2/requests.json',
      headers: { 'accept-encoding': 'gzip;q=0, identity' },
    });
    expect(refused.headers['content-encoding']).toBeUndefined();
  });
});

describe('Accept-Encoding', () => {
  it.each([
    ['gzip', true],
    ['gzip, deflate, br', true],
    ['GZIP;q=0.5', true],
    ['*', true],
    ['gzip;q=0', false],
    ['gzip;q=0.0, deflate', false],
    ['deflate, br', false],
    ['', false],
    [undefined, false],
  ] as const)('%s takes gzip: %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});
