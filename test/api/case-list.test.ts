import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../src/domain/demo-city/users.ts';
import { OTHER, OWN, OWN_UNIT, act, caseIn, openTestCase, type CaseWorld } from '../factories.ts';
import { closeCaseWorld, openCaseWorld } from '../helpers/app.ts';

/**
 * GET /cases in a history (issue #8 §5): every filter returns exactly the cases it names, keyset
 * pages walk the whole list with no repeat and no gap while cases keep arriving, bad cursors and
 * filters are 400, and a case's history names its actors.
 */

type Listed = {
  id: string;
  workedUnitIds: string[];
  caseNumber: string;
  status: string;
  source: string;
  category: { code: string };
  urgency: string;
  districtCode: string;
  streetCode: string | null;
  communityCode: string | null;
  gridCode: string | null;
  address: string;
  description: string;
  mainUnitId: string | null;
  assistingUnitIds: string[];
  timer: { dueAt: string } | null;
  createdAt: string;
};
type Page = {
  items: Listed[];
  nextCursor: string | null;
  total: number | null;
  totalExact: boolean | null;
};
type HistoryEvent = {
  version: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  at: string;
  actor: { userId: string; name: string | null; role: string; roleLabel: { zh: string } };
};

const TIMED = [
  'pending_verification',
  'pending_filing',
  'pending_dispatch',
  'dispatched',
  'handling',
  'pending_recheck',
  'pending_close',
];

let w: CaseWorld;
/** Every case as the admin reads it one by one, with its closing time taken from its history. */
let all: (Listed & { closedAt: Date | null })[];
let tracking: string;
let grid2: { code: string; street: string; community: string; lng: number; lat: number };
let category2: string;
const t = (h: number) => new Date(Date.parse('2026-03-02T01:00:00Z') + h * 3_600_000);

async function get(username: string, url: string) {
  return w.app.inject({ method: 'GET', url, headers: await w.auth(username) });
}

