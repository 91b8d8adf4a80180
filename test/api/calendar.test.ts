import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.ts';
import { ADMIN_AND_DISPATCHER, addUsers, bearer, loginAs, testApp } from '../helpers/app.ts';
import { testDeps } from '../helpers/deps.ts';
import { freshDb } from '../helpers/db.ts';

let db: Db;
let app: FastifyInstance;
let adminToken = '';
let dispatcherToken = '';

beforeAll(async () => {
  db = await freshDb();
  const deps = testDeps(db, new Date('2026-11-24T02:00:00Z'));
  await addUsers(deps, ADMIN_AND_DISPATCHER);
  app = await testApp(deps);
  adminToken = await loginAs(app, 'admin');
  dispatcherToken = await loginAs(app, 'wuhua.dispatcher');
});
afterAll(async () => {
  await app.close();
  await db.close();
});

type Day = { date: string; kind: string; name: { zh: string }; inherited: boolean };

describe('GET /api/v1/calendars/{id}/days', () => {
  it('lists the 2026 holidays and make-up working days of the default calendar', async () => {
    const res = await app.inject({ url: '/api/v1/calendars/default/days?year=2026' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ calendar: { timeZone: string }; days: Day[] }>();
    expect(body.calendar.timeZone).toBe('Asia/Shanghai');
    const makeup = body.days.filter((d) => d.kind === 'makeup_workday').map((d) => d.date);
    expect(makeup).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    expect(body.days.find((d) => d.date === '2026-02-15')).toMatchObject({
      kind: 'holiday',
      name: { zh: '春节' },
    });
  });

  it.each([
    ['/api/v1/calendars/nope/days?year=2026', 404, 'calendar.not_found'],
    ['/api/v1/calendars/default/days?year=1999', 400, 'request.invalid'],
    ['/api/v1/calendars/default/days', 400, 'request.invalid'],
  ])('answers %s with %s %s and a zh/en message', async (url, status, code) => {
    const res = await app.inject({ url });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({
      code,
      message: { zh: expect.any(String), en: expect.any(String) },
    });
  });
});

describe('GET /api/v1/calendars/{id}/deadline', () => {
  it.each([
    // Friday 2025-01-24 16:00 (+08:00) with 2 working days: Sunday 01-26 is a make-up day.
    [
      '2025-01-24T08:00:00Z',
      2,
      'working_days',
      '2025-01-27T09:30:00.000Z',
      '2025-01-27T06:24:00.000Z',
    ],
    // 4 working hours from 2025-01-27 17:00: half an hour, the holiday, then 3.5 h on 02-05.
    [
      '2025-01-27T09:00:00Z',
      4,
      'working_hours',
      '2025-02-05T06:00:00.000Z',
      '2025-02-05T03:42:00.000Z',
    ],
  ])('computes from %s + %s %s the deadline %s', async (from, amount, unit, dueAt, warnAt) => {
    const res = await app.inject({
      url: '/api/v1/calendars/default/deadline',
      query: { from, amount: String(amount), unit },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dueAt, warnAt, clock: 'working' });
  });

  it('rejects an unknown unit and an unknown calendar', async () => {
    const bad = await app.inject({
      url: '/api/v1/calendars/default/deadline',
      query: { from: '2025-01-24T08:00:00Z', amount: '2', unit: 'fortnights' },
    });
    expect(bad.json()).toMatchObject({ code: 'request.invalid' });
    const badFrom = await app.inject({
      url: '/api/v1/calendars/default/deadline',
      query: { from: 'yesterday', amount: '2', unit: 'working_days' },
    });
    expect(badFrom.json()).toMatchObject({ code: 'request.invalid' });
    const missing = await app.inject({
      url: '/api/v1/calendars/nope/deadline',
      query: { from: '2025-01-24T08:00:00Z', amount: '2', unit: 'working_days' },
    });
    expect(missing.json()).toMatchObject({ code: 'calendar.not_found' });
  });
});

describe('PUT and DELETE /api/v1/calendars/{id}/days/{date}', () => {
  const put = (date: string, payload: object, token = adminToken, id = 'default') =>
    app.inject({
      method: 'PUT',
      url: `/api/v1/calendars/${id}/days/${date}`,
      headers: bearer(token),
      payload,
    });

  it('lets an administrator make a Saturday a make-up working day and clear it again', async () => {
    const res = await put('2027-02-20', {
      kind: 'makeup_workday',
      nameZh: '春节调休上班',
      note: '测试',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      date: '2027-02-20',
      kind: 'makeup_workday',
      origin: 'manual',
      source: '测试',
    });
    const del = await app.inject({
      method: 'DELETE',
      url: '/api/v1/calendars/default/days/2027-02-20',
      headers: bearer(adminToken),
    });
    expect(del.json()).toEqual({ calendarId: 'default', date: '2027-02-20' });
  });

  it.each([
    [
      'a make-up day on a Wednesday',
      '2027-02-17',
      { kind: 'makeup_workday' },
      400,
      'calendar.makeup_not_weekend',
    ],
    ['an impossible date', '2027-02-30', { kind: 'holiday' }, 400, 'calendar.invalid_date'],
    ['a malformed date', '2027-2-3', { kind: 'holiday' }, 400, 'request.invalid'],
    ['an unknown kind', '2027-02-17', { kind: 'day_off' }, 400, 'request.invalid'],
  ])('refuses %s', async (_name, date, body, status, code) => {
    const res = await put(date, body);
    expect(res.statusCode).toBe(status);
    expect(res.json()).toMatchObject({ code, message: { zh: expect.any(String) } });
  });

  it('refuses a dispatcher (no calendar.write) and an anonymous caller', async () => {
    expect((await put('2027-02-17', { kind: 'holiday' }, dispatcherToken)).statusCode).toBe(403);
    const anon = await app.inject({
      method: 'PUT',
      url: '/api/v1/calendars/default/days/2027-02-17',
      payload: { kind: 'holiday' },
    });
    expect(anon.statusCode).toBe(401);
  });

  it('answers 404 when clearing a day the calendar never set', async () => {
    const res = await app.inject({
      method: 'DELETE',
      url: '/api/v1/calendars/default/days/2027-03-03',
      headers: bearer(adminToken),
    });
    expect(res.json()).toMatchObject({ code: 'calendar.day_not_set' });
  });
});

describe('POST /api/v1/calendars', () => {
  it('gives a district its own calendar that inherits the default days', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/calendars',
      headers: bearer(adminToken),
      payload: { districtCode: '530102', workingPeriods: [{ start: '08:30', end: '17:00' }] },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      id: 'district-530102',
      parentId: 'default',
      workingPeriods: [{ start: '08:30', end: '17:00' }],
    });
    const days = await app.inject({ url: '/api/v1/calendars/district-530102/days?year=2025' });
    expect(days.json<{ days: Day[] }>().days.find((d) => d.date === '2025-01-26')).toMatchObject({
      kind: 'makeup_workday',
      inherited: true,
    });
    const again = await app.inject({
      method: 'POST',
      url: '/api/v1/calendars',
      headers: bearer(adminToken),
      payload: { districtCode: '530102' },
    });
    expect(again.statusCode).toBe(409);
    const list = await app.inject({ url: '/api/v1/calendars' });
    expect(list.json<{ items: { id: string }[] }>().items.map((c) => c.id)).toEqual([
      'default',
      'district-530102',
    ]);
  });
});
