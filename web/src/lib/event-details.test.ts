import { describe, expect, it } from 'vitest';
import { eventFacts } from './event-details.ts';

describe('eventFacts', () => {
  it('sorts a payload into photos, units, instants and text', () => {
    expect(
      eventFacts({
        photoIds: ['p1'],
        afterPhotoIds: ['p2', 3],
        unitId: 'u-1',
        assistingUnitIds: ['u-2', 'u-3'],
        dueAt: '2026-03-02T01:00:00Z',
        reason: '不属于本单位',
        reason2: { zh: '规则', en: 'rule' },
        count: 2,
        empty: '',
        none: null,
        list: [],
        nested: { a: 1 },
        deadline: { dueAt: '2026-03-03T01:00:00Z', warnAt: '2026-03-03T00:00:00Z' },
      }),
    ).toEqual({
      photoIds: ['p1', 'p2'],
      details: [
        { kind: 'units', key: 'unitId', ids: ['u-1'] },
        { kind: 'units', key: 'assistingUnitIds', ids: ['u-2', 'u-3'] },
        { kind: 'instant', key: 'dueAt', iso: '2026-03-02T01:00:00Z' },
        { kind: 'text', key: 'reason', value: '不属于本单位' },
        { kind: 'text', key: 'reason2', value: '规则 / rule' },
        { kind: 'text', key: 'count', value: '2' },
        { kind: 'text', key: 'nested', value: '{"a":1}' },
        { kind: 'instant', key: 'deadline', iso: '2026-03-03T01:00:00Z' },
      ],
    });
  });
});
