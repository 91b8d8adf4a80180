import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCaseWorld, openCaseWorld } from '../helpers/app.ts';
import { OTHER, OWN, type CaseWorld } from '../factories.ts';

/**
 * "Which unit would get this case" (issue #11, the dispatch-rule tester of the base-data admin):
 * the same matching as a real case's suggestion, for a category and a point, writing nothing.
 */
let w: CaseWorld;
let here: { lng: number; lat: number };

beforeAll(async () => {
  w = await openCaseWorld();
  here = await w.pointIn(OWN);
}, 120_000);
afterAll(async () => {
  await closeCaseWorld(w);
});

async function trial(username: string, query: string) {
  return w.app.inject({
    url: `/api/v1/dispatch-trial?${query}`,
    headers: await w.auth(username),
  });
}
const at = (p: { lng: number; lat: number }) => `lng=${p.lng}&lat=${p.lat}`;

describe('the dispatch-rule trial', () => {
  it('names the unit, the rule and why, for a category at a point, and writes nothing', async () => {
    const before = await w.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    const res = await trial('dispatcher', `categoryKind=event&categoryCode=03001&${at(here)}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.location.district.code).toBe(OWN);
    expect(body.loopLevel).toBe('district');
    expect(body.unit.id).toEqual(expect.any(String));
    expect(body.rule.unitId).toBe(body.unit.id);
    expect(body.reason.zh.length).toBeGreaterThan(0);
    const after = await w.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('follows a rule added for the grid: the new rule wins, and its deactivation undoes it', async () => {
    const first = (
      await trial('dispatcher', `categoryKind=event&categoryCode=03001&${at(here)}`)
    ).json();
    const grid = first.location.grid.code as string;
    const unitId = first.unit.id === `u-${OWN}-zjj` ? `u-${OWN}-cgj` : `u-${OWN}-zjj`;
    const made = await w.app.inject({
      method: 'POST',
      url: '/api/v1/dispatch-rules',
      headers: await w.auth('cg.commander'),
      payload: {
        id: 'trial-grid-rule',
        districtCode: OWN,
        categoryKind: 'event',
        categoryCode: '03001',
        regionLevel: 'grid',
        regionCode: grid,
        unitId,
      },
    });
    expect(made.statusCode, made.body).toBe(201);
    const now = (
      await trial('dispatcher', `categoryKind=event&categoryCode=03001&${at(here)}`)
    ).json();
    expect(now).toMatchObject({ unit: { id: unitId }, rule: { id: 'trial-grid-rule' } });
    const alternatives = now.alternatives as { unit: { id: string } }[];
    expect(alternatives.map((a) => a.unit.id)).toContain(first.unit.id);
    await w.app.inject({
      method: 'POST',
      url: '/api/v1/dispatch-rules/trial-grid-rule/deactivate',
      headers: await w.auth('cg.commander'),
    });
    const back = (
      await trial('dispatcher', `categoryKind=event&categoryCode=03001&${at(here)}`)
    ).json();
    expect(back.unit.id).toBe(first.unit.id);
  });

  it('refuses a point outside the caller’s district, outside every grid, and bad input', async () => {
    const there = await w.pointIn(OTHER);
    expect(
      (await trial('cg.commander', `categoryKind=event&categoryCode=03001&${at(there)}`))
        .statusCode,
    ).toBe(403);
    const outside = await trial('dispatcher', 'categoryKind=event&categoryCode=03001&lng=0&lat=0');
    expect(outside.statusCode).toBe(404);
    expect(outside.json().code).toBe('geo.outside_all_grids');
    expect(
      (await trial('dispatcher', `categoryKind=nope&categoryCode=03001&${at(here)}`)).statusCode,
    ).toBe(400);
  });
});
