import { describe, expect, it } from 'vitest';
import { bearingDeg, compassPoint, directions, distanceM } from './bearing.ts';
import { indexCategories, searchCategories, suggestCategories } from './category-search.ts';
import { pinyinInitials } from './pinyin.ts';
import {
  afterAnswer,
  itemsToSend,
  newOutboxItem,
  outboxCounts,
  reportBody,
  withPhotoUploaded,
  type ReportDraft,
} from './queue.ts';

const NOW = new Date('2026-03-02T01:00:00Z');
const DRAFT: ReportDraft = {
  kind: 'event',
  categoryCode: '01023',
  urgency: 'normal',
  location: { lng: 102.712, lat: 24.826, crs: 'wgs84' },
  description: '井盖松动',
};
const blob = new Blob(['x'], { type: 'image/png' });
const photo = (role: 'before' | 'after') => ({
  role,
  name: `${role}.png`,
  type: 'image/png',
  blob,
});

describe('the outbox (离线待发)', () => {
  it('keeps the idempotency key the item was made with and waits until every photo has an id', () => {
    const i = newOutboxItem('k-1', DRAFT, [photo('before')], NOW);
    expect(i).toMatchObject({ key: 'k-1', status: 'waiting', attempts: 0 });
    expect(reportBody(i)).toBeNull();
    const up = withPhotoUploaded(i, 0, 'file-1');
    expect(reportBody(up)).toMatchObject({ photoIds: ['file-1'], categoryCode: '01023' });
  });

  it('gives the same body on every attempt, so a retry is answered with the case it opened', () => {
    const i = withPhotoUploaded(newOutboxItem('k', DRAFT, [photo('before')], NOW), 0, 'f');
    const retried = afterAnswer(i, { kind: 'network', message: 'offline' }, NOW);
    expect(JSON.stringify(reportBody(retried))).toBe(JSON.stringify(reportBody(i)));
  });

  it('sends a self-handle’s before and after photos in selfHandle only (the case gets each once)', () => {
    let i = newOutboxItem(
      'k',
      { ...DRAFT, selfHandleNote: '已处理' },
      [photo('before'), photo('after')],
      NOW,
    );
    i = withPhotoUploaded(withPhotoUploaded(i, 0, 'b'), 1, 'a');
    const body = reportBody(i);
    expect(body).not.toHaveProperty('photoIds');
    expect(body).toMatchObject({
      selfHandle: { note: '已处理', beforePhotoIds: ['b'], afterPhotoIds: ['a'] },
    });
  });

  it.each([
    [201, 'sent'],
    [200, 'sent'], // a replay: the key had opened the case before
    [422, 'refused'],
    [409, 'refused'],
    [403, 'refused'],
    [401, 'waiting'], // signed out: sign in and it goes
    [408, 'waiting'],
    [429, 'waiting'],
    [500, 'waiting'],
    [503, 'waiting'],
  ] as const)('after an answer %i the item is %s', (status, expected) => {
    const i = newOutboxItem('k', DRAFT, [], NOW);
    const body =
      status < 300
        ? { case: { caseNumber: '530114-20260302-0001' } }
        : { code: 'x.y', message: { zh: '理由', en: 'reason' } };
    const after = afterAnswer(i, { kind: 'answered', status, body }, NOW);
    expect(after.status).toBe(expected);
    expect(after.attempts).toBe(1);
    if (expected === 'sent') expect(after.caseNumber).toBe('530114-20260302-0001');
    if (expected === 'refused')
      expect(after).toMatchObject({ refusalCode: 'x.y', reason: { zh: '理由', en: 'reason' } });
  });

  it('keeps an item waiting, with a reason, when the network fails', () => {
    const i = afterAnswer(
      newOutboxItem('k', DRAFT, [], NOW),
      { kind: 'network', message: 'x' },
      NOW,
    );
    expect(i.status).toBe('waiting');
    expect(i.reason?.en).toMatch(/network/i);
  });

  it('sends the waiting items oldest first and counts each status', () => {
    const a = newOutboxItem('a', DRAFT, [], new Date('2026-03-02T01:00:02Z'));
    const b = newOutboxItem('b', DRAFT, [], new Date('2026-03-02T01:00:01Z'));
    const sent = afterAnswer(
      newOutboxItem('c', DRAFT, [], NOW),
      { kind: 'answered', status: 201, body: {} },
      NOW,
    );
    expect(itemsToSend([a, sent, b]).map((i) => i.key)).toEqual(['b', 'a']);
    expect(outboxCounts([a, b, sent])).toEqual({ waiting: 2, sent: 1, refused: 0 });
  });
});

