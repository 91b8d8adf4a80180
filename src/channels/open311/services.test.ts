import { describe, expect, it } from 'vitest';
import { checkAttributes, describeAttributes, parseAttributes } from './services.ts';

const defs = (() => {
  const r = parseAttributes(
    'size|singlevaluelist|true|大小 size|s=小 small;l=大 large\nn|number|false|数量 count\nwhen|datetime|false|时间 when\nkinds|multivaluelist|false|种类|a=甲;b=乙',
  );
  if (!r.ok) throw new Error(r.error);
  return r.value;
})();

describe('service attributes', () => {
  it('parses one attribute per line, in order, with list values', () => {
    expect(defs.map((d) => [d.code, d.datatype, d.required, d.order])).toEqual([
      ['size', 'singlevaluelist', true, 1],
      ['n', 'number', false, 2],
      ['when', 'datetime', false, 3],
      ['kinds', 'multivaluelist', false, 4],
    ]);
    expect(defs[0]?.values).toEqual([
      { key: 's', name: '小 small' },
      { key: 'l', name: '大 large' },
    ]);
  });

  it.each([
    ['bad|colour|true|x', 'datatype colour'],
    ['x|singlevaluelist|true|x', 'values of x'],
    ['x|string|yes|x', 'required yes'],
    ['a b|string|true|x', 'attribute code "a b"'],
  ])('refuses the column %s', (cell, reason) => {
    expect(parseAttributes(cell)).toEqual({ ok: false, error: reason });
  });

  it.each([
    [{}, 'size', 'required'],
    [{ size: 'm' }, 'size', 'not one of s, l'],
    [{ size: 's', n: 'many' }, 'n', 'not a number'],
    [{ size: 's', when: 'yesterday' }, 'when', 'not an ISO 8601 date'],
    [{ size: 's', colour: 'red' }, 'colour', 'unknown'],
    [{ size: ['s', 'l'] }, 'size', 'one value only'],
  ])('refuses %j at %s', (given, attribute, reason) => {
    expect(checkAttributes(defs, given)).toEqual({ ok: false, error: { attribute, reason } });
  });

  it('accepts good values and describes them by name', () => {
    const r = checkAttributes(defs, { size: 'l', n: '3', kinds: ['a', 'b'], when: '2026-03-02' });
    expect(r).toEqual({
      ok: true,
      value: { size: 'l', n: '3', kinds: ['a', 'b'], when: '2026-03-02' },
    });
    if (r.ok)
      expect(describeAttributes(defs, r.value)).toBe(
        '大小 size: 大 large；数量 count: 3；时间 when: 2026-03-02；种类: 甲、乙',
      );
  });
});
