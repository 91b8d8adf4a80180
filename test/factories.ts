import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/api/build-app.ts';
import { principalOf, type Principal, type Role } from '../src/domain/access/index.ts';
import type { Case, CaseStatus } from '../src/domain/cases/index.ts';
import { createUser, ensureUser } from '../src/services/access/users.ts';
import type { CaseCommand } from '../src/services/cases/commands.ts';
import { performCaseAction } from '../src/services/cases/perform-action.ts';
import { reportCase, type ReportCaseInput } from '../src/services/cases/report-case.ts';
import { DEMO_PASSWORD } from '../src/services/demo/load-demo.ts';
import type { Deps } from '../src/services/deps.ts';
import { countCaseEvents } from '../src/store/case-events.store.ts';
import type { Db } from '../src/store/db.ts';
import { loadSmallDemo } from './helpers/demo.ts';
import { createRuntime } from '../src/services/runtime.ts';

/**
 * Case factories on the demo city (seed 1): 呈贡区 530114 is "our" district (the demo role users
 * sit there), 五华区 530102 the "other" one, 530100 the city centre.
 */
export const OWN = '530114';
export const OTHER = '530102';
export const CITY = '530100';
export const OWN_UNIT = `u-${OWN}-cgj`; // the demo unit_handler's unit
export const OWN_UNIT_2 = `u-${OWN}-zjj`;
export const OTHER_UNIT = `u-${OTHER}-cgj`;

/** Users the demo city lacks: the same roles in another district, at city level, a second unit. */
export const EXTRA_USERS: readonly {
  username: string;
  role: Role;
  districtCode: string;
  unitId?: string;
}[] = [
  { username: 'cg.unit2', role: 'unit_handler', districtCode: OWN, unitId: OWN_UNIT_2 },
  { username: 'cg.hotline', role: 'hotline_agent', districtCode: OWN },
  { username: 'cg.commander', role: 'commander', districtCode: OWN },
  { username: 'wh.supervisor', role: 'supervisor', districtCode: OTHER },
  { username: 'wh.operator', role: 'acceptance_operator', districtCode: OTHER },
  { username: 'wh.dispatcher', role: 'dispatcher', districtCode: OTHER },
  { username: 'wh.unit', role: 'unit_handler', districtCode: OTHER, unitId: OTHER_UNIT },
  { username: 'wh.hotline', role: 'hotline_agent', districtCode: OTHER },
  { username: 'wh.commander', role: 'commander', districtCode: OTHER },
  { username: 'city.operator', role: 'acceptance_operator', districtCode: CITY },
  { username: 'city.dispatcher', role: 'dispatcher', districtCode: CITY },
];

/** A clock tests move by hand. */
export type TestClock = { now(): Date; set(at: Date): void; advanceHours(h: number): void };

export function testClock(start = new Date('2026-03-02T01:00:00Z')): TestClock {
  let at = start;
  return {
    now: () => at,
    set: (d) => {
      at = d;
    },
    advanceHours: (h) => {
      at = new Date(at.getTime() + h * 3_600_000);
    },
  };
}

export function caseDeps(db: Db, clock: TestClock): Deps {
  const silent = () => undefined;
  return {
    db,
    clock,
    newId: randomUUID,
    log: { info: silent, warn: silent, error: silent },
    dataDir: '/nonexistent',
    runtime: createRuntime(),
  };
}

/** A loaded demo city with the extra users, an app and a login per user. */
export type CaseWorld = {
  readonly db: Db;
  readonly deps: Deps;
  readonly clock: TestClock;
  readonly app: FastifyInstance;
  readonly principals: ReadonlyMap<string, Principal>;
  /** Principal of a user by username (throws for unknown users). */
  principal(username: string): Principal;
  /** A bearer header for the user (logs in once). */
  auth(username: string): Promise<{ authorization: string }>;
  /** A point inside some unit grid of the district (WGS84). */
  pointIn(districtCode: string): Promise<{ lng: number; lat: number }>;
  /** A category of the default scheme with a standard (same for every test). */
  readonly category: { kind: 'component' | 'event'; code: string };
};

async function firstCategory(db: Db) {
  const r = await db.query<{ kind: 'component' | 'event'; code: string }>(
    `SELECT s.kind, s.code FROM category_standards s
     WHERE s.scheme_id = 'gbt47678.5-2026' AND s.kind = 'event' ORDER BY s.code LIMIT 1`,
  );
  const row = r.rows[0];
  if (!row) throw new Error('no category with a standard in the test database');
  return row;
}

