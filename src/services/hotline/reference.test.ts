import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  hotlineTypesOf,
  parseHotlineParameters,
  preferredUnitOf,
} from '../../domain/hotline/index.ts';
import { parseVocabulary } from '../../domain/intake/index.ts';

const file = (name: string) =>
  readFileSync(new URL(`../../../reference/channels/${name}`, import.meta.url), 'utf8');

describe('the shipped hotline data', () => {
  it('lists the 48 types 12345 sends straight to the streets, and department types', () => {
    const v = parseVocabulary('hotline-types', file('hotline-types.csv'));
    if (!v.ok) throw new Error(JSON.stringify(v.error));
    const { types, problems } = hotlineTypesOf(v.value);
    expect(problems).toEqual([]);
    expect(types.filter((t) => t.route === 'street')).toHaveLength(48);
    const dept = types.filter((t) => t.route === 'department');
    expect(dept.length).toBeGreaterThan(0);
    expect(preferredUnitOf(types[0]!)).toEqual({ unitKind: 'street_centre' });
    expect(preferredUnitOf(dept[0]!)).toBeUndefined();
  });

  it('reads the parameters file, and refuses a broken one', () => {
    const p = parseHotlineParameters(JSON.parse(file('hotline-parameters.json')));
    expect(p).toMatchObject({ ok: true, value: { maxReopenings: 1 } });
    expect(parseHotlineParameters({ responseLimit: {} })).toMatchObject({ ok: false });
  });
});
