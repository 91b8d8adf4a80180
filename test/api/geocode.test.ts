import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/services/apikeys/api-keys.ts';
import { closeCaseWorld, openCaseWorld } from '../helpers/app.ts';
import type { CaseWorld } from '../factories.ts';

/**
 * Address matching against the demo city's own base data (GET /api/v1/geocode), and an Open311
 * request located by its address_string alone.
 */
let w: CaseWorld;
let key = '';
type Shop = { address: string; grid_code: string; street_name: string; road_no: string };
let shop: Shop;

beforeAll(async () => {
  w = await openCaseWorld();
  const k = await createApiKey(w.deps, { clientName: 'address client', createdBy: null });
  if (!k.ok) throw new Error('key');
  key = k.value.key;
  // A storefront whose road and number no other storefront shares: its address is exact.
  const { rows } = await w.db.query<Shop>(
    `SELECT s.address, s.grid_code, r.name_zh AS street_name,
            substring(s.address from length(d.name_zh) + length(r.name_zh) + 1) AS road_no
       FROM storefronts s
       JOIN regions r ON r.code = left(s.grid_code, 9)
       JOIN regions d ON d.code = s.district_code
      WHERE (SELECT count(*) FROM storefronts o WHERE o.address = s.address) = 1
      ORDER BY s.id LIMIT 1`,
  );
  if (rows[0] === undefined) throw new Error('the demo city has no storefronts');
  shop = rows[0];
}, 300_000);
afterAll(() => closeCaseWorld(w));

type Match = {
  precision: string;
  label: string;
  streetCode: string | null;
  point: { lng: number; lat: number };
};
const geocode = async (query: Record<string, string>) => {
  const res = await w.app.inject({ method: 'GET', url: '/api/v1/geocode', query });
  return { status: res.statusCode, body: res.json<{ candidates: Match[]; code?: string }>() };
};

describe('address search against the base data', () => {
  it("finds a storefront's house address, and the point lies in the storefront's grid", async () => {
    const { status, body } = await geocode({ address: `云南省昆明市${shop.address}` });
    expect(status).toBe(200);
    const [best] = body.candidates;
    expect(best).toMatchObject({ precision: 'address', streetCode: shop.grid_code.slice(0, 9) });
    expect(best?.label).toBe(`${shop.street_name}${shop.road_no}`);
    const at = await w.app.inject({
      method: 'GET',
      url: '/api/v1/locate',
      query: { lng: String(best?.point.lng), lat: String(best?.point.lat) },
    });
    expect(at.json<{ grid: { code: string } }>().grid.code).toBe(shop.grid_code);
  });

  it('answers a street name with the street, and nothing for text naming no known place', async () => {
    const street = await geocode({ address: `${shop.street_name}附近` });
    expect(street.body.candidates[0]).toMatchObject({
      precision: 'street',
      streetCode: shop.grid_code.slice(0, 9),
    });
    expect((await geocode({ address: '月球背面' })).body.candidates).toEqual([]);
  });

  it('keeps to a region: another district finds none of this street', async () => {
    const other = shop.grid_code.startsWith('530102') ? '530103' : '530102';
    const { body } = await geocode({ address: shop.address, within: other });
    expect(body.candidates.filter((c) => c.streetCode === shop.grid_code.slice(0, 9))).toEqual([]);
  });

  it('refuses a malformed region code and an empty address in the error shape', async () => {
    const bad = await geocode({ address: 'x', within: '12ab' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('geo.invalid_code');
    const empty = await geocode({ address: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('request.invalid');
  });
});

describe('Open311 address_string', () => {
  const post = (fields: Record<string, string>) =>
    w.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.json',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        api_key: key,
        service_code: 'road-damage',
        ...fields,
      }).toString(),
    });

  it('locates a request that carries only an address in the grid of that address', async () => {
    const res = await post({ address_string: shop.address, description: '路面坑洼' });
    expect(res.statusCode).toBe(201);
    const [answer] = res.json<{ service_request_id: string }[]>();
    const { rows } = await w.db.query<{ grid_code: string; address: string }>(
      'SELECT grid_code, address FROM cases WHERE case_number = $1',
      [answer?.service_request_id],
    );
    expect(rows[0]).toEqual({ grid_code: shop.grid_code, address: shop.address });
  });

  it('refuses an address that only names a street, in the spec error format', async () => {
    const res = await post({ address_string: shop.street_name });
    expect(res.statusCode).toBe(400);
    const [e] = res.json<{ code: number; description: string }[]>();
    expect(e?.code).toBe(400);
    expect(e?.description).toContain('geocode.too_coarse');
  });
});