describe('pinyin initials and the category picker', () => {
  it.each([
    ['井盖破损', 'jgps'],
    ['路灯不亮', 'ldbl'],
    ['垃圾满溢', 'ljmy'],
    ['A4 广告牌', 'a4ggp'],
  ])('%s → %s', (text, initials) => {
    expect(pinyinInitials(text)).toBe(initials);
  });

  const cats = indexCategories([
    {
      kind: 'component',
      code: '01001',
      nameZh: '供水井盖',
      nameEn: 'water supply manhole cover',
      bigNameZh: '市政公用设施',
      keywords: [],
    },
    {
      kind: 'event',
      code: '01023',
      nameZh: '井盖破损',
      nameEn: 'manhole cover broken',
      bigNameZh: '市政公用设施类',
      keywords: ['井盖', '下水道盖'],
    },
    {
      kind: 'event',
      code: '01037',
      nameZh: '路灯不亮',
      nameEn: 'street light out',
      bigNameZh: '市政公用设施类',
      keywords: ['路灯', '照明'],
    },
  ]);
  it.each([
    ['jg', ['01023', '01001']],
    ['ld', ['01037']],
    ['010', ['01023', '01037', '01001']],
    ['下水道', ['01023']],
    ['路边井盖丢了', ['01023']],
    ['照明', ['01037']],
    ['light', ['01037']],
    ['', []],
  ])('finds “%s”', (q, codes) => {
    expect(searchCategories(cats, q).map((c) => c.code)).toEqual(codes);
  });

  it('suggests each category near the supervisor once, the nearest first', () => {
    expect(
      suggestCategories([
        { kind: 'component', categoryCode: '01037', distanceM: 40 },
        { kind: 'component', categoryCode: '01001', distanceM: 5 },
        { kind: 'component', categoryCode: '01037', distanceM: 30 },
      ]),
    ).toEqual([
      { kind: 'component', categoryCode: '01001', distanceM: 5, count: 1 },
      { kind: 'component', categoryCode: '01037', distanceM: 30, count: 2 },
    ]);
  });
});

describe('directions to a task', () => {
  const here = { lng: 102.712, lat: 24.826 };
  it.each([
    [{ lng: 102.712, lat: 24.836 }, 0, '北'],
    [{ lng: 102.722, lat: 24.826 }, 90, '东'],
    [{ lng: 102.712, lat: 24.816 }, 180, '南'],
    [{ lng: 102.702, lat: 24.826 }, 270, '西'],
  ])('to %o is %i° (%s)', (to, deg, zh) => {
    expect(bearingDeg(here, to)).toBeCloseTo(deg, 1);
    expect(compassPoint(bearingDeg(here, to)).zh).toBe(zh);
  });

  it('measures 0.01° of latitude as about 1.11 km', () => {
    expect(distanceM(here, { lng: 102.712, lat: 24.836 })).toBeCloseTo(1111.95, 0);
  });

  it.each([
    [23, '东北', 'NE'],
    [22, '北', 'N'],
    [337.6, '北', 'N'],
    [359.9, '北', 'N'],
    [203, '西南', 'SW'],
  ])('names %f° %s', (deg, zh, en) => {
    expect(compassPoint(deg)).toEqual({ zh, en });
  });

  it('says metres near and kilometres far', () => {
    expect(directions(here, { lng: 102.712, lat: 24.828 }).zh).toBe('北 222 m');
    expect(directions(here, { lng: 102.732, lat: 24.826 }).en).toBe('E 2.0 km');
  });
});
