import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/build-app.ts';
import { ACTION_ROUTES } from '../../src/api/v1/cases.schemas.ts';
import { canSee, mayDo, type Capability, type Principal } from '../../src/domain/access/index.ts';
import {
  capabilityForCaseAction,
  checkScope,
  findTransition,
  type Case,
  type CaseActionKind,
} from '../../src/domain/cases/index.ts';
import { createUser } from '../../src/services/access/users.ts';
import { actorOf, mayRead } from '../../src/services/cases/actor.ts';
import { getCase } from '../../src/services/cases/read-cases.ts';
import type { CaseCommandKind } from '../../src/services/cases/commands.ts';
import type { Db } from '../../src/store/db.ts';
import { TEST_PASSWORD, bearer, loginAs } from '../helpers/app.ts';
import { freshDb } from '../helpers/db.ts';
import { opKey, operationsOf, urlOf, type Operation } from '../helpers/openapi.ts';
import {
  OTHER,
  OTHER_UNIT,
  OWN,
  OWN_UNIT,
  OWN_UNIT_2,
  caseWorld,
  openTestCase,
  reportBody,
  type CaseWorld,
} from '../factories.ts';

/**
 * The role × action × region matrix (issue #8 §2). Every operation of the OpenAPI document has
 * one rule here; who passes a rule is computed from the capability table (domain/access mayDo)
 * and the one region function (canSee / mayRead), never written out by hand. Each operation is
 * called by every principal below (and anonymously) on a resource of their own district and of
 * another one: allowed → neither 401 nor 403; forbidden → 401, 403, or 404 where a resource of
 * another region does not exist for the caller. No 2xx answer may carry the other district's
 * case or file.
 */

/** Where an operation's resource lies, so it can be asked for in the own and the other district. */
type Region =
  | 'none' // not region-bound (reference data, administration)
  | 'case' // /cases/{id}…: the case's district, or the units it was sent to
  | 'file' // /files/{id}: the case the file is attached to
  | 'point' // a report: the district holding the reported point
  | 'district-query' // ?district=
  | 'assessment'; // ?district=, and a unit its own figures (services/indicators/assess.ts)

type Rule =
  | { readonly access: 'public'; readonly cityWide?: true }
  // A client system's api_key (Open311 POST /requests), or a reporter's token bought with a
  // one-time code (GET /public/my-reports): no session is ever enough.
  | { readonly access: 'client-key' | 'reporter-token'; readonly region: 'none' }
  | { readonly access: 'signed-in'; readonly region: Region }
  | {
      readonly access: 'capability';
      readonly capability: Capability;
      readonly region: Region;
      readonly caseAction?: CaseCommandKind;
      /** The opening a report route takes (default: report or register, by role). */
      readonly opening?: CaseActionKind;
    };

const PUBLIC: Rule = { access: 'public' };
// Open311 GET answers are public city-wide by the spec (as FixMyStreet's are): case numbers of
// every district, never personal data (test/api/open311.test.ts checks that).
const OPEN311_PUBLIC: Rule = { access: 'public', cityWide: true };
const cap = (
  capability: Capability,
  region: Region = 'none',
): Extract<Rule, { access: 'capability' }> => ({
  access: 'capability',
  capability,
  region,
});

