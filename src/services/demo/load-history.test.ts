import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../../domain/access/index.ts';
import { freshDb } from '../../../test/helpers/db.ts';
import { demoDeps, loadSmallDemo } from '../../../test/helpers/demo.ts';
import { workingTimeBetween, type Calendar } from '../../domain/calendar/index.ts';
import type { DailySum } from '../../domain/indicators/index.ts';
import { calendarForDistrict } from '../calendar/load-calendar.ts';
import type { Db } from '../../store/db.ts';
import type { Deps } from '../deps.ts';
import { readHotspots, readTrend } from '../cockpit/cockpit.ts';
import { assessDistrict } from '../indicators/assess.ts';
import { traceIndicator } from '../indicators/trace.ts';
import { recomputeDaily, storedDaily } from '../indicators/rollup.ts';
import { buildAssessmentReport, reportXlsx } from '../reports/assessment-report.ts';
import { loadHistory, type HistoryProgress, type HistoryReport } from './load-history.ts';

// A month of history at 30 cases a working day (February, with the Spring Festival): ~420 cases, enough for the rates to sit in
// their bands (each band is several standard deviations wide at this size).
let db: Db;
let deps: Deps;
let report: HistoryReport;
const progress: HistoryProgress[] = [];

beforeAll(async () => {
  db = await freshDb();
  await loadSmallDemo(db);
  deps = demoDeps(db);
  const r = await loadHistory(deps, { months: 1, perDay: 30, seed: 7 }, (p) => progress.push(p));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  report = r.value;
}, 600_000);
afterAll(async () => {
  await db.close();
});

const one = async <T>(sql: string, params: unknown[] = []): Promise<T> =>
  (await db.query(sql, params)).rows[0] as T;

const sorted = (rows: readonly DailySum[]) =>
  rows
    .map((r) =>
      JSON.stringify([r.day, r.partyKind, r.partyId, r.categoryCode, r.metric, r.n, r.value]),
    )
    .sort();

