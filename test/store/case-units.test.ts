import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { freshDb } from '../helpers/db.ts';

/**
 * case_units (migration 0190) holds one row per case and unit the case was ever sent to, kept by
 * the database for every writer of cases: a case opened with units, a case that reaches a new
 * unit, and nothing for a write that adds none. The API tests read a unit's list through it.
 */

let db: Db;

async function insertCase(id: string, workedUnitIds: string[]): Promise<void> {
  await db.query(
    `INSERT INTO cases (id, case_number, district_code, source, kind, category_scheme,
       category_code, urgency, lng, lat, loop_level, status, main_unit_id, worked_unit_ids,
       version, created_at, updated_at)
     VALUES ($1, '530114-20260301-' || lpad((1000 + length($1))::text, 4, '0') || $1,
       '530114', 'supervisor', 'event', 'gbt47678.5-2026', '02001', 'normal', 102.8, 24.9,
       'district', 'dispatched', $2, $3::text[], 1, '2026-03-01T02:00:00Z', now())`,
    [id, workedUnitIds[0] ?? null, workedUnitIds],
  );
}

async function unitsOf(
  id: string,
): Promise<{ unit_id: string; created_at: Date; district_code: string }[]> {
  const r = await db.query<{ unit_id: string; created_at: Date; district_code: string }>(
    `SELECT unit_id, created_at, district_code FROM case_units WHERE case_id = $1 ORDER BY unit_id`,
    [id],
  );
  return r.rows;
}

beforeAll(async () => {
  db = await freshDb();
});

afterAll(async () => {
  await db.close();
});

describe('case_units', () => {
  it('records the units of a case opened with units, with its report time and district', async () => {
    await insertCase('1', ['u-a', 'u-b']);
    expect(await unitsOf('1')).toEqual([
      { unit_id: 'u-a', created_at: new Date('2026-03-01T02:00:00Z'), district_code: '530114' },
      { unit_id: 'u-b', created_at: new Date('2026-03-01T02:00:00Z'), district_code: '530114' },
    ]);
    await insertCase('22', []);
    expect(await unitsOf('22')).toEqual([]);
  });

  it('adds a unit the case reaches later and keeps the ones it left', async () => {
    await insertCase('333', []);
    await db.query(
      `UPDATE cases SET worked_unit_ids = '{u-a}', main_unit_id = 'u-a' WHERE id = '333'`,
    );
    // Sent back, then dispatched to another unit: u-a stays in the case's units.
    await db.query(
      `UPDATE cases SET main_unit_id = NULL, status = 'pending_dispatch' WHERE id = '333'`,
    );
    await db.query(
      `UPDATE cases SET worked_unit_ids = '{u-a,u-c}', main_unit_id = 'u-c', status = 'dispatched'
       WHERE id = '333'`,
    );
    // A write of the same units (every update of the projection writes them) adds nothing.
    await db.query(`UPDATE cases SET worked_unit_ids = '{u-a,u-c}', version = 2 WHERE id = '333'`);
    expect((await unitsOf('333')).map((r) => r.unit_id)).toEqual(['u-a', 'u-c']);
  });
});
