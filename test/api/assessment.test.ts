import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollUpAll } from '../../src/services/indicators/rollup.ts';
import { walkCases } from '../assessment/walk.ts';
import { closeCaseWorld, openCaseWorld } from '../helpers/app.ts';
import { OTHER, OWN, OWN_UNIT, OWN_UNIT_2, type CaseWorld } from '../factories.ts';

type Party = {
  partyId: string;
  name: string | null;
  composite: number | null;
  rank: number;
  values: { id: string; value: number | null }[];
};

let w: CaseWorld;
let dir: string;
beforeAll(async () => {
  w = await openCaseWorld();
  dir = await mkdtemp(join(tmpdir(), 'gridloop-assess-'));
  await walkCases(w, 16);
  await rollUpAll(w.deps);
}, 300_000);
afterAll(async () => {
  await closeCaseWorld(w);
  await rm(dir, { recursive: true, force: true });
});

async function get(username: string, url: string) {
  return w.app.inject({ method: 'GET', url, headers: await w.auth(username) });
}

const valueOf = (p: Party | undefined, id: string) => p?.values.find((v) => v.id === id)?.value;

describe('GET /api/v1/assessment', () => {
  it('assesses the units of a district for a year with values, composite and rank', async () => {
    const res = await get(
      'cg.commander',
      `/api/v1/assessment?period=2026&level=unit&district=${OWN}`,
    );
    expect(res.statusCode).toBe(200);
    const body = res.json<{ parties: Party[]; period: { from: string; to: string } }>();
    expect(body.period).toMatchObject({ from: '2026-01-01', to: '2027-01-01' });
    const unit = body.parties.find((p) => p.partyId === OWN_UNIT);
    // 16 cases, 2 of each of 8 paths: 7 paths dispatch to the first unit; the re-dispatched and
    // the reopened cases go on to the second
    expect(valueOf(unit, 'unit.received')).toBe(14);
    expect(valueOf(unit, 'unit.send_back_rate')).toBe(14.29);
    expect(unit?.composite).not.toBeNull();
    expect(body.parties.map((p) => p.rank).sort()).toEqual([1, 2]);
    expect(body.parties.map((p) => p.partyId).sort()).toEqual([OWN_UNIT, OWN_UNIT_2].sort());
  });

  it('assesses streets with problems per grid and closure rates', async () => {
    const res = await get('admin', `/api/v1/assessment?period=2026&level=region&district=${OWN}`);
    expect(res.statusCode).toBe(200);
    const parties = res.json<{ parties: Party[] }>().parties;
    const filed = parties.reduce((a, p) => a + (valueOf(p, 'region.filed') ?? 0), 0);
    expect(filed).toBe(14);
  });

  it('shows a unit its own figures only, and nothing of another district', async () => {
    const own = await get('unit_handler', `/api/v1/assessment?period=2026&level=unit`);
    expect(own.statusCode).toBe(200);
    expect(own.json<{ parties: Party[] }>().parties.map((p) => p.partyId)).toEqual([OWN_UNIT]);
    expect(
      (await get('unit_handler', '/api/v1/assessment?period=2026&level=region')).statusCode,
    ).toBe(403);
    expect(
      (await get('cg.commander', `/api/v1/assessment?period=2026&district=${OTHER}`)).statusCode,
    ).toBe(403);
  });

  it('refuses a period that is not a month or a year', async () => {
    const res = await get('admin', `/api/v1/assessment?period=2026-13&district=${OWN}`);
    expect(res.statusCode).toBe(400);
  });
});

describe('GET /api/v1/assessment/{indicator}/cases', () => {
  it('lists the cases and events behind a number, summing to it', async () => {
    const res = await get(
      'cg.commander',
      `/api/v1/assessment/unit.send_back_rate/cases?period=2026&party=${OWN_UNIT}&district=${OWN}`,
    );
    expect(res.statusCode).toBe(200);
    const t = res.json<{
      sums: Record<string, number>;
      items: { caseNumber: string; action: string; metric: string }[];
    }>();
    expect(t.sums).toEqual({ 'unit.sent_back': 2, 'unit.received': 14 });
    expect(t.items.filter((i) => i.metric === 'unit.sent_back').map((i) => i.action)).toEqual([
      'send_back',
      'send_back',
    ]);
    expect(t.items[0]?.caseNumber).toMatch(/^530114-/);
  });

  it('answers 404 for an indicator that does not exist', async () => {
    const res = await get(
      'admin',
      `/api/v1/assessment/unit.nothing/cases?period=2026&party=x&district=${OWN}`,
    );
    expect(res.json<{ code: string }>().code).toBe('assessment.unknown_indicator');
  });
});

describe('GET /api/v1/assessment/report', () => {
  it('exports the district report as .xlsx with Chinese headers and the API’s numbers', async () => {
    const res = await get('cg.commander', `/api/v1/assessment/report?period=2026&district=${OWN}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const file = join(dir, 'report.xlsx');
    await writeFile(file, res.rawPayload);
    // read back with an independent unzip
    const sheet = execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml']).toString('utf8');
    const book = execFileSync('unzip', ['-p', file, 'xl/workbook.xml']).toString('utf8');
    expect(book).toContain('处置单位考核');
    expect(book).toContain('区域（街道）考核');
    for (const h of ['排名', '综合指标值', '受理案件数', '回退率（%）', '平均处置时长（工作小时）'])
      expect(sheet).toContain(`<t xml:space="preserve">${h}</t>`);
    // the unit's row: 编码 then 受理案件数 (column H, after 7 fixed columns)
    const rows = [...sheet.matchAll(/<row r="(\d+)">(.*?)<\/row>/g)].map((m) => m[2] ?? '');
    const row = rows.find((r) => r.includes(`>${OWN_UNIT}<`));
    expect(row).toBeDefined();
    expect(/<c r="H\d+"><v>([^<]+)<\/v>/.exec(row ?? '')?.[1]).toBe('14');
  });

  it('prints the same report as HTML', async () => {
    const res = await get(
      'admin',
      `/api/v1/assessment/report?period=2026&district=${OWN}&format=html`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('网格化综合考核年度报告');
    expect(res.body).toContain('<th>按期结案率（%）</th>');
  });

  it('gives a unit its own report only', async () => {
    const res = await get('unit_handler', `/api/v1/assessment/report?period=2026&format=html`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(OWN_UNIT);
    expect(res.body).not.toContain(OWN_UNIT_2);
  });
});
