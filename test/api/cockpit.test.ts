import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CockpitSummary } from '../../src/domain/cockpit/index.ts';
import { readCockpit } from '../../src/services/cockpit/cockpit.ts';
import { sweepDeadlines } from '../../src/services/deadlines/sweep.ts';
import { closeCaseWorld, openCaseWorld } from '../helpers/app.ts';
import { OTHER, OWN, OWN_UNIT, act, caseIn, openTestCase, type CaseWorld } from '../factories.ts';

/**
 * The cockpit (issue #10 §4) on a small hand-built set: 呈贡区 (OWN) has a report awaiting
 * filing, a dispatched case, a closed case and a hotline call awaiting verification; 五华区
 * (OTHER) has one report awaiting filing. All reported on the test clock's day (2026-03-02).
 */
let w: CaseWorld;
let address: string;

beforeAll(async () => {
  w = await openCaseWorld();
  await caseIn(w, 'pending_filing');
  await caseIn(w, 'dispatched');
  await caseIn(w, 'closed');
  await openTestCase(w, 'cg.hotline', { source: 'hotline_12345' });
  await openTestCase(w, 'wh.supervisor', { districtCode: OTHER });
  address = await w.app.listen({ port: 0, host: '127.0.0.1' });
}, 120_000);
afterAll(async () => {
  await closeCaseWorld(w);
});

async function cockpit(username: string): Promise<CockpitSummary> {
  const res = await w.app.inject({ url: '/api/v1/cockpit', headers: await w.auth(username) });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<CockpitSummary>();
}

describe('the live cockpit', () => {
  it('counts a district leader’s open cases by status, channel, region and category, and today’s new and closed', async () => {
    const c = await cockpit('cg.commander');
    expect(c.day).toBe('2026-03-02');
    expect(c.open.total).toBe(3);
    expect(c.open.overdue).toBe(0);
    expect(c.open.byStatus).toEqual([
      { key: 'dispatched', count: 1 },
      { key: 'pending_filing', count: 1 },
      { key: 'pending_verification', count: 1 },
    ]);
    expect(c.open.bySource).toEqual([
      { key: 'supervisor', count: 2 },
      { key: 'hotline_12345', count: 1 },
    ]);
    expect(c.open.byDistrict).toEqual([{ key: OWN, count: 3 }]);
    expect(c.open.byCategory).toEqual([{ key: w.category.code, count: 3 }]);
    expect(c.open.byStreet.reduce((n, t) => n + t.count, 0)).toBe(3);
    expect(c.open.overdueByUnit).toEqual([]);
    expect(c.today).toEqual({ new: 4, closed: 1, overdue: 0 });
  });

  it('shows a district leader only the own district, and city staff the whole city', async () => {
    const other = await cockpit('wh.commander');
    expect(other.open.total).toBe(1);
    expect(other.open.byDistrict).toEqual([{ key: OTHER, count: 1 }]);
    expect(other.today).toEqual({ new: 1, closed: 0, overdue: 0 });
    const city = await cockpit('commander');
    expect(city.open.total).toBe(4);
    expect(city.open.byDistrict).toEqual([
      { key: OWN, count: 3 },
      { key: OTHER, count: 1 },
    ]);
    expect(city.today).toEqual({ new: 5, closed: 1, overdue: 0 });
  });

  it('refuses roles without the cockpit and callers not signed in', async () => {
    for (const username of ['unit_handler', 'supervisor', 'hotline_agent']) {
      const res = await w.app.inject({ url: '/api/v1/cockpit', headers: await w.auth(username) });
      expect(res.statusCode).toBe(403);
    }
    expect((await w.app.inject({ url: '/api/v1/cockpit' })).statusCode).toBe(401);
  });

  it('gives the hot grids and categories of the window and the daily trend', async () => {
    const headers = await w.auth('cg.commander');
    const hot = await w.app.inject({ url: '/api/v1/cockpit/hotspots?days=7', headers });
    expect(hot.statusCode).toBe(200);
    const h = hot.json<{ grids: { key: string; count: number }[]; categories: unknown[] }>();
    expect(h.grids.reduce((n, g) => n + g.count, 0)).toBe(4);
    expect(h.grids.every((g) => g.key.startsWith(OWN))).toBe(true);
    expect(h.categories).toEqual([{ key: w.category.code, count: 4 }]);
    const trend = await w.app.inject({ url: '/api/v1/cockpit/trend?days=3', headers });
    expect(trend.json()).toEqual({
      items: [
        { day: '2026-02-28', new: 0, closed: 0 },
        { day: '2026-03-01', new: 0, closed: 0 },
        { day: '2026-03-02', new: 4, closed: 1 },
      ],
    });
    const bad = await w.app.inject({ url: '/api/v1/cockpit/trend?days=0', headers });
    expect(bad.statusCode).toBe(400);
  });
});

describe('the cockpit stream', () => {
  it('pushes the figures at once and again when a case of the region changes, not for another district', async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${address}/api/v1/streams/cockpit`, {
      headers: await w.auth('cg.commander'),
      signal: ctrl.signal,
    });
    expect(res.status).toBe(200);
    const reader = res.body?.getReader();
    if (!reader) throw new Error('no body');
    const decoder = new TextDecoder();
    let text = '';
    const pushes = () =>
      text
        .split('\n\n')
        .filter((b) => b.includes('event: cockpit'))
        .map((b) => JSON.parse(b.split('data: ')[1] ?? '{}') as CockpitSummary);
    const readUntil = async (n: number) => {
      while (pushes().length < n) {
        const r = await reader.read();
        if (r.done) break;
        text += decoder.decode(r.value as Uint8Array);
      }
    };
    await readUntil(1);
    expect(pushes()[0]?.open.total).toBe(3);
    // Another district's change moves none of our figures; our own does.
    await openTestCase(w, 'wh.supervisor', { districtCode: OTHER });
    const c = await openTestCase(w, 'supervisor');
    await act(w, 'acceptance_operator', c, { kind: 'file' });
    await readUntil(2);
    ctrl.abort();
    const last = pushes().at(-1);
    expect(last?.open.total).toBe(4);
    expect(last?.today.new).toBe(5);
    expect(last?.open.byStatus).toContainEqual({ key: 'pending_dispatch', count: 1 });
  });
});

describe('overdue', () => {
  it('counts open cases past their due instant after the sweep, by the unit that holds them', async () => {
    w.clock.advanceHours(24 * 40);
    await sweepDeadlines(w.deps);
    // Forty days on the sessions have ended: the service answers for the same leader.
    const c = await readCockpit(w.deps, w.principal('cg.commander'));
    expect(c.open.total).toBe(4);
    expect(c.open.overdue).toBe(4);
    expect(c.open.overdueByUnit).toEqual([{ key: OWN_UNIT, count: 1 }]);
    expect(c.today).toEqual({ new: 0, closed: 0, overdue: 0 });
  });
});
