import { describe, expect, it } from 'vitest';
import { eventLabel, timerEvent } from './index.ts';
import { T0, caseIn } from './test-fixtures.ts';

describe('timer events (预警 / 超期)', () => {
  it('are typed events of the system: status kept, version + 1, the running step and its instants', () => {
    const c = caseIn('handling');
    const e = timerEvent(c, 'overdue', T0);
    const handle = c.deadlines.handle;
    expect(e).toEqual({
      caseId: c.id,
      districtCode: c.districtCode,
      seq: c.version + 1,
      action: 'timer_overdue',
      actor: { userId: 'system', role: 'system', districtCode: c.districtCode },
      at: T0,
      fromStatus: 'handling',
      toStatus: 'handling',
      payload: { step: 'handle', dueAt: handle?.dueAt, warnAt: handle?.warnAt },
    });
    expect(eventLabel('timer_overdue')).toEqual({ zh: '超期', en: 'overdue' });
    expect(eventLabel('redispatch').zh).toBe('改派');
  });

  it('are not raised for a paused timer or a case whose steps are done', () => {
    const held = caseIn('on_hold');
    const handle = held.deadlines.handle;
    if (!handle) throw new Error('fixture without a handle timer');
    const paused = { ...held, deadlines: { handle: { ...handle, pausedAt: T0 } } };
    expect(timerEvent(paused, 'warning', T0)).toBeNull();
    expect(timerEvent(caseIn('closed'), 'overdue', T0)).toBeNull();
  });
});
