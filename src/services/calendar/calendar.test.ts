import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_HOLIDAYS, FIXTURE_MAKEUP_DAYS, fmt, sh } from '../../../test/fixtures/calendar.ts';
import { testDeps } from '../../../test/helpers/deps.ts';
import { freshDb } from '../../../test/helpers/db.ts';
import type { Principal } from '../../domain/access/index.ts';
import { addWorkingDays, isWorkingDay } from '../../domain/calendar/index.ts';
import type { Db } from '../../store/db.ts';
import type { Deps } from '../deps.ts';
import {
  clearCalendarDay,
  createDistrictCalendar,
  listCalendarDays,
  setCalendarDay,
} from './calendars.ts';
import { calendarForDistrict } from './load-calendar.ts';
import { readShippedHolidays, syncCalendarReference } from './sync-calendar.ts';

let db: Db;
let deps: Deps;
const admin: Principal = {
  userId: 'u-admin',
  username: 'admin',
  displayName: 'Admin',
  role: 'admin',
  districtCode: '530100',
  regionScope: [],
};

beforeAll(async () => {
  db = await freshDb();
  deps = testDeps(db, new Date('2026-11-24T02:00:00Z'));
});
afterAll(async () => {
  await db.close();
});

describe('the shipped holiday data', () => {
  it('puts every make-up working day on a Saturday or Sunday and each date once', async () => {
    const { rows } = await readShippedHolidays();
    for (const r of rows.filter((x) => x.kind === 'makeup_workday'))
      expect([0, 6]).toContain(new Date(`${r.date}T00:00:00Z`).getUTCDay());
    expect(new Set(rows.map((r) => r.date)).size).toBe(rows.length);
  });

  it('agrees with the 2025 and 2026 dates the domain tests use', async () => {
    const { rows } = await readShippedHolidays();
    const kinds = new Map(rows.map((r) => [r.date, r.kind]));
    for (const d of FIXTURE_HOLIDAYS) expect([d, kinds.get(d)]).toEqual([d, 'holiday']);
    for (const d of FIXTURE_MAKEUP_DAYS) expect([d, kinds.get(d)]).toEqual([d, 'makeup_workday']);
  });

  it('counts the days of each State Council notice, and marks 2027 provisional', async () => {
    const { rows } = await readShippedHolidays();
    const count = (year: string, kind: string) =>
      rows.filter((r) => r.date.startsWith(year) && r.kind === kind).length;
    expect([2024, 2025, 2026, 2027].map((y) => count(String(y), 'holiday'))).toEqual([
      28, 28, 33, 13,
    ]);
    expect([2024, 2025, 2026, 2027].map((y) => count(String(y), 'makeup_workday'))).toEqual([
      8, 5, 6, 0,
    ]);
    const provisional = rows.filter((r) => r.status === 'provisional');
    expect(provisional.map((r) => r.date.slice(0, 4))).toEqual(Array(13).fill('2027'));
  });
});