/** Rules of the operations that are not case workflow actions. */
const RULES: Readonly<Record<string, Rule>> = {
  'GET /healthz': PUBLIC,
  'POST /api/v1/auth/login': PUBLIC,
  'POST /api/v1/auth/logout': { access: 'signed-in', region: 'none' },
  'GET /api/v1/auth/me': { access: 'signed-in', region: 'none' },
  'PUT /api/v1/auth/password': { access: 'signed-in', region: 'none' },
  'GET /api/v1/users': cap('user.admin'),
  'POST /api/v1/users': cap('user.admin'),
  'GET /api/v1/users/{id}': cap('user.admin'),
  'PATCH /api/v1/users/{id}': cap('user.admin'),
  'PUT /api/v1/users/{id}/password': cap('user.admin'),
  'GET /api/v1/audit': cap('audit.read'),
  'GET /api/v1/api-keys': cap('api_key.admin'),
  'POST /api/v1/api-keys': cap('api_key.admin'),
  'POST /api/v1/api-keys/{id}/revoke': cap('api_key.admin'),
  'GET /open311/discovery.{format}': OPEN311_PUBLIC,
  'POST /open311/v2/requests.{format}': { access: 'client-key', region: 'none' },
  'GET /open311/v2/services.{format}': OPEN311_PUBLIC,
  'GET /open311/v2/services/{service_code}.{format}': OPEN311_PUBLIC,
  'GET /open311/v2/requests.{format}': OPEN311_PUBLIC,
  'GET /open311/v2/requests/{service_request_id}.{format}': OPEN311_PUBLIC,
  'GET /open311/v2/tokens/{token}.{format}': OPEN311_PUBLIC,
  'GET /api/v1/assessment': cap('indicator.read', 'assessment'),
  'GET /api/v1/assessment/{indicator}/cases': cap('indicator.read', 'assessment'),
  'GET /api/v1/assessment/report': cap('report.export', 'assessment'),
  'GET /api/v1/locate': PUBLIC,
  'GET /api/v1/geocode': PUBLIC,
  'GET /api/v1/grids': PUBLIC,
  'GET /api/v1/map-settings': PUBLIC,
  'GET /api/v1/tiles/{layer}/{z}/{x}/{y}.mvt': PUBLIC,
  // The case layer is narrowed to the caller's sight like the case list (not region-bound).
  'GET /api/v1/case-tiles/{z}/{x}/{y}.mvt': cap('case.read'),
  'GET /api/v1/dispatch-trial': cap('case.read', 'point'),
  'GET /api/v1/regions': PUBLIC,
  'POST /api/v1/regions/import': cap('grid.import'),
  'POST /api/v1/grids/import': cap('grid.import'),
  'POST /api/v1/components/import': cap('grid.import'),
  'POST /api/v1/storefronts/import': cap('grid.import'),
  'GET /api/v1/regions/export': PUBLIC,
  'GET /api/v1/grids/export': PUBLIC,
  'GET /api/v1/storefronts/export': cap('base_data.personal', 'district-query'),
  'GET /api/v1/components': PUBLIC,
  'GET /api/v1/components/export': PUBLIC,
  'GET /api/v1/category-schemes': PUBLIC,
  'GET /api/v1/urgency-classes': PUBLIC,
  'GET /api/v1/categories': PUBLIC,
  'GET /api/v1/category-standards': PUBLIC,
  'GET /api/v1/categories/{kind}/{code}': PUBLIC,
  'GET /api/v1/category-mappings': PUBLIC,
  'GET /api/v1/category-overrides': PUBLIC,
  'PUT /api/v1/category-overrides/{district}/{kind}/{code}': cap('catalogue.write'),
  'GET /api/v1/units': PUBLIC,
  'POST /api/v1/units': cap('unit.write'),
  'GET /api/v1/units/{id}': PUBLIC,
  'PATCH /api/v1/units/{id}': cap('unit.write'),
  'GET /api/v1/calendars': PUBLIC,
  'POST /api/v1/calendars': cap('calendar.write'),
  'GET /api/v1/calendars/{id}': PUBLIC,
  'GET /api/v1/calendars/{id}/days': PUBLIC,
  'GET /api/v1/calendars/{id}/deadline': PUBLIC,
  'PUT /api/v1/calendars/{id}/days/{date}': cap('calendar.write'),
  'DELETE /api/v1/calendars/{id}/days/{date}': cap('calendar.write'),
  'POST /api/v1/cases': cap('case.report', 'point'),
  'GET /api/v1/cases': cap('case.read'),
  'GET /api/v1/cases/{id}': cap('case.read', 'case'),
  'GET /api/v1/cases/{id}/history': cap('case.read', 'case'),
  'GET /api/v1/cases/{id}/likely-duplicates': cap('case.merge', 'case'),
  'GET /api/v1/cases/export': cap('case.read'),
  'GET /api/v1/dispatch-rules': cap('case.read'),
  'POST /api/v1/dispatch-rules': cap('dispatch_rule.write'),
  'POST /api/v1/dispatch-rules/{id}/deactivate': cap('dispatch_rule.write'),
  'GET /api/v1/cases/{id}/dispatch-suggestion': cap('case.read', 'case'),
  'POST /api/v1/intake/reports': cap('case.report', 'point'),
  'POST /api/v1/public/reports': PUBLIC,
  'GET /api/v1/public/reports/{trackingCode}': PUBLIC,
  'GET /api/v1/public/categories': PUBLIC,
  'POST /api/v1/public/photos': PUBLIC,
  'POST /api/v1/public/portal-reports': PUBLIC,
  'GET /api/v1/public/portal-reports/{trackingCode}': PUBLIC,
  'GET /api/v1/public/portal-reports/{trackingCode}/photos/{photoId}': PUBLIC,
  'POST /api/v1/public/portal-reports/{trackingCode}/rating': PUBLIC,
  'POST /api/v1/public/otp': PUBLIC,
  'POST /api/v1/public/otp/verify': PUBLIC,
  'GET /api/v1/public/my-reports': { access: 'reporter-token', region: 'none' },
  'POST /api/v1/files': cap('file.upload'),
  'GET /api/v1/files/{id}': { access: 'signed-in', region: 'file' },
  'GET /api/v1/streams/queues': cap('case.read'),
  'GET /api/v1/cockpit': cap('cockpit.read'),
  'GET /api/v1/cockpit/trend': cap('cockpit.read'),
  'GET /api/v1/cockpit/hotspots': cap('cockpit.read'),
  'GET /api/v1/streams/cockpit': cap('cockpit.read'),
  'GET /api/v1/case-actions': cap('case.read'),
  'GET /api/v1/step-time-limits': cap('case.read'),
  'PUT /api/v1/step-time-limits/{district}/{step}': cap('catalogue.write'),
  'POST /api/v1/whistles': cap('whistle.blow'),
  'GET /api/v1/whistles': cap('whistle.read'),
  'GET /api/v1/whistles/{id}': cap('whistle.read'),
  'POST /api/v1/whistles/{id}/reports': cap('whistle.report'),
  'POST /api/v1/whistles/{id}/close': cap('whistle.blow'),
  'GET /api/v1/whistle-stats': cap('indicator.read', 'district-query'),
  // 接诉即办: an order's id is its case's id; a call opens its case by direct dispatch (直派).
  'POST /api/v1/hotline/orders': { ...cap('case.report', 'point'), opening: 'direct_dispatch' },
  'GET /api/v1/hotline/types': cap('case.read'),
  'GET /api/v1/hotline/orders': cap('case.read'),
  'GET /api/v1/hotline/orders/{id}': cap('case.read', 'case'),
  'POST /api/v1/hotline/orders/{id}/respond': cap('case.handle', 'case'),
  'POST /api/v1/hotline/orders/{id}/reply': cap('case.handle', 'case'),
  'POST /api/v1/hotline/orders/{id}/call-back': cap('case.evaluate', 'case'),
  'POST /api/v1/hotline/orders/{id}/calls': cap('case.report', 'case'),
  'GET /api/v1/hotline/rates': cap('indicator.read', 'assessment'),
  // A supervisor's own patrol track and coverage (the centre reads others' by userId, which
  // test/api/patrol.test.ts walks).
  'POST /api/v1/patrol-tracks': cap('patrol.record'),
  'GET /api/v1/patrol-coverage': cap('patrol.record'),
  // The city's 12345 platform exchanges orders under its api_key.
  'POST /api/v1/hotline/exchange/orders': { access: 'client-key', region: 'none' },
  'GET /api/v1/hotline/exchange/orders': { access: 'client-key', region: 'none' },
};

