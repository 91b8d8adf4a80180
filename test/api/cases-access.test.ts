import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canSee, isCityLevel, mayDo, type Principal } from '../../src/domain/access/index.ts';
import {
  capabilityForCaseAction,
  findTransition,
  type Case,
  type CaseActionKind,
} from '../../src/domain/cases/index.ts';
import type { CaseCommandKind } from '../../src/services/cases/commands.ts';
import { ACTION_ROUTES } from '../../src/api/v1/cases.schemas.ts';
import type { Db } from '../../src/store/db.ts';
import { closeCaseWorld, openCaseWorld } from '../helpers/app.ts';
import {
  OWN_UNIT,
  OWN_UNIT_2,
  act,
  caseIn,
  eventCount,
  openTestCase,
  type CaseWorld,
} from '../factories.ts';

/**
 * Access matrix: every role × every workflow action × own district (呈贡 530114), another
 * district (五华 530102) and the city centre (530100), each on a 呈贡 district-loop case in a
 * status where the action exists. The expected answer comes from the rules, not from the code
 * under test: capability (domain/access `mayDo`), visibility (`canSee`), the roles of the
 * transition row, then the region rule of the workflow written out below.
 */

const ACTORS = [
  // own district
  'supervisor',
  'acceptance_operator',
  'dispatcher',
  'unit_handler',
  'cg.unit2',
  'cg.hotline',
  'cg.commander',
  // other district
  'wh.supervisor',
  'wh.operator',
  'wh.dispatcher',
  'wh.unit',
  'wh.hotline',
  'wh.commander',
  // city centre
  'city_supervisor',
  'commander',
  'hotline_agent',
  'city.operator',
  'city.dispatcher',
  'admin',
] as const;

// The workflow's region rule (issue #3 §7): a unit acts on cases sent to it (assisting units on
// their assist feedback only); city staff on city-loop cases, plus spot checks and urging
// anywhere; district staff on their district's non-city cases.
const CITY_WIDE: ReadonlySet<CaseActionKind> = new Set(['spot_check_pass', 'reopen', 'urge']);
function inRegion(p: Principal, c: Case, kind: CaseActionKind): boolean {
  if (p.role === 'unit_handler') {
    const units = kind === 'assist_feedback' ? c.assistingUnitIds : [c.mainUnitId];
    return p.unitId !== undefined && units.includes(p.unitId);
  }
  if (isCityLevel(p)) return c.loopLevel === 'city' || CITY_WIDE.has(kind);
  return c.districtCode === p.districtCode && c.loopLevel !== 'city';
}

type Outcome =
  'ok' | 'auth.forbidden' | 'case.not_found' | 'case.role_not_allowed' | 'case.region_not_allowed';
const STATUS: Record<Outcome, number> = {
  ok: 200,
  'auth.forbidden': 403,
  'case.not_found': 404,
  'case.role_not_allowed': 403,
  'case.region_not_allowed': 403,
};

function expected(p: Principal, kind: CaseActionKind, c: Case): Outcome {
  const cap = capabilityForCaseAction(kind);
  if (cap === undefined || !mayDo(p.role, cap)) return 'auth.forbidden';
  const regionCodes = [c.streetCode, c.communityCode, c.gridCode].filter((x) => x !== null);
  const unitIds = [c.mainUnitId, ...c.assistingUnitIds].filter((x) => x !== null);
  if (!canSee(p, { districtCode: c.districtCode, regionCodes, unitIds })) return 'case.not_found';
  const row = findTransition(c.status, kind);
  if (!row) throw new Error(`scenario for ${kind} starts in ${c.status}, which has no row`);
  if (!row.roles.includes(p.role)) return 'case.role_not_allowed';
  return inRegion(p, c, kind) ? 'ok' : 'case.region_not_allowed';
}

let db: Db;
let w: CaseWorld;

beforeAll(async () => {
  w = await openCaseWorld();
  db = w.db;
}, 120_000);
afterAll(() => closeCaseWorld(w));