describe('the default calendar in the database', () => {
  it('is loaded by the reference sync with the 2025 days', async () => {
    const r = await listCalendarDays(deps, { calendarId: 'default', year: 2025 });
    expect(r.ok && r.value.days.length).toBe(33);
    expect(r.ok && r.value.days.find((d) => d.date === '2025-01-26')).toMatchObject({
      kind: 'makeup_workday',
      nameZh: '春节调休上班',
      origin: 'reference',
      status: 'official',
      inherited: false,
    });
  });

  it('serves districts without their own calendar, for deadlines across 调休', async () => {
    const cal = await calendarForDistrict(db, '530102');
    expect(cal.id).toBe('default');
    expect(fmt(addWorkingDays(cal, sh(cal, '2025-01-24 16:00'), 2))).toBe('2025-01-27 17:30');
    expect(fmt(addWorkingDays(cal, sh(cal, '2026-02-13 10:00'), 2))).toBe('2026-02-24 17:30');
  });

  it('takes a manual edit at once and keeps it through a forced sync', async () => {
    const set = await setCalendarDay(deps, {
      calendarId: 'default',
      date: '2025-03-03',
      kind: 'holiday',
      nameZh: '测试假日',
      actor: admin,
    });
    expect(set).toMatchObject({ ok: true, value: { origin: 'manual', updatedBy: 'u-admin' } });
    expect(isWorkingDay(await calendarForDistrict(db, '530102'), '2025-03-03')).toBe(false);
    const sync = await syncCalendarReference(deps, { force: true });
    expect(sync).toMatchObject({ applied: true, removed: 0 });
    expect(isWorkingDay(await calendarForDistrict(db, '530102'), '2025-03-03')).toBe(false);
    expect(await syncCalendarReference(deps)).toMatchObject({ applied: false });
    const cleared = await clearCalendarDay(deps, {
      calendarId: 'default',
      date: '2025-03-03',
      actor: admin,
    });
    expect(cleared.ok).toBe(true);
    expect(isWorkingDay(await calendarForDistrict(db, '530102'), '2025-03-03')).toBe(true);
  });

  it.each([
    ['a make-up day on a weekday', '2025-03-04', 'makeup_workday', 'calendar.makeup_not_weekend'],
    ['an impossible date', '2025-02-29', 'holiday', 'calendar.invalid_date'],
  ] as const)('refuses %s', async (_name, date, kind, code) => {
    const r = await setCalendarDay(deps, { calendarId: 'default', date, kind, actor: admin });
    expect(r).toMatchObject({ ok: false, error: { code } });
  });

  it('refuses days of an unknown calendar and clearing a day that was never set', async () => {
    expect(
      await setCalendarDay(deps, {
        calendarId: 'nope',
        date: '2025-03-01',
        kind: 'holiday',
        actor: admin,
      }),
    ).toMatchObject({ ok: false, error: { code: 'calendar.not_found' } });
    expect(
      await clearCalendarDay(deps, { calendarId: 'default', date: '2025-03-05', actor: admin }),
    ).toMatchObject({ ok: false, error: { code: 'calendar.day_not_set' } });
  });
});

describe('a district calendar', () => {
  it('inherits the default days and overrides some of them for its district only', async () => {
    const created = await createDistrictCalendar(deps, { districtCode: '530103', actor: admin });
    expect(created).toMatchObject({
      ok: true,
      value: { id: 'district-530103', parentId: 'default' },
    });
    const again = await createDistrictCalendar(deps, { districtCode: '530103', actor: admin });
    expect(again).toMatchObject({ ok: false, error: { code: 'calendar.exists' } });

    // The district works on the last day of the 2025 National Day block.
    await setCalendarDay(deps, {
      calendarId: 'district-530103',
      date: '2025-10-08',
      kind: 'normal',
      actor: admin,
    });
    const district = await calendarForDistrict(db, '530103');
    expect(district.id).toBe('district-530103');
    expect(isWorkingDay(district, '2025-10-08')).toBe(true);
    expect(isWorkingDay(district, '2025-10-07')).toBe(false);
    expect(isWorkingDay(await calendarForDistrict(db, '530102'), '2025-10-08')).toBe(false);

    const days = await listCalendarDays(deps, { calendarId: 'district-530103', year: 2025 });
    const byDate = new Map(days.ok ? days.value.days.map((d) => [d.date, d]) : []);
    expect(byDate.get('2025-10-08')).toMatchObject({ kind: 'normal', inherited: false });
    expect(byDate.get('2025-10-07')).toMatchObject({ kind: 'holiday', inherited: true });
  });

  it('refuses invalid working periods', async () => {
    const r = await createDistrictCalendar(deps, {
      districtCode: '530111',
      workingPeriods: [{ start: '13:00', end: '09:00' }],
      actor: admin,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'calendar.invalid' } });
  });

  it('keeps district staff out of another district’s calendar and the default', async () => {
    const other: Principal = {
      ...admin,
      role: 'dispatcher',
      districtCode: '530102',
      regionScope: [],
    };
    const r = await setCalendarDay(deps, {
      calendarId: 'district-530103',
      date: '2025-03-01',
      kind: 'holiday',
      actor: other,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    const d = await setCalendarDay(deps, {
      calendarId: 'default',
      date: '2025-03-01',
      kind: 'holiday',
      actor: { ...other, districtCode: '530100' },
    });
    expect(d).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });
});
