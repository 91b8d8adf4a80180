import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/domain/cases/index.ts';
import type { Db } from '../../src/store/db.ts';
import { freshDb } from '../helpers/db.ts';
import { OTHER, OWN, caseWorld, openTestCase, type CaseWorld } from '../factories.ts';

/**
 * The reads the console's desks use (issue #11): the acceptance desk's likely duplicates of a
 * case, the case search's .xlsx export and the hotline desk's list of types.
 */

let db: Db;
let w: CaseWorld;
let dir: string;
let first: Case;
let second: Case;
let far: Case;

async function get(username: string, url: string) {
  return w.app.inject({ method: 'GET', url, headers: await w.auth(username) });
}

beforeAll(async () => {
  db = await freshDb();
  w = await caseWorld(db);
  dir = await mkdtemp(join(tmpdir(), 'desk-'));
  first = await openTestCase(w, 'supervisor');
  const p = first.location.point;
  // ~11 m north of the first: the same problem reported twice.
  second = await openTestCase(w, 'supervisor', {
    location: { lng: p.lng, lat: p.lat + 0.0001 },
    description: '同一井盖，第二次上报',
  });
  far = await openTestCase(w, 'supervisor', { location: { lng: p.lng + 0.01, lat: p.lat } });
}, 180_000);

afterAll(async () => {
  await w.app.close();
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

describe('GET /api/v1/cases/{id}/likely-duplicates', () => {
  it('lists the nearby open case of the same category and not the far one', async () => {
    const res = await get('acceptance_operator', `/api/v1/cases/${second.id}/likely-duplicates`);
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { caseId: string; distanceM: number }[] }>().items;
    expect(items.map((d) => d.caseId)).toContain(first.id);
    expect(items.map((d) => d.caseId)).not.toContain(far.id);
    expect(items.map((d) => d.caseId)).not.toContain(second.id);
    const d = items.find((x) => x.caseId === first.id);
    expect(d?.distanceM).toBeGreaterThan(5);
    expect(d?.distanceM).toBeLessThan(20);
  });

  it('is the acceptance desk’s: a unit handler is refused', async () => {
    const res = await get('unit_handler', `/api/v1/cases/${second.id}/likely-duplicates`);
    expect(res.statusCode).toBe(403);
  });

  it('answers 404 for a case of another district', async () => {
    const other = await openTestCase(w, 'wh.supervisor', { districtCode: OTHER });
    const res = await get('acceptance_operator', `/api/v1/cases/${other.id}/likely-duplicates`);
    expect(res.json<{ code: string }>().code).toBe('case.not_found');
  });
});

describe('GET /api/v1/cases/export', () => {
  it('writes the filtered cases as an .xlsx workbook', async () => {
    const res = await get(
      'dispatcher',
      `/api/v1/cases/export?district=${OWN}&status=pending_filing`,
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toMatch(/cases-\d{4}-\d{2}-\d{2}\.xlsx/);
    const file = join(dir, 'cases.xlsx');
    await writeFile(file, res.rawPayload);
    const sheet = execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml']).toString('utf8');
    for (const c of [first, second, far]) expect(sheet).toContain(`>${c.caseNumber}<`);
    expect(sheet).toContain('<t xml:space="preserve">caseNumber 案件编号</t>');
    expect(sheet).toContain('同一井盖，第二次上报');
    // No reporter column: the phone is in no export.
    expect(sheet).not.toContain('13812345678');
  });

  it('applies the filters (a case number finds one row) and refuses a bad one', async () => {
    const res = await get('dispatcher', `/api/v1/cases/export?caseNumber=${first.caseNumber}`);
    const file = join(dir, 'one.xlsx');
    await writeFile(file, res.rawPayload);
    const sheet = execFileSync('unzip', ['-p', file, 'xl/worksheets/sheet1.xml']).toString('utf8');
    expect(sheet).toContain(`>${first.caseNumber}<`);
    expect(sheet).not.toContain(`>${second.caseNumber}<`);
    const bad = await get('dispatcher', '/api/v1/cases/export?reportedFrom=2026-02-30T00:00:00Z');
    expect(bad.statusCode).toBe(400);
    const backwards = await get(
      'dispatcher',
      '/api/v1/cases/export?reportedFrom=2026-03-02T00:00:00Z&reportedTo=2026-03-01T00:00:00Z',
    );
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json<{ code: string }>().code).toBe('case.bad_filter');
  });
});

describe('GET /api/v1/hotline/types', () => {
  it('lists the 48 street types and the department types with their categories', async () => {
    const res = await get('hotline_agent', '/api/v1/hotline/types');
    expect(res.statusCode).toBe(200);
    const items = res.json<{ items: { code: string; route: string; categoryCode: string }[] }>()
      .items;
    expect(items.filter((t) => t.route === 'street')).toHaveLength(48);
    expect(items.find((t) => t.code === 'S01')).toMatchObject({ categoryCode: '06001' });
  });
});