const handling = () => caseIn(w, 'handling');
const requested =
  (kind: 'request_extension' | 'request_hold', by = 'unit_handler') =>
  async () =>
    act(w, by, await handling(), { kind, reason: '需要更多时间' });

/** For each action: a case where its row exists, and a valid body. */
const SCENARIOS: Record<
  CaseCommandKind,
  {
    setup: () => Promise<Case>;
    body: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  }
> = {
  verify: { setup: () => openTestCase(w, 'cg.hotline'), body: () => ({}) },
  file: { setup: () => caseIn(w, 'pending_filing'), body: () => ({}) },
  refuse_filing: { setup: () => caseIn(w, 'pending_filing'), body: () => ({ reason: '不属实' }) },
  dispatch: { setup: () => caseIn(w, 'pending_dispatch'), body: () => ({ unitId: OWN_UNIT }) },
  redispatch: {
    setup: () => caseIn(w, 'dispatched'),
    body: () => ({ unitId: OWN_UNIT_2, reason: '派错单位' }),
  },
  handle_first: {
    setup: () => caseIn(w, 'pending_dispatch'),
    body: () => ({ unitId: OWN_UNIT, reason: '权属不明' }),
  },
  accept: { setup: () => caseIn(w, 'dispatched'), body: () => ({}) },
  send_back: { setup: handling, body: () => ({ reason: '非本单位职责' }) },
  feedback: { setup: handling, body: () => ({ note: '已处置', photoIds: ['p1'] }) },
  recheck_pass: { setup: () => caseIn(w, 'pending_recheck'), body: () => ({}) },
  rework: { setup: () => caseIn(w, 'pending_recheck'), body: () => ({ reason: '未整改到位' }) },
  close: { setup: () => caseIn(w, 'pending_close'), body: () => ({}) },
  evaluate: { setup: () => caseIn(w, 'closed'), body: () => ({ satisfaction: 4 }) },
  request_extension: { setup: handling, body: () => ({ reason: '需采购材料' }) },
  approve_extension: { setup: requested('request_extension'), body: () => ({}) },
  reject_extension: {
    setup: requested('request_extension'),
    body: () => ({ reason: '不符合条件' }),
  },
  request_hold: { setup: handling, body: () => ({ reason: '待施工条件' }) },
  approve_hold: { setup: requested('request_hold'), body: () => ({}) },
  reject_hold: { setup: requested('request_hold'), body: () => ({ reason: '不符合条件' }) },
  resume: {
    setup: async () =>
      act(w, 'dispatcher', await requested('request_hold')(), { kind: 'approve_hold' }),
    body: () => ({}),
  },
  request_cancel: { setup: handling, body: () => ({ reason: '重复案件' }) },
  approve_cancel: {
    setup: async () =>
      act(w, 'dispatcher', await handling(), { kind: 'request_cancel', reason: '重复' }),
    body: () => ({}),
  },
  reject_cancel: {
    setup: async () =>
      act(w, 'dispatcher', await handling(), { kind: 'request_cancel', reason: '重复' }),
    body: () => ({ reason: '并非重复' }),
  },
  urge: { setup: handling, body: () => ({ note: '请加快' }) },
  add_assisting_units: { setup: handling, body: () => ({ unitIds: [OWN_UNIT_2] }) },
  assist_feedback: {
    setup: async () =>
      act(w, 'dispatcher', await handling(), {
        kind: 'add_assisting_units',
        unitIds: [OWN_UNIT_2],
      }),
    body: () => ({ note: '已配合' }),
  },
  settle_responsibility: {
    setup: async () =>
      act(w, 'dispatcher', await caseIn(w, 'pending_dispatch'), {
        kind: 'handle_first',
        unitId: OWN_UNIT,
        reason: '权属不明',
      }),
    body: () => ({ unitId: OWN_UNIT_2 }),
  },
  merge: {
    setup: () => caseIn(w, 'pending_dispatch'),
    body: async () => ({ targetCaseId: (await caseIn(w, 'pending_filing')).id }),
  },
  spot_check_pass: { setup: () => caseIn(w, 'closed'), body: () => ({}) },
  reopen: { setup: () => caseIn(w, 'closed'), body: () => ({ reason: '抽查不合格' }) },
};

