import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CITY,
  DEMO_ROLES_BY_LEVEL,
  DISTRICTS,
  handlerUsername,
} from '../../src/domain/demo-city/index.ts';
import { verifyPassword } from '../../src/services/access/password.ts';
import { DEMO_PASSWORD, listDemoUsers } from '../../src/services/demo/load-demo.ts';
import { closeCaseWorld, openCaseWorld } from '../helpers/app.ts';
import { OWN, reportBody, type CaseWorld } from '../factories.ts';

type CaseBody = { id: string; status: string; version: number; loopLevel: string };

let w: CaseWorld;

beforeAll(async () => {
  w = await openCaseWorld();
}, 120_000);
afterAll(() => closeCaseWorld(w));

async function userRows() {
  const r = await w.db.query<{
    username: string;
    role: string;
    district_code: string;
    unit_id: string | null;
    password_hash: string;
    disabled: boolean;
  }>('SELECT username, role, district_code, unit_id, password_hash, disabled FROM users');
  return r.rows;
}

async function queue(username: string, q: string): Promise<string[]> {
  const res = await w.app.inject({
    method: 'GET',
    url: `/api/v1/cases?queue=${q}&pageSize=200`,
    headers: await w.auth(username),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { id: string }[] }>().items.map((i) => i.id);
}

async function act(username: string, c: CaseBody, path: string, body = {}): Promise<CaseBody> {
  const res = await w.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${c.id}/${path}`,
    headers: await w.auth(username),
    payload: { ...body, expectedVersion: c.version },
  });
  expect(res.statusCode, `${path} by ${username}: ${res.body}`).toBe(200);
  return res.json<{ case: CaseBody }>().case;
}

async function me(username: string) {
  const res = await w.app.inject({
    method: 'GET',
    url: '/api/v1/auth/me',
    headers: await w.auth(username),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ user: { role: string; districtCode: string; unitId?: string | null } }>().user;
}

describe('demo logins: every role at every loop level, a handler for every unit', () => {
  it('has a login for every role of the city centre and of each district centre, and each signs in', async () => {
    const centres = [
      { level: 'city' as const, code: CITY.code },
      ...DISTRICTS.map((d) => ({ level: 'district' as const, code: d.code })),
    ];
    const rows = await userRows();
    for (const { level, code } of centres) {
      for (const role of DEMO_ROLES_BY_LEVEL[level]) {
        const found = rows.filter((u) => u.role === role && u.district_code === code);
        expect(found.length, `${role} at ${code}`).toBeGreaterThan(0);
        const username = found[0]!.username;
        expect(await me(username)).toMatchObject({ role, districtCode: code });
      }
    }
  });

  it('gives every unit a handler of its own who signs in with the demo password', async () => {
    const units = await w.db.query<{ id: string; kind: string; district_code: string }>(
      'SELECT id, kind, district_code FROM units ORDER BY id',
    );
    expect(units.rows.length).toBeGreaterThan(400);
    const byName = new Map((await userRows()).map((u) => [u.username, u]));
    const verified = new Map<string, boolean>();
    for (const unit of units.rows) {
      const u = byName.get(handlerUsername(unit.id));
      expect(u, unit.id).toMatchObject({
        role: 'unit_handler',
        unit_id: unit.id,
        district_code: unit.district_code,
        disabled: false,
      });
      // The demo logins share one hash: verify each distinct hash once.
      const hash = u!.password_hash;
      if (!verified.has(hash)) verified.set(hash, await verifyPassword(DEMO_PASSWORD, hash));
      expect(verified.get(hash)).toBe(true);
    }
    // And through the API, one unit of each kind.
    const kinds = new Map(units.rows.map((u) => [u.kind, u]));
    expect(kinds.size).toBe(6);
    for (const unit of kinds.values()) {
      expect(await me(handlerUsername(unit.id))).toMatchObject({
        role: 'unit_handler',
        unitId: unit.id,
      });
    }
  });

  it('lists every login it created for the start banner and the logins file', async () => {
    const listed = await listDemoUsers(w.deps);
    const names = new Set((await userRows()).map((u) => u.username));
    expect(listed.length).toBeGreaterThan(430);
    expect(listed.every((u) => names.has(u.username))).toBe(true);
    expect(new Set(listed.map((u) => u.username)).size).toBe(listed.length);
  });

  it('lets the city centre file a hotline case of the city loop, and only the unit it goes to sees it', async () => {
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: await w.auth('kunming.hotline_agent'),
      payload: await reportBody(w, 'hotline_agent', { source: 'hotline_12345' }),
    });
    expect(res.statusCode, res.body).toBe(201);
    let c = res.json<CaseBody>();
    expect(c).toMatchObject({ loopLevel: 'city', status: 'pending_verification' });
    // Verified on site by a city supervisor, filed and dispatched by the city centre.
    expect(await queue('kunming.city_supervisor', 'to_verify')).toContain(c.id);
    c = await act('kunming.city_supervisor', c, 'verify', { note: '现场属实' });
    expect(await queue('kunming.acceptance_operator', 'to_file')).toContain(c.id);
    c = await act('kunming.acceptance_operator', c, 'file');
    expect(await queue('kunming.dispatcher', 'to_dispatch')).toContain(c.id);
    // Units of the generated city: two street centres of the district, a community workstation
    // under the first, the district bureau and the city department.
    const [first, second] = DISTRICTS.find((d) => d.code === OWN)?.streets ?? [];
    const unitOf = async (kind: string, region: string) => {
      const r = await w.db.query<{ id: string }>(
        'SELECT id FROM units WHERE kind = $1 AND region_code LIKE $2 ORDER BY id LIMIT 1',
        [kind, `${region}%`],
      );
      return r.rows[0]!.id;
    };
    const street = await unitOf('street_centre', first!.code);
    const otherStreet = await unitOf('street_centre', second!.code);
    const others = [
      otherStreet,
      await unitOf('community_station', first!.code),
      await unitOf('district_bureau', OWN),
      await unitOf('city_department', CITY.code),
    ];
    c = await act('kunming.dispatcher', c, 'dispatch', { unitId: street });
    expect(c.status).toBe('dispatched');

    expect(await queue(handlerUsername(street), 'to_handle')).toContain(c.id);
    for (const other of others)
      expect(await queue(handlerUsername(other), 'to_handle'), other).not.toContain(c.id);
    const refused = await w.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/accept`,
      headers: await w.auth(handlerUsername(otherStreet)),
      payload: { expectedVersion: c.version },
    });
    expect(refused.statusCode).toBeGreaterThanOrEqual(403);
    c = await act(handlerUsername(street), c, 'accept');
    expect(c.status).toBe('handling');
  });
});
