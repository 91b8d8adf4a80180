import { describe, expect, it } from 'vitest';
import { callBack, linkCall, newOrder, reply, respond, type HotlineOrder } from './order.ts';

const T = (h: number) => new Date(Date.UTC(2026, 5, 1, 0) + h * 3_600_000);
const UNIT = 'u-530114001';

const fresh = (): HotlineOrder =>
  newOrder({
    districtCode: '530114',
    caseId: 'c-1',
    line: '12345',
    orderNo: null,
    hotlineType: 'S01',
    streetCode: '530114001',
    unitId: UNIT,
    dispatchedAt: T(0),
    respondDueAt: T(2),
    handleDueAt: T(48),
  });

function must<T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

const reopen = { respondDueAt: T(102), handleDueAt: T(148) };

describe('the work order lifecycle', () => {
  it('goes respond → reply → call back (satisfied) → closed, one version per step', () => {
    let o = must(respond(fresh(), UNIT, T(1)));
    expect(o).toMatchObject({ status: 'responded', respondedAt: T(1), respondedLate: false });
    o = must(reply(o, UNIT, '已清理', T(30)));
    expect(o).toMatchObject({ status: 'replied', handledLate: false, replyNote: '已清理' });
    const c = must(callBack(o, { result: 'satisfied', note: '', maxReopenings: 1, reopen }, T(50)));
    expect(c.reopened).toBe(false);
    expect(c.order).toMatchObject({ status: 'closed', callBackResult: 'satisfied', version: 4 });
  });

  it('marks a response after its limit late and a reply after its limit late; exactly at the limit is on time', () => {
    const late = must(respond(fresh(), UNIT, T(3)));
    expect(late.respondedLate).toBe(true);
    const onTime = must(respond(fresh(), UNIT, T(2)));
    expect(onTime.respondedLate).toBe(false);
    expect(must(reply(onTime, UNIT, '已处置', T(48))).handledLate).toBe(false);
    expect(must(reply(onTime, UNIT, '已处置', T(49))).handledLate).toBe(true);
  });

  it('refuses another unit, a step out of order and a reply without a note', () => {
    expect(respond(fresh(), 'u-other', T(1))).toMatchObject({
      ok: false,
      error: { code: 'hotline.not_your_order' },
    });
    expect(reply(fresh(), UNIT, '已处置', T(1))).toMatchObject({
      ok: false,
      error: { code: 'hotline.not_in_state', details: { status: 'dispatched', step: 'reply' } },
    });
    const o = must(respond(fresh(), UNIT, T(1)));
    expect(respond(o, UNIT, T(1))).toMatchObject({ ok: false });
    expect(reply(o, UNIT, '  ', T(1))).toMatchObject({
      ok: false,
      error: { code: 'hotline.note_required' },
    });
    expect(
      callBack(o, { result: 'satisfied', note: '', maxReopenings: 1, reopen }, T(2)),
    ).toMatchObject({ ok: false, error: { code: 'hotline.not_in_state' } });
  });

  it('reopens on a dissatisfied call-back while reopenings < max, then closes dissatisfied', () => {
    const replied = (o: HotlineOrder, at: number) =>
      must(reply(must(respond(o, UNIT, T(at))), UNIT, '已处置', T(at + 1)));
    let o = replied(fresh(), 1);
    expect(
      callBack(o, { result: 'dissatisfied', note: '', maxReopenings: 1, reopen }, T(60)),
    ).toMatchObject({ ok: false, error: { code: 'hotline.note_required' } });
    const first = must(
      callBack(o, { result: 'dissatisfied', note: '仍有垃圾', maxReopenings: 1, reopen }, T(60)),
    );
    expect(first.reopened).toBe(true);
    expect(first.order).toMatchObject({
      status: 'dispatched',
      reopenCount: 1,
      dispatchedAt: T(60),
      respondDueAt: T(102),
      handleDueAt: T(148),
      repliedAt: null,
      // the first response stays the judged one
      respondedAt: T(1),
    });
    // A reply after the new limit marks the order handled late.
    o = must(reply(must(respond(first.order, UNIT, T(100))), UNIT, '再次清理', T(150)));
    expect(o.handledLate).toBe(true);
    const second = must(
      callBack(o, { result: 'dissatisfied', note: '仍不满意', maxReopenings: 1, reopen }, T(160)),
    );
    expect(second.reopened).toBe(false);
    expect(second.order).toMatchObject({ status: 'closed', callBackResult: 'dissatisfied' });
  });

  it('never reopens with maxReopenings 0', () => {
    const o = must(reply(must(respond(fresh(), UNIT, T(1))), UNIT, '已处置', T(2)));
    const r = must(
      callBack(o, { result: 'dissatisfied', note: '不满意', maxReopenings: 0, reopen }, T(3)),
    );
    expect(r).toMatchObject({ reopened: false, order: { status: 'closed', reopenCount: 0 } });
  });

  it('links a repeated call without changing the order’s state', () => {
    const o = linkCall(linkCall(fresh()));
    expect(o).toMatchObject({ status: 'dispatched', linkedCalls: 2, version: 3 });
  });
});