/** Follows nextCursor to the end; fails on a repeated case. */
async function walk(username: string, query: string, pageSize = 2): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 500; i++) {
    const sep = query === '' ? '' : '&';
    const res = await get(
      username,
      `/api/v1/cases?${query}${sep}pageSize=${pageSize}${cursor ? `&cursor=${cursor}` : ''}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<Page>();
    seen.push(...page.items.map((c) => c.id));
    cursor = page.nextCursor;
    if (cursor === null) break;
  }
  expect(new Set(seen).size).toBe(seen.length);
  return seen;
}

async function readAll() {
  const ids = await w.db.query<{ id: string }>('SELECT id FROM cases');
  const out: (Listed & { closedAt: Date | null })[] = [];
  for (const { id } of ids.rows) {
    const res = await get('admin', `/api/v1/cases/${id}/history`);
    expect(res.statusCode).toBe(200);
    const h = res.json<{ case: Listed; events: HistoryEvent[] }>();
    const closing = h.events.filter((e) => e.toStatus === 'closed' && e.fromStatus !== 'closed');
    const closedAt =
      h.case.status === 'closed' || h.case.status === 'evaluated'
        ? new Date((closing[closing.length - 1] as HistoryEvent).at)
        : null;
    out.push({ ...h.case, closedAt });
  }
  return out;
}

const idsOf = (p: (c: (typeof all)[number]) => boolean) =>
  all
    .filter(p)
    .map((c) => c.id)
    .sort();

beforeAll(async () => {
  w = await openCaseWorld();
  const g = await w.db.query<{
    code: string;
    street_code: string;
    community_code: string;
    lng: number;
    lat: number;
  }>(
    `SELECT code, street_code, community_code, ST_X(p) AS lng, ST_Y(p) AS lat
     FROM (SELECT code, street_code, community_code, ST_PointOnSurface(geom) AS p FROM grids
           WHERE district_code = $1 ORDER BY community_code DESC, code DESC LIMIT 1) x`,
    [OWN],
  );
  const row = g.rows[0];
  if (!row) throw new Error('no second grid');
  grid2 = {
    code: row.code,
    street: row.street_code,
    community: row.community_code,
    lng: row.lng,
    lat: row.lat,
  };
  const c2 = await w.db.query<{ code: string }>(
    `SELECT code FROM category_standards WHERE scheme_id = 'gbt47678.5-2026' AND kind = $1
       AND code <> $2 ORDER BY code LIMIT 1`,
    [w.category.kind, w.category.code],
  );
  category2 = (c2.rows[0] as { code: string }).code;

  // A small history of 呈贡区 and 五华区, one hour apart.
  w.clock.set(t(0));
  await openTestCase(w, 'supervisor', { source: 'supervisor' });
  w.clock.set(t(1));
  await openTestCase(w, 'supervisor', {
    source: 'supervisor',
    urgency: 'urgent',
    categoryCode: category2,
    location: { lng: grid2.lng, lat: grid2.lat },
    address: '彩云北路88号',
    description: '路灯不亮',
  });
  w.clock.set(t(2));
  await openTestCase(w, 'cg.hotline', { source: 'hotline_12345', urgency: 'pressing' });
  w.clock.set(t(3));
  await openTestCase(w, 'wh.supervisor', { districtCode: OTHER, source: 'supervisor' });
  w.clock.set(t(4));
  await caseIn(w, 'dispatched');
  w.clock.set(t(5));
  await caseIn(w, 'closed');
  w.clock.set(t(7));
  await caseIn(w, 'closed');
  w.clock.set(t(9));
  const reopened = await caseIn(w, 'closed');
  await act(w, 'city_supervisor', reopened, { kind: 'reopen', reason: '抽查不合格' });
  w.clock.set(t(10));
  const pub = await w.app.inject({
    method: 'POST',
    url: '/api/v1/public/reports',
    remoteAddress: '10.77.0.1',
    payload: {
      kind: w.category.kind,
      categoryCode: category2,
      urgency: 'normal',
      location: await w.pointIn(OWN),
      description: '小区门口垃圾堆积',
    },
  });
  expect(pub.statusCode, pub.body).toBe(201);
  tracking = pub.json<{ trackingCode: string }>().trackingCode;
  // Thirty days on, every running timer above is overdue; one case reported now is not.
  w.clock.set(t(24 * 30));
  await openTestCase(w, 'supervisor', { source: 'supervisor' });
  all = await readAll();
}, 240_000);

afterAll(async () => {
  await closeCaseWorld(w);
});

describe('GET /cases filters', () => {
  it('returns exactly the matching cases for each filter, across pages', async () => {
    const own = all.find((c) => c.gridCode !== grid2.code && c.districtCode === OWN);
    const b = all.find((c) => c.address === '彩云北路88号');
    if (!own?.gridCode || !own.streetCode || !b) throw new Error('fixtures missing');
    const now = w.clock.now().getTime();
    const cases: [string, string[]][] = [
      [`district=${OWN}`, idsOf((c) => c.districtCode === OWN)],
      [`district=${OTHER}`, idsOf((c) => c.districtCode === OTHER)],
      [`street=${own.streetCode}`, idsOf((c) => c.streetCode === own.streetCode)],
      [`community=${grid2.community}`, idsOf((c) => c.communityCode === grid2.community)],
      [`grid=${own.gridCode}`, idsOf((c) => c.gridCode === own.gridCode)],
      ['source=hotline_12345', idsOf((c) => c.source === 'hotline_12345')],
      ['source=public_web', idsOf((c) => c.source === 'public_web')],
      [`category=${category2}`, idsOf((c) => c.category.code === category2)],
      ['status=closed', idsOf((c) => c.status === 'closed')],
      ['status=pending_filing', idsOf((c) => c.status === 'pending_filing')],
      [
        `unit=${OWN_UNIT}`,
        idsOf((c) => c.mainUnitId === OWN_UNIT || c.assistingUnitIds.includes(OWN_UNIT)),
      ],
      ['urgency=urgent', idsOf((c) => c.urgency === 'urgent')],
      [
        `reportedFrom=${t(1).toISOString()}&reportedTo=${t(4).toISOString()}`,
        idsOf(
          (c) =>
            Date.parse(c.createdAt) >= t(1).getTime() && Date.parse(c.createdAt) < t(4).getTime(),
        ),
      ],
      [
        `closedFrom=${t(5).toISOString()}&closedTo=${t(8).toISOString()}`,
        idsOf((c) => c.closedAt !== null && c.closedAt >= t(5) && c.closedAt < t(8)),
      ],
      [
        'overdue=true',
        idsOf(
          (c) => TIMED.includes(c.status) && c.timer !== null && Date.parse(c.timer.dueAt) < now,
        ),
      ],
      [
        'overdue=false',
        idsOf(
          (c) => !(TIMED.includes(c.status) && c.timer !== null && Date.parse(c.timer.dueAt) < now),
        ),
      ],
      [`caseNumber=${b.caseNumber}`, [b.id]],
      [`trackingCode=${tracking.toLowerCase()}`, idsOf((c) => c.source === 'public_web')],
      [`text=${encodeURIComponent('彩云北')}`, [b.id]],
      [
        `text=${encodeURIComponent('井盖缺')}`,
        idsOf((c) => `${c.address} ${c.description}`.includes('井盖缺')),
      ],
      [`text=${encodeURIComponent('100%路')}`, []],
      [`district=${OWN}&urgency=urgent&category=${category2}`, [b.id]],
    ];
    for (const [query, expected] of cases) {
      // Every filter must select some cases and leave others out, or the check proves nothing.
      if (!query.startsWith('text=100')) expect(expected.length, query).toBeGreaterThan(0);
      expect(expected.length, query).toBeLessThan(all.length);
      expect((await walk('admin', query)).sort(), query).toEqual(expected);
    }
  });

  it('keeps region scope: another district’s staff get nothing of 呈贡区, a unit only the cases sent to it (now or before)', async () => {
    expect(await walk('wh.dispatcher', `district=${OWN}`)).toEqual([]);
    expect((await walk('wh.dispatcher', '')).sort()).toEqual(
      idsOf((c) => c.districtCode === OTHER),
    );
    expect((await walk('unit_handler', '')).sort()).toEqual(
      idsOf(
        (c) =>
          c.mainUnitId === OWN_UNIT ||
          c.assistingUnitIds.includes(OWN_UNIT) ||
          c.workedUnitIds.includes(OWN_UNIT),
      ),
    );
  });

  it('lists newest report first with the id breaking ties, and counts matches on the first page', async () => {
    const res = await get('admin', '/api/v1/cases?pageSize=200');
    const page = res.json<Page>();
    expect(page.total).toBe(all.length);
    expect(page.totalExact).toBe(true);
    const keys = page.items.map((c) => [Date.parse(c.createdAt), c.id] as const);
    const sorted = [...keys].sort((a, b) => (a[0] !== b[0] ? b[0] - a[0] : a[1] < b[1] ? 1 : -1));
    expect(keys).toEqual(sorted);
  });
});

describe('keyset pages', () => {
  it('walks the whole list with no repeat and no gap while new cases arrive', async () => {
    const before = new Set(
      (await w.db.query<{ id: string }>('SELECT id FROM cases')).rows.map((r) => r.id),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 100; i++) {
      const res = await get(
        'admin',
        `/api/v1/cases?pageSize=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json<Page>();
      seen.push(...page.items.map((c) => c.id));
      if (i > 0) expect(page.total).toBeNull(); // counted on the first page only
      cursor = page.nextCursor;
      if (cursor === null) break;
      // A case arrives between two pages (reported now: ahead of the walk, never inside it).
      await openTestCase(w, 'supervisor', { source: 'supervisor' });
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of before) expect(seen).toContain(id);
    all = await readAll();
  });

  it('answers a deep cursor again with the same page, and queues page by deadline', async () => {
    const first = (await get('admin', '/api/v1/cases?pageSize=3')).json<Page>();
    const second = (
      await get('admin', `/api/v1/cases?pageSize=3&cursor=${first.nextCursor}`)
    ).json<Page>();
    const third = (
      await get('admin', `/api/v1/cases?pageSize=3&cursor=${second.nextCursor}`)
    ).json<Page>();
    const again = (
      await get('admin', `/api/v1/cases?pageSize=3&cursor=${second.nextCursor}`)
    ).json<Page>();
    expect(again.items.map((c) => c.id)).toEqual(third.items.map((c) => c.id));
    const queue = await walk('acceptance_operator', 'queue=to_file', 1);
    expect(queue.sort()).toEqual(
      idsOf((c) => c.status === 'pending_filing' && c.districtCode === OWN),
    );
  });
});