describe('gridloop demo --history', () => {
  it('writes every played case with its events, outbox rows and unit rows, and says so', async () => {
    const counts = await one<Record<string, number>>(
      `SELECT (SELECT count(*)::int FROM cases) AS cases,
              (SELECT count(*)::int FROM case_events) AS events,
              (SELECT count(DISTINCT case_id)::int FROM case_outbox) AS outbox_cases,
              (SELECT count(*)::int FROM cases c WHERE cardinality(worked_unit_ids) > 0
                 AND NOT EXISTS (SELECT 1 FROM case_units u WHERE u.case_id = c.id)) AS units_missing`,
    );
    expect(report.cases).toBeGreaterThan(300);
    expect(report.skipped).toBe(0);
    expect(counts).toEqual({
      cases: report.cases,
      events: report.events,
      outbox_cases: report.cases,
      units_missing: 0,
    });
    expect(report.rolledUpEvents).toBe(report.events);
    expect(progress.at(-1)).toMatchObject({ phase: 'rollup' });
    expect(progress.filter((p) => p.phase === 'cases').at(-1)?.done).toBe(report.cases);
    // every version of every case is there, in order, and the case stands at its last
    expect(
      await one(
        `SELECT count(*)::int AS n FROM cases c
         WHERE c.version <> (SELECT max(version) FROM case_events e WHERE e.case_id = c.id)
            OR c.version <> (SELECT count(*) FROM case_events e WHERE e.case_id = c.id)`,
      ),
    ).toEqual({ n: 0 });
  });

  it('refuses to load the same history twice', async () => {
    const again = await loadHistory(deps, { months: 1, perDay: 30, seed: 7 });
    expect(again).toMatchObject({ ok: false, error: { code: 'history.already_loaded' } });
  });

  it('puts people’s actions in working hours of the district’s calendar, the sweep’s at any time', async () => {
    const rows = (
      await db.query<{ d: string; at: Date }>(
        "SELECT district_code AS d, at FROM case_events WHERE actor_role <> 'system'",
      )
    ).rows;
    expect(rows.length).toBeGreaterThan(report.cases * 4);
    const calendars = new Map<string, Calendar>();
    let off = 0;
    for (const r of rows) {
      const cal = calendars.get(r.d) ?? (await calendarForDistrict(db, r.d));
      calendars.set(r.d, cal);
      const t = new Date(r.at).getTime();
      // inside a working period (its end included)
      if (workingTimeBetween(cal, new Date(t - 1000), new Date(t + 1000)) === 0) off++;
    }
    expect(off).toBe(0);
  });

  it('gives the roll-up the same daily numbers as the full recompute from the event log', async () => {
    const districts = (
      await db.query<{ d: string }>('SELECT DISTINCT district_code AS d FROM cases ORDER BY 1')
    ).rows.map((r) => r.d);
    expect(districts.length).toBeGreaterThan(1);
    for (const d of districts) {
      const stored = await storedDaily(deps, d);
      expect(stored.length).toBeGreaterThan(0);
      expect(sorted(stored)).toEqual(sorted(await recomputeDaily(deps, d)));
    }
  }, 300_000);

  it('has rates near the sources’ figures', async () => {
    const sum = async (metric: string) =>
      Number(
        (
          await one<{ v: string | null }>(
            'SELECT sum(value) AS v FROM assess_daily WHERE metric = $1',
            [metric],
          )
        ).v ?? 0,
      );
    // closure of the cases filed more than two weeks before the end (the rest are still running)
    const closure = await one<{ filed: number; closed: number }>(
      `SELECT count(*)::int AS filed,
              count(*) FILTER (WHERE status IN ('closed', 'evaluated'))::int AS closed
       FROM cases WHERE status NOT IN ('not_filed', 'pending_verification', 'pending_filing')
         AND created_at < $1`,
      [new Date(deps.clock.now().getTime() - 14 * 86_400_000)],
    );
    expect(closure.closed / closure.filed).toBeGreaterThan(0.95);
    expect(closure.closed / closure.filed).toBeLessThan(1);
    const handled = await sum('unit.handled');
    const received = await sum('unit.received');
    expect((await sum('unit.reworked')) / handled).toBeGreaterThan(0.005);
    expect((await sum('unit.reworked')) / handled).toBeLessThan(0.09);
    expect((await sum('unit.sent_back')) / received).toBeGreaterThan(0.005);
    expect((await sum('unit.sent_back')) / received).toBeLessThan(0.08);
    expect(await sum('unit.extended')).toBeGreaterThan(0);
    expect(await sum('unit.overdue')).toBeGreaterThan(0);
    expect(await sum('grid.missed')).toBeGreaterThan(0);
    const onTime = (await sum('unit.handled_on_time')) / handled;
    expect(onTime).toBeGreaterThan(0.85);
    expect(onTime).toBeLessThan(0.99);
    const sat = await one<{ n: number; satisfied: number }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE satisfaction >= 4)::int AS satisfied
       FROM cases WHERE source = 'hotline_12345' AND satisfaction IS NOT NULL`,
    );
    expect(sat.n).toBeGreaterThan(30);
    expect(sat.satisfied / sat.n).toBeGreaterThan(0.5);
    expect(sat.satisfied / sat.n).toBeLessThan(0.9);
  });

  it('shows in the cockpit’s trend and hot spots and in the district’s report', async () => {
    const u = await one<{ id: string; display_name: string }>(
      "SELECT id, display_name FROM users WHERE username = 'commander'",
    );
    const commander: Principal = {
      userId: u.id,
      username: 'commander',
      displayName: u.display_name,
      role: 'commander',
      districtCode: DISTRICT,
      regionScope: [],
    };
    const trend = await readTrend(deps, commander, 30);
    const total = (kind: 'new' | 'closed') => trend.reduce((a, d) => a + d[kind], 0);
    const first = trend[0]?.day ?? '';
    const mine = await one<{ created: number; closed: number }>(
      `SELECT count(*) FILTER (WHERE created_at >= $2)::int AS created,
              count(*) FILTER (WHERE closed_at >= $2)::int AS closed
       FROM cases WHERE district_code = $1`,
      [DISTRICT, new Date(`${first}T00:00:00+08:00`)],
    );
    expect(mine.created).toBeGreaterThan(20);
    expect(total('new')).toBe(mine.created);
    expect(total('closed')).toBe(mine.closed);
    const hot = await readHotspots(deps, commander, 30, 5);
    expect(JSON.stringify(hot)).toContain(DISTRICT);

    const period = '2026-02';
    const report = await buildAssessmentReport(deps, {
      principal: commander,
      period,
      districtCode: DISTRICT,
    });
    if (!report.ok) throw new Error(report.error.code);
    const file = join(await mkdtemp(join(tmpdir(), 'history-report-')), 'report.xlsx');
    await writeFile(file, reportXlsx(report.value));
    const sheet = execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml']).toString('utf8');
    const rows = [...sheet.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)].map((m) => m[2] ?? '');
    const units = await assessDistrict(deps, {
      principal: commander,
      period,
      level: 'unit',
      districtCode: DISTRICT,
    });
    if (!units.ok) throw new Error(units.error.code);
    expect(units.value.parties.length).toBeGreaterThan(3);
    for (const p of units.value.parties) {
      const row = rows.find((r) => r.includes(`>${p.partyId}<`));
      // 受理案件数 is column H, after the 7 fixed columns
      const received = p.indicators.find((i) => i.id === 'unit.received')?.value;
      expect(/<c r="H\d+"><v>([^<]+)<\/v>/.exec(row ?? '')?.[1]).toBe(String(received));
    }
  });

  it('blows whistles whose summonses the whistle assessment counts and traces', async () => {
    expect(report.whistles).toBeGreaterThan(0);
    const db_ = await one<{ whistles: number; summons: number; case_events: number }>(
      `SELECT (SELECT count(*)::int FROM whistles) AS whistles,
              (SELECT count(*)::int FROM whistle_summons) AS summons,
              (SELECT count(*)::int FROM case_events WHERE action = 'whistle') AS case_events`,
    );
    expect(db_.whistles).toBe(report.whistles);
    expect(db_.case_events).toBe(report.whistles);
    const districts = (
      await db.query<{ d: string }>('SELECT DISTINCT district_code AS d FROM whistles')
    ).rows.map((r) => r.d.trim());
    let summons = 0;
    for (const d of districts) {
      const a = await assessDistrict(deps, {
        principal: ADMIN,
        period: '2026',
        level: 'whistle',
        districtCode: d,
      });
      if (!a.ok) throw new Error(a.error.code);
      for (const p of a.value.parties) {
        const n = p.indicators.find((i) => i.id === 'whistle.summons')?.value ?? 0;
        summons += n;
        const t = await traceIndicator(deps, {
          principal: ADMIN,
          indicator: 'whistle.summons',
          period: '2026',
          party: p.partyId,
          districtCode: d,
        });
        if (!t.ok) throw new Error(t.error.code);
        expect(t.value.items).toHaveLength(n);
        expect(t.value.items.every((i) => i.caseNumber.startsWith(d))).toBe(true);
      }
    }
    expect(summons).toBe(db_.summons);
  });
});

const ADMIN: Principal = {
  userId: 'test-admin',
  username: 'admin',
  displayName: 'admin',
  role: 'admin',
  districtCode: '530100',
  regionScope: [],
};
const DISTRICT = '530114';