/** The workflow actions: one rule each, its capability taken from the capability table. */
const ACTION_RULES: Readonly<Record<string, Rule>> = Object.fromEntries(
  (Object.keys(ACTION_ROUTES) as CaseCommandKind[]).map((kind) => {
    const capability = capabilityForCaseAction(kind);
    if (capability === undefined) throw new Error(`no capability for ${kind}`);
    return [
      `POST /api/v1/cases/{id}/${ACTION_ROUTES[kind].path}`,
      { access: 'capability', capability, region: 'case', caseAction: kind } satisfies Rule,
    ];
  }),
);

const MATRIX: Readonly<Record<string, Rule>> = { ...RULES, ...ACTION_RULES };

/** Who calls: every role, district staff of 呈贡区 and city-centre staff, and anonymous. */
const CALLERS = [
  null,
  'supervisor',
  'city_supervisor',
  'acceptance_operator',
  'dispatcher',
  'unit_handler',
  'cg.commander',
  'commander',
  'cg.hotline',
  'hotline_agent',
  'city.dispatcher',
  'admin',
] as const;

let db: Db;
let w: CaseWorld;
let app: FastifyInstance;
let dataDir: string;
let address: string;

type Side = {
  readonly district: string;
  caseId: string;
  targetCaseId: string;
  fileId: string;
  readonly unitId: string;
};
const sides: { own: Side; other: Side } = {
  own: { district: OWN, caseId: '', targetCaseId: '', fileId: '', unitId: OWN_UNIT },
  other: { district: OTHER, caseId: '', targetCaseId: '', fileId: '', unitId: OTHER_UNIT },
};
let otherCaseNumber = '';
/** A point in each side's district, for the dispatch-rule trial. */
const trialPoints = new Map<string, { lng: number; lat: number }>();

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function uploadAs(username: string): Promise<string> {
  const boundary = '----gridloop-matrix';
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/files',
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      ...(await w.auth(username)),
    },
    payload: Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="m.png"\r\n` +
          'Content-Type: image/png\r\n\r\n',
      ),
      PNG,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json<{ id: string }>().id;
}

beforeAll(async () => {
  db = await freshDb();
  w = await caseWorld(db);
  dataDir = await mkdtemp(join(tmpdir(), 'gridloop-matrix-'));
  app = await buildApp(
    { ...w.deps, dataDir },
    {
      sessionSecret: 'cases-test-secret',
      // The matrix calls public routes many times from one address; the limits have their own test.
      rateLimits: {
        'public-read': { limit: 1e6, windowMs: 60_000 },
        'public-write': { limit: 1e6, windowMs: 60_000 },
        login: { limit: 1e6, windowMs: 60_000 },
        'public-report': { limit: 1e6, windowMs: 60_000 },
        'tracking-lookup': { limit: 1e6, windowMs: 60_000 },
        'portal-photo': { limit: 1e6, windowMs: 60_000 },
        'code-request': { limit: 1e6, windowMs: 60_000 },
        'code-verify': { limit: 1e6, windowMs: 60_000 },
        'phone-report': { limit: 1e6, windowMs: 60_000 },
        'phone-code': { limit: 1e6, windowMs: 60_000 },
      },
    },
  );
  address = await app.listen({ port: 0, host: '127.0.0.1' });
  for (const [side, reporter] of [
    ['own', 'supervisor'],
    ['other', 'wh.supervisor'],
  ] as const) {
    const s = sides[side];
    const fileId = await uploadAs(reporter);
    const c = await openTestCase(w, reporter, { districtCode: s.district, photoIds: [fileId] });
    const target = await openTestCase(w, reporter, { districtCode: s.district });
    s.caseId = c.id;
    s.targetCaseId = target.id;
    s.fileId = fileId;
    if (side === 'other') otherCaseNumber = c.caseNumber;
    trialPoints.set(s.district, await w.pointIn(s.district));
  }
}, 120_000);
afterAll(async () => {
  await app.close();
  await w.app.close();
  await db.close();
  await rm(dataDir, { recursive: true, force: true });
});

function ruleOf(op: Operation): Rule {
  const rule = MATRIX[opKey(op)];
  if (!rule) throw new Error(`no matrix entry for ${opKey(op)}`);
  return rule;
}

async function currentCase(id: string): Promise<Case> {
  const r = await getCase(w.deps, w.principal('admin'), id);
  if (!r.ok) throw new Error(`case ${id}: ${r.error.code}`);
  return r.value;
}

/** Whether the access gate (capability table + region function) lets the caller through. */
function gateAllows(rule: Rule, p: Principal | null, side: Side, current: Case): boolean {
  if (rule.access === 'public') return true;
  if (p === null || rule.access === 'client-key' || rule.access === 'reporter-token') return false;
  if (rule.access === 'capability' && !mayDo(p.role, rule.capability)) return false;
  switch (rule.region) {
    case 'none':
      return true;
    case 'case':
    case 'file':
      return mayRead(p, current);
    case 'point':
    case 'district-query':
      return canSee(p, { districtCode: side.district });
    case 'assessment':
      return p.role === 'unit_handler'
        ? p.districtCode === side.district
        : canSee(p, { districtCode: side.district });
  }
}

/**
 * Whether the workflow table (domain/cases) lets the role take the action on the case as it now
 * stands; no row for its status answers 409 case.not_in_state, whoever asks.
 */
function workflowAllows(kind: CaseActionKind, c: Case, p: Principal): boolean {
  const row = findTransition(c.status, kind);
  if (!row) return true;
  return row.roles.includes(p.role) && checkScope(c, actorOf(p), kind) === null;
}

function openingKind(p: Principal): CaseActionKind {
  return p.role === 'supervisor' || p.role === 'city_supervisor' ? 'report' : 'register';
}

/** A body the operation's schema accepts, so the answer comes from the access checks. */
async function bodyFor(op: Operation, rule: Rule, side: Side, username: string) {
  if (rule.access === 'capability' && rule.caseAction) {
    const schema = ACTION_ROUTES[rule.caseAction].body as { required?: string[] };
    const values: Record<string, unknown> = {
      note: '矩阵检查',
      reason: '矩阵检查',
      unitId: side.unitId,
      unitIds: [side.district === OWN ? OWN_UNIT_2 : side.unitId],
      photoIds: [],
      satisfaction: 5,
      targetCaseId: side.targetCaseId,
    };
    return Object.fromEntries((schema.required ?? []).map((k) => [k, values[k] ?? 'x']));
  }
  // The hotline's steps: bodies their schemas accept, so the answer comes from the access checks.
  if (op.path === '/api/v1/hotline/orders/{id}/reply') return { note: '矩阵检查' };
  if (op.path === '/api/v1/hotline/orders/{id}/call-back') return { result: 'satisfied' };
  if (op.path === '/api/v1/hotline/orders' && op.method === 'POST') {
    return {
      line: '12345',
      hotlineType: 'S10',
      callerPhone: '13900000000',
      description: '矩阵检查',
      location: await w.pointIn(side.district),
    };
  }
  if (op.path === '/api/v1/patrol-tracks') {
    const at = await w.pointIn(side.district);
    return { points: [{ recordedAt: '2026-03-01T02:00:00Z', lng: at.lng, lat: at.lat }] };
  }
  if (rule.access === 'capability' && rule.region === 'point' && op.method !== 'GET') {
    return { ...(await reportBody(w, username)), location: await w.pointIn(side.district) };
  }
  return op.method === 'GET' ? undefined : {};
}

function urlFor(op: Operation, side: Side): string {
  const url = urlOf(op, {
    id: op.path.startsWith('/api/v1/files') ? side.fileId : side.caseId,
    trackingCode: 'ABCDEFGHJK',
    indicator: 'unit.received',
    kind: 'event',
    code: '01001',
    district: side.district,
    date: '2026-05-01',
    layer: 'grids',
    z: '10',
    x: '804',
    y: '434',
  });
  if (op.path === '/api/v1/dispatch-trial') {
    const p = trialPoints.get(side.district);
    return `${url}?categoryKind=event&categoryCode=01001&lng=${p?.lng}&lat=${p?.lat}`;
  }
  if (op.path.startsWith('/api/v1/assessment'))
    return `${url}?period=2026-03&district=${side.district}${
      op.path.endsWith('/cases') ? `&party=${side.unitId}` : ''
    }`;
  if (op.path === '/api/v1/hotline/rates')
    return `${url}?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z&district=${side.district}`;
  if (op.path === '/api/v1/hotline/exchange/orders') return `${url}?since=2026-01-01T00:00:00Z`;
  if (op.path === '/api/v1/patrol-coverage')
    return `${url}?from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z`;
  if (op.path === '/api/v1/whistle-stats')
    return `${url}?from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z&district=${side.district}`;
  return op.path === '/api/v1/storefronts/export' ? `${url}?district=${side.district}` : url;
}

type Outcome = { status: number; code: string | undefined; body: string };

async function call(op: Operation, url: string, headers: Record<string, string>, body: unknown) {
  if (op.path === '/api/v1/streams/queues' || op.path === '/api/v1/streams/cockpit') {
    // A stream never ends: read the status over real HTTP and hang up.
    const ctrl = new AbortController();
    const res = await fetch(`${address}${url}`, { headers, signal: ctrl.signal });
    const text = res.status === 200 ? '' : await res.text();
    ctrl.abort();
    return { status: res.status, code: codeOf(text), body: text };
  }
  const res = await app.inject({
    method: op.method as 'GET',
    url,
    headers,
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
  });
  return { status: res.statusCode, code: codeOf(res.body), body: res.body } satisfies Outcome;
}

function codeOf(text: string): string | undefined {
  try {
    return (JSON.parse(text) as { code?: string }).code;
  } catch {
    return undefined;
  }
}

// Refusals of the workflow's own guards that are not access decisions (separation of duties).
const GUARD_REFUSALS = new Set(['case.self_approval']);

describe('the access matrix', () => {
  it('has exactly one entry for every operation of the OpenAPI document', () => {
    const ops = operationsOf(app).map(opKey).sort();
    expect(Object.keys(MATRIX).sort()).toEqual(ops);
  });

  it('lets every role do what the capability table and its region allow, and nothing else, leaking nothing of another district', async () => {
    // Signing out ends the caller's session: it goes last.
    const ops = operationsOf(app).sort(
      (a, b) => Number(a.path.endsWith('/logout')) - Number(b.path.endsWith('/logout')),
    );
    const wrong: string[] = [];
    const leaks: string[] = [];
    let calls = 0;
    for (const op of ops) {
      const rule = ruleOf(op);
      const regions =
        rule.access !== 'public' && rule.region !== 'none'
          ? (['own', 'other'] as const)
          : (['own'] as const);
      for (const region of regions) {
        const side = sides[region];
        // The cases as they stand; a write that succeeded may have moved them on.
        let here = await currentCase(side.caseId);
        let other = await currentCase(sides.other.caseId);
        const probe = async (username: (typeof CALLERS)[number]) => {
          const p = username === null ? null : w.principal(username);
          const headers = username === null ? {} : await w.auth(username);
          const gate = gateAllows(rule, p, side, here);
          let workflow = true;
          if (gate && p !== null && rule.access === 'capability') {
            if (rule.caseAction) workflow = workflowAllows(rule.caseAction, here, p);
            // Opening a case at the point (a read at a point, such as the dispatch trial, opens none).
            if (rule.region === 'point' && op.method !== 'GET')
              workflow =
                findTransition('new', rule.opening ?? openingKind(p))?.roles.includes(p.role) ??
                false;
          }
          const seesOther = p !== null && mayRead(p, other);
          const body = await bodyFor(op, rule, side, username ?? 'supervisor');
          const out = await call(op, urlFor(op, side), headers, body);
          calls++;
          const who = `${username ?? 'anonymous'} ${opKey(op)} (${region})`;
          const refusedByAccess =
            out.status === 401 ||
            out.status === 403 ||
            (out.status === 404 &&
              rule.access !== 'public' &&
              (rule.region === 'case' || rule.region === 'file'));
          if (gate && workflow) {
            if ((out.status === 401 || out.status === 403) && !GUARD_REFUSALS.has(out.code ?? ''))
              wrong.push(`${who}: allowed, answered ${out.status} ${out.code ?? ''}`);
          } else if (!gate) {
            if (!refusedByAccess) wrong.push(`${who}: forbidden, answered ${out.status}`);
          } else if (out.status < 400) {
            // Past the gate, the workflow refuses (validation may answer first, with 4xx).
            wrong.push(`${who}: the workflow forbids it, answered ${out.status}`);
          }
          if (out.status < 300 && !seesOther && !(rule.access === 'public' && rule.cityWide)) {
            for (const secret of [sides.other.caseId, otherCaseNumber, sides.other.fileId]) {
              if (out.body.includes(secret)) leaks.push(`${who}: carries ${secret}`);
            }
          }
          return out;
        };
        if (op.method === 'GET') {
          // Reads change nothing: every caller at once.
          await Promise.all(CALLERS.map(probe));
        } else {
          for (const username of CALLERS) {
            const out = await probe(username);
            if (out.status < 300) {
              here = await currentCase(side.caseId);
              other = await currentCase(sides.other.caseId);
            }
          }
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(leaks).toEqual([]);
    expect(calls).toBeGreaterThan(1000);
  }, 240_000);
});

describe('region scope below the district', () => {
  it('lets a street-level supervisor report in their street only, so no other street’s duplicates are shown to them', async () => {
    const streets = await db.query<{ street_code: string; lng: number; lat: number }>(
      `SELECT DISTINCT ON (street_code) street_code,
              ST_X(ST_PointOnSurface(geom)) AS lng, ST_Y(ST_PointOnSurface(geom)) AS lat
       FROM grids WHERE district_code = $1 ORDER BY street_code, code LIMIT 2`,
      [OWN],
    );
    const [mine, theirs] = streets.rows;
    if (!mine || !theirs) throw new Error('the demo district has fewer than two streets');
    const created = await createUser(w.deps, {
      username: 'cg.street.supervisor',
      role: 'supervisor',
      districtCode: OWN,
      regionScope: [mine.street_code.trim()],
      password: TEST_PASSWORD,
    });
    expect(created.ok).toBe(true);
    const headers = bearer(await loginAs(app, 'cg.street.supervisor'));
    const report = async (at: { lng: number; lat: number }) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers,
        payload: {
          ...(await reportBody(w, 'supervisor')),
          location: { lng: at.lng, lat: at.lat },
        },
      });
    expect((await report(mine)).statusCode).toBe(201);
    const elsewhere = await report(theirs);
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json()).toMatchObject({
      code: 'case.region_not_allowed',
      details: { reason: 'region' },
    });
  });
});