describe('refusals', () => {
  it('answers 400 with its own code for bad cursors and contradicting filters', async () => {
    const listCursor = (await get('admin', '/api/v1/cases?pageSize=1')).json<Page>().nextCursor;
    const b64 = (s: string) => Buffer.from(s).toString('base64url');
    const badCursor = [
      'abc',
      b64('r|12|'),
      b64('r|notanumber|id'),
      b64('x|1|2'),
      b64('r|1|2|3'),
      b64('d|1|id'),
      b64(`r|${'9'.repeat(30)}|id`),
      `${listCursor}`.slice(0, 5),
    ];
    for (const c of badCursor) {
      const res = await get('admin', `/api/v1/cases?cursor=${c}`);
      expect(res.statusCode, c).toBe(400);
      expect(res.json<{ code: string }>().code, c).toBe('case.bad_cursor');
    }
    // A cursor of the list is not a position in a queue.
    const q = await get('admin', `/api/v1/cases?queue=to_file&cursor=${listCursor}`);
    expect(q.json<{ code: string }>().code).toBe('case.bad_cursor');
    const range = await get(
      'admin',
      `/api/v1/cases?reportedFrom=${t(5).toISOString()}&reportedTo=${t(1).toISOString()}`,
    );
    expect(range.statusCode).toBe(400);
    expect(range.json<{ code: string; details: { field: string } }>()).toMatchObject({
      code: 'case.bad_filter',
      details: { field: 'reportedFrom' },
    });
    const impossible = await get('admin', '/api/v1/cases?closedFrom=2026-02-30T00:00:00Z');
    expect(impossible.statusCode).toBe(400);
    for (const bad of [
      'district=53011',
      'street=5301140',
      'grid=abc',
      'community=1',
      'source=pigeon',
      'status=open',
      'category=1',
      'urgency=now',
      'overdue=yes',
      'caseNumber=530114-1-1',
      'trackingCode=short',
      `text=${'长'.repeat(101)}`,
      'text=',
      `text=${encodeURIComponent('井')}`,
      `district=${OWN}&text=${encodeURIComponent('a b')}`,
      `text=${encodeURIComponent('%_%')}`,
      `text=${encodeURIComponent('a b c')}`,
      'reportedFrom=yesterday',
      'closedTo=2026-03-02',
      'page=2',
      'pageSize=0',
      'pageSize=201',
      `unit=${encodeURIComponent('a b')}`,
      `cursor=${encodeURIComponent('a/b')}`,
    ]) {
      const res = await get('admin', `/api/v1/cases?${bad}`);
      expect(res.statusCode, bad).toBe(400);
    }
  });
});