async function attempt(username: string, c: Case, kind: CaseCommandKind) {
  const res = await w.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${c.id}/${ACTION_ROUTES[kind].path}`,
    headers: await w.auth(username),
    payload: await SCENARIOS[kind].body(),
  });
  return {
    status: res.statusCode,
    code: res.statusCode === 200 ? 'ok' : res.json<{ code: string }>().code,
  };
}

describe('the access matrix: role × action × own/other district/city', () => {
  it.each(Object.keys(SCENARIOS) as CaseCommandKind[])(
    '%s is allowed exactly as the rules say',
    async (kind) => {
      const shared = await SCENARIOS[kind].setup();
      const rows: string[] = [];
      let allowed = 0;
      for (const username of ACTORS) {
        const p = w.principal(username);
        const want = expected(p, kind, shared);
        // A success changes the case, so each allowed actor gets a case of its own.
        const c = want === 'ok' ? await SCENARIOS[kind].setup() : shared;
        const before = await eventCount(db, c.id);
        const got = await attempt(username, c, kind);
        const after = await eventCount(db, c.id);
        if (got.code !== want || got.status !== STATUS[want]) {
          rows.push(
            `${username} (${p.role} ${p.districtCode}): want ${want}, got ${got.status} ${got.code}`,
          );
        }
        if (want === 'ok') {
          allowed++;
          expect(after, `${username} ${kind}`).toBe(before + 1);
        } else {
          expect(after, `${username} ${kind} wrote an event on refusal`).toBe(before);
        }
      }
      expect(rows).toEqual([]);
      expect(allowed, `${kind}: no actor in the matrix may do it`).toBeGreaterThan(0);
    },
  );
});

describe('the access matrix for intake', () => {
  // Supervisors open their own reports (上报); every other role registers one (登记).
  const openingOf = (p: Principal): CaseActionKind =>
    p.role === 'supervisor' || p.role === 'city_supervisor' ? 'report' : 'register';

  it('lets each role report in its own district or loop exactly as the rules say', async () => {
    const location = await w.pointIn('530114');
    const rows: string[] = [];
    for (const username of ACTORS) {
      const p = w.principal(username);
      const kind = openingOf(p);
      const cap = capabilityForCaseAction(kind);
      const row = findTransition('new', kind);
      const draft = {
        districtCode: '530114',
        loopLevel: isCityLevel(p) ? 'city' : 'district',
        mainUnitId: null,
        assistingUnitIds: [],
      } as unknown as Case;
      const want: Outcome =
        cap === undefined || !mayDo(p.role, cap)
          ? 'auth.forbidden'
          : !row?.roles.includes(p.role)
            ? 'case.role_not_allowed'
            : inRegion(p, draft, kind)
              ? 'ok'
              : 'case.region_not_allowed';
      const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM case_events');
      const res = await w.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: await w.auth(username),
        payload: {
          kind: w.category.kind,
          categoryCode: w.category.code,
          urgency: 'urgent',
          location,
          description: '占道经营',
        },
      });
      const after = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM case_events');
      const got = res.statusCode === 201 ? 'ok' : res.json<{ code: string }>().code;
      const wantStatus = want === 'ok' ? 201 : STATUS[want];
      if (got !== want || res.statusCode !== wantStatus) {
        rows.push(`${username}: want ${want}, got ${res.statusCode} ${got}`);
      }
      expect(after.rows[0]?.n).toBe((before.rows[0]?.n ?? 0) + (want === 'ok' ? 1 : 0));
    }
    expect(rows).toEqual([]);
  });
});