/** Loads the demo city, adds EXTRA_USERS and builds the app. Close `app` and `db` afterwards. */
export async function caseWorld(db: Db, clock = testClock()): Promise<CaseWorld> {
  const demo = await loadSmallDemo(db);
  const deps = caseDeps(db, clock);
  const principals = new Map<string, Principal>();
  for (const u of demo.users) {
    const r = await ensureUser(deps, { ...u, password: DEMO_PASSWORD });
    if (!r.ok) throw new Error(r.error.code);
    principals.set(u.username, principalOf(r.value));
  }
  for (const u of EXTRA_USERS) {
    const r = await createUser(deps, { ...u, password: DEMO_PASSWORD });
    if (!r.ok) throw new Error(`${u.username}: ${r.error.code}`);
    principals.set(u.username, principalOf(r.value));
  }
  const app = await buildApp(deps, { sessionSecret: 'cases-test-secret' });
  await app.ready();
  const tokens = new Map<string, string>();
  const points = new Map<string, { lng: number; lat: number }>();
  let ip = 0;
  const principal = (username: string): Principal => {
    const p = principals.get(username);
    if (!p) throw new Error(`no test user ${username}`);
    return p;
  };
  return {
    db,
    deps,
    clock,
    app,
    principals,
    principal,
    category: await firstCategory(db),
    async auth(username) {
      let token = tokens.get(username);
      if (token === undefined) {
        ip++;
        const res = await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: `10.9.${Math.floor(ip / 250)}.${ip % 250}`,
          payload: { username, password: DEMO_PASSWORD },
        });
        if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.body}`);
        token = res.json<{ token: string }>().token;
        tokens.set(username, token);
      }
      return { authorization: `Bearer ${token}` };
    },
    async pointIn(districtCode) {
      const hit = points.get(districtCode);
      if (hit) return hit;
      const r = await db.query<{ lng: number; lat: number }>(
        `SELECT ST_X(p) AS lng, ST_Y(p) AS lat
         FROM (SELECT ST_PointOnSurface(geom) AS p FROM grids
               WHERE district_code = $1 ORDER BY code LIMIT 1) g`,
        [districtCode],
      );
      const row = r.rows[0];
      if (!row) throw new Error(`no grid in ${districtCode}`);
      points.set(districtCode, row);
      return row;
    },
  };
}

/** The intake fields of a report by `username` in a district (every value overridable). */
export async function reportInput(
  w: CaseWorld,
  username: string,
  overrides: Partial<ReportCaseInput> & { districtCode?: string } = {},
): Promise<ReportCaseInput> {
  const { districtCode = OWN, ...rest } = overrides;
  return {
    principal: w.principal(username),
    kind: w.category.kind,
    categoryCode: w.category.code,
    urgency: 'normal',
    location: await w.pointIn(districtCode),
    description: '人行道井盖缺失',
    reporter: { name: '张先生', phone: '13812345678' },
    ...rest,
  };
}

/** The JSON body of POST /cases (or /intake/reports) for a report by `username`. */
export async function reportBody(
  w: CaseWorld,
  username: string,
  overrides: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  const input = await reportInput(w, username);
  return {
    kind: input.kind,
    categoryCode: input.categoryCode,
    urgency: input.urgency,
    location: input.location,
    description: input.description,
    reporter: input.reporter,
    ...overrides,
  };
}

/** Opens a case through the intake service; throws on refusal. */
export async function openTestCase(
  w: CaseWorld,
  username: string,
  overrides: Partial<ReportCaseInput> & { districtCode?: string } = {},
): Promise<Case> {
  const r = await reportCase(w.deps, await reportInput(w, username, overrides));
  if (!r.ok) throw new Error(`report: ${JSON.stringify(r.error)}`);
  return r.value.case;
}

/** Performs one action through the service as `username`; throws on refusal. */
export async function act(
  w: CaseWorld,
  username: string,
  c: Case,
  action: CaseCommand,
): Promise<Case> {
  const r = await performCaseAction(w.deps, {
    caseId: c.id,
    action,
    principal: w.principal(username),
  });
  if (!r.ok) throw new Error(`${action.kind} by ${username}: ${JSON.stringify(r.error)}`);
  return r.value.case;
}

/** The district-loop steps from a supervisor's report to each status (demo users of 530114). */
const PATH: readonly { to: CaseStatus; by: string; action: CaseCommand }[] = [
  { to: 'pending_dispatch', by: 'acceptance_operator', action: { kind: 'file' } },
  { to: 'dispatched', by: 'dispatcher', action: { kind: 'dispatch', unitId: OWN_UNIT } },
  { to: 'handling', by: 'unit_handler', action: { kind: 'accept' } },
  {
    to: 'pending_recheck',
    by: 'unit_handler',
    action: { kind: 'feedback', note: '已处置', photoIds: ['p-after'] },
  },
  { to: 'pending_close', by: 'supervisor', action: { kind: 'recheck_pass' } },
  { to: 'closed', by: 'acceptance_operator', action: { kind: 'close' } },
];

/**
 * A district-loop case of 呈贡区 reported by the demo supervisor and driven along the main path
 * to `status` (pending_filing ... closed).
 */
export async function caseIn(w: CaseWorld, status: CaseStatus): Promise<Case> {
  let c = await openTestCase(w, 'supervisor', { source: 'supervisor' });
  if (c.status === status) return c;
  for (const step of PATH) {
    c = await act(w, step.by, c, step.action);
    if (c.status === status) return c;
  }
  throw new Error(`caseIn: ${status} is not on the main path`);
}

/** Number of events a case has (a refusal must leave it unchanged). */
export async function eventCount(db: Db, caseId: string): Promise<number> {
  return countCaseEvents(db, caseId);
}