describe('short text (two characters, no trigram)', () => {
  const short = (extra: string) => `text=${encodeURIComponent('井盖')}${extra}`;
  const withShort = (c: (typeof all)[number]) => `${c.address} ${c.description}`.includes('井盖');

  it('finds a two-character word when another filter narrows the list', async () => {
    const inRange = (c: (typeof all)[number]) =>
      Date.parse(c.createdAt) >= t(0).getTime() && Date.parse(c.createdAt) < t(10).getTime();
    const cases: [string, string, string[]][] = [
      ['admin', `&district=${OWN}`, idsOf((c) => withShort(c) && c.districtCode === OWN)],
      [
        'admin',
        `&category=${w.category.code}`,
        idsOf((c) => withShort(c) && c.category.code === w.category.code),
      ],
      [
        'admin',
        `&unit=${OWN_UNIT}`,
        idsOf(
          (c) =>
            withShort(c) && (c.mainUnitId === OWN_UNIT || c.assistingUnitIds.includes(OWN_UNIT)),
        ),
      ],
      [
        'admin',
        `&reportedFrom=${t(0).toISOString()}&reportedTo=${t(10).toISOString()}`,
        idsOf((c) => withShort(c) && inRange(c)),
      ],
      ['admin', '&queue=to_file', idsOf((c) => withShort(c) && c.status === 'pending_filing')],
      // A district's staff are narrowed by their own scope.
      ['dispatcher', '', idsOf((c) => withShort(c) && c.districtCode === OWN)],
    ];
    for (const [user, extra, expected] of cases) {
      expect(expected.length, extra).toBeGreaterThan(0);
      expect((await walk(user, short(extra))).sort(), `${user} ${extra}`).toEqual(expected);
    }
    // Case-insensitive and literal, as the longer texts are.
    expect(await walk('admin', `text=${encodeURIComponent('%井盖')}&district=${OWN}`)).toEqual([]);
  });

  it('refuses a two-character word over the whole city with what would narrow it', async () => {
    const day = 86_400_000;
    for (const [user, extra] of [
      ['admin', ''],
      ['admin', '&source=supervisor'],
      ['admin', '&status=closed'],
      [
        'admin',
        `&reportedFrom=${t(0).toISOString()}&reportedTo=${new Date(t(0).getTime() + 32 * day).toISOString()}`,
      ],
      ['admin', `&reportedFrom=${t(0).toISOString()}`],
      ['city_supervisor', ''],
    ] as const) {
      const res = await get(user, `/api/v1/cases?${short(extra)}`);
      expect(res.statusCode, `${user} ${extra}`).toBe(400);
      expect(res.json(), `${user} ${extra}`).toMatchObject({
        code: 'case.text_needs_narrowing',
        message: { zh: expect.stringContaining('31') },
        details: {
          field: 'text',
          maxRangeDays: 31,
          narrowBy: expect.arrayContaining(['district']),
        },
      });
    }
  });
});

describe('GET /cases/{id}/history', () => {
  it('names each actor with their role, the system as the system', async () => {
    const closed = all.find((c) => c.status === 'closed');
    if (!closed) throw new Error('no closed case');
    const res = await get('admin', `/api/v1/cases/${closed.id}/history`);
    const events = res.json<{ events: HistoryEvent[] }>().events;
    expect(events.map((e) => e.actor.role)).toEqual([
      'supervisor',
      'acceptance_operator',
      'dispatcher',
      'unit_handler',
      'unit_handler',
      'supervisor',
      'acceptance_operator',
    ]);
    for (const e of events) {
      const user = demoUsers([]).find((u) => u.username === e.actor.role);
      expect(e.actor.name).toBe(user?.displayName);
    }
    expect(events[2]?.actor.roleLabel.zh).toBe('派遣员');
  });
});
