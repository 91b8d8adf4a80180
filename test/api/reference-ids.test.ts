import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCaseWorld, openCaseWorld } from '../helpers/app.ts';
import { CITY, OTHER_UNIT, OWN, OWN_UNIT, type CaseWorld } from '../factories.ts';
import { DEMO_PASSWORD } from '../../src/services/demo/load-demo.ts';
import { ERRORS } from '../../src/api/errors/registry.ts';
import type { PreferredUnit } from '../../src/domain/intake/index.ts';
import { intake } from '../../src/services/intake/intake.ts';

/**
 * Every write route that names a district, region, unit or category by id checks that the id
 * names something that exists, is active where that matters, and lies in the caller's or the
 * record's scope: one row per (route, field, kind of bad id). A route that takes an id and is
 * missing here is a gap (issue #8 §2/§3). The workflow actions that name units (派遣, 改派, 协同,
 * 先行处置, 定责) are walked the same way in cases-loop-rules.test.ts.
 */

let w: CaseWorld;
const INACTIVE_UNIT = `u-${OWN}-retired`;
const UNKNOWN_DISTRICT = '539999'; // well-formed, in the city's range, no such district
const count = async (table: string) =>
  Number((await w.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n);

beforeAll(async () => {
  w = await openCaseWorld();
  const made = await w.app.inject({
    method: 'POST',
    url: '/api/v1/units',
    headers: await w.auth('admin'),
    payload: { id: INACTIVE_UNIT, regionCode: OWN, kind: 'district_bureau', nameZh: '已撤销单位' },
  });
  expect(made.statusCode, made.body).toBe(201);
  const off = await w.app.inject({
    method: 'PATCH',
    url: `/api/v1/units/${INACTIVE_UNIT}`,
    headers: await w.auth('admin'),
    payload: { active: false },
  });
  expect(off.statusCode, off.body).toBe(200);
}, 240_000);
afterAll(() => closeCaseWorld(w));

type Row = {
  readonly name: string;
  readonly as: string;
  readonly method: 'POST' | 'PUT' | 'GET';
  readonly url: string;
  readonly body?: () => Record<string, unknown>;
  readonly status: number;
  readonly code: string;
  /** The table a wrongly accepted request would have written to. */
  readonly table?: string;
};

let n = 0;
const user =
  (districtCode: string, unitId: string, role = 'unit_handler') =>
  () => ({
    username: `ref.${++n}`,
    role,
    districtCode,
    unitId,
    password: DEMO_PASSWORD,
  });
const rule = (over: Record<string, unknown>) => () => ({
  districtCode: OWN,
  categoryKind: w.category.kind,
  categoryCode: w.category.code,
  unitId: OWN_UNIT,
  ...over,
});

const ROWS: readonly Row[] = [
  // POST /users: a user's unit exists, is active and belongs to the user's district.
  ...(
    [
      ['an unknown unit', user(OWN, 'u-nope'), 'user.unit_not_found'],
      ['an inactive unit', user(OWN, INACTIVE_UNIT), 'user.unit_inactive'],
      ['a unit of another district', user(OWN, OTHER_UNIT), 'user.unit_outside_district'],
      [
        'a district unit for city staff',
        user(CITY, OWN_UNIT, 'dispatcher'),
        'user.unit_outside_district',
      ],
    ] as const
  ).map(([what, body, code]): Row => ({
    name: `POST /users with ${what}`,
    as: 'admin',
    method: 'POST',
    url: '/api/v1/users',
    body,
    status: 422,
    code,
    table: 'users',
  })),
  {
    name: 'PUT /step-time-limits for an unknown district',
    as: 'admin',
    method: 'PUT',
    url: `/api/v1/step-time-limits/${UNKNOWN_DISTRICT}/dispatch`,
    body: () => ({ amount: 2, unit: 'working_hours' }),
    status: 404,
    code: 'catalogue.unknown_district',
    table: 'step_time_limits',
  },
  {
    name: 'GET /step-time-limits of an unknown district',
    as: 'admin',
    method: 'GET',
    url: `/api/v1/step-time-limits?district=${UNKNOWN_DISTRICT}`,
    status: 404,
    code: 'catalogue.unknown_district',
  },
  {
    name: 'POST /units in an unknown region',
    as: 'admin',
    method: 'POST',
    url: '/api/v1/units',
    body: () => ({ regionCode: `${UNKNOWN_DISTRICT}001`, kind: 'district_bureau', nameZh: '无' }),
    status: 422,
    code: 'unit.region_not_found',
    table: 'units',
  },
  ...(
    [
      ['an unknown unit', rule({ unitId: 'u-nope' }), 'dispatch.unit_not_found'],
      ['an inactive unit', rule({ unitId: INACTIVE_UNIT }), 'dispatch.unit_inactive'],
      [
        'a unit of another district',
        rule({ unitId: OTHER_UNIT }),
        'dispatch.unit_outside_district',
      ],
      [
        'an unknown district',
        rule({ districtCode: UNKNOWN_DISTRICT }),
        'dispatch.unknown_district',
      ],
    ] as const
  ).map(([what, body, code]): Row => ({
    name: `POST /dispatch-rules with ${what}`,
    as: 'admin',
    method: 'POST',
    url: '/api/v1/dispatch-rules',
    body,
    status: 422,
    code,
    table: 'dispatch_rules',
  })),
];

describe('routes that name a district, region or unit refuse ids that name nothing usable', () => {
  it.each(ROWS.map((r) => [r.name, r] as const))('%s', async (_name, row) => {
    const before = row.table ? await count(row.table) : 0;
    const res = await w.app.inject({
      method: row.method,
      url: row.url,
      headers: await w.auth(row.as),
      ...(row.body ? { payload: row.body() } : {}),
    });
    expect(res.statusCode, res.body).toBe(row.status);
    expect(res.json()).toMatchObject({ code: row.code, message: { zh: expect.any(String) } });
    if (row.table) expect(await count(row.table)).toBe(before);
  });
});

/**
 * The intake seam's rows: a channel that sends a case directly (直派) to a unit it names by id
 * (Report.preferredUnit) is refused at the seam with 422 and its own code when the unit is
 * unknown, inactive or of another district, and nothing is written; a unit that serves the
 * district is taken.
 */
describe('the intake seam refuses a preferred unit id that names nothing usable', () => {
  const direct = async (preferredUnit: PreferredUnit) =>
    intake(
      w.deps,
      {
        channel: 'hotline_12345',
        externalRef: null,
        origin: { kind: 'client', clientId: 'city-12345', clientName: '12345 平台' },
        kind: w.category.kind,
        categoryCode: w.category.code,
        urgency: null,
        location: await w.pointIn(OWN),
        description: '井盖缺失',
        preferredUnit,
      },
      { routing: 'direct' },
    );

  it.each([
    ['an unknown unit', 'u-nope', 'intake.unit_not_found'],
    ['an inactive unit', INACTIVE_UNIT, 'intake.unit_inactive'],
    ['a unit of another district', OTHER_UNIT, 'intake.unit_outside_district'],
  ] as const)(
    'a direct report to %s (%s) answers 422 %s and writes nothing',
    async (_w, unitId, code) => {
      const before = await count('cases');
      const r = await direct({ unitId });
      expect(r).toMatchObject({ ok: false, error: { code, details: { unitId } } });
      expect(ERRORS[code]).toMatchObject({ status: 422, zh: expect.any(String) });
      expect(await count('cases')).toBe(before);
    },
  );

  it('a unit of the district is taken: the case is dispatched to it', async () => {
    const r = await direct({ unitId: OWN_UNIT });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.case).toMatchObject({ status: 'dispatched', mainUnitId: OWN_UNIT });
  });
});
