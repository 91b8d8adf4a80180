import { describe, expect, it } from 'vitest';
import type { DispatchFacts, DispatchRule } from './index.ts';
import { matchDispatchRule, validateDispatchRule } from './index.ts';

const rule = (id: string, unitId: string, o: Partial<DispatchRule> = {}): DispatchRule => ({
  id,
  districtCode: '530102',
  categoryKind: 'event',
  categoryCode: '*',
  regionLevel: null,
  regionCode: null,
  loopLevel: null,
  unitId,
  autoDispatch: false,
  ...o,
});

const RULES: readonly DispatchRule[] = [
  rule('r-city-any', 'city-centre', { districtCode: null }),
  rule('r-district-any', 'district-bureau'),
  rule('r-big-01', 'municipal-bureau', { categoryCode: '01' }),
  rule('r-exact-01001', 'water-company', { categoryCode: '01001', autoDispatch: true }),
  rule('r-street-any', 'street-centre', { regionLevel: 'street', regionCode: '530102001' }),
  rule('r-community-any', 'community-station', {
    regionLevel: 'community',
    regionCode: '530102001001',
  }),
  rule('r-grid-big-02', 'property-company', {
    categoryCode: '02',
    regionLevel: 'grid',
    regionCode: '530102001001001',
  }),
  rule('r-city-loop-01001', 'city-water-group', {
    districtCode: null,
    categoryCode: '01001',
    loopLevel: 'city',
  }),
  rule('r-component-any', 'component-owner', { categoryKind: 'component' }),
];

const facts = (o: Partial<DispatchFacts> = {}): DispatchFacts => ({
  districtCode: '530102',
  categoryKind: 'event',
  categoryCode: '01001',
  streetCode: '530102001',
  communityCode: '530102001001',
  gridCode: '530102001001001',
  loopLevel: 'district',
  ...o,
});

describe('matchDispatchRule', () => {
  it.each<[string, Partial<DispatchFacts>, string]>([
    ['an exact category beats a big class and any region rule', {}, 'r-exact-01001'],
    ['a big class beats "any" rules in smaller regions', { categoryCode: '01002' }, 'r-big-01'],
    [
      'a grid rule beats community, street and district rules',
      { categoryCode: '02005' },
      'r-grid-big-02',
    ],
    [
      'a community rule beats street and district rules',
      { categoryCode: '03001' },
      'r-community-any',
    ],
    [
      'a street rule beats the district rule outside that community',
      { categoryCode: '03001', communityCode: '530102001002', gridCode: '530102001002001' },
      'r-street-any',
    ],
    [
      'a district rule applies outside the ruled streets',
      { categoryCode: '03001', streetCode: '530102002', communityCode: null, gridCode: null },
      'r-district-any',
    ],
    [
      'a city-wide rule applies in another district',
      { districtCode: '530103', streetCode: null, communityCode: null, gridCode: null },
      'r-city-any',
    ],
    [
      'a loop-level match beats a more specific rule without one',
      { loopLevel: 'city' },
      'r-city-loop-01001',
    ],
    [
      'the category kind must match',
      { categoryKind: 'component', categoryCode: '01001' },
      'r-component-any',
    ],
  ])('%s', (_what, o, ruleId) => {
    const r = matchDispatchRule(RULES, facts(o));
    expect(r.ok && r.value.rule.id).toBe(ruleId);
  });

  it('explains the choice in Chinese and English and offers the other units best first', () => {
    const r = matchDispatchRule(RULES, facts());
    if (!r.ok) throw new Error('no match');
    expect(r.value).toMatchObject({
      unitId: 'water-company',
      autoDispatch: true,
      category: 'exact',
      region: 'district',
    });
    expect(r.value.reason.zh).toContain('小类精确匹配');
    expect(r.value.reason.en).toBe(
      'rule r-exact-01001: exact category event/01001; district 530102 → unit water-company',
    );
    expect(r.value.alternatives.map((a) => a.rule.id)).toEqual([
      'r-big-01',
      'r-community-any',
      'r-street-any',
      'r-district-any',
      'r-city-any',
    ]);
  });

  it('breaks ties by priority, then by rule id, whatever the order of the rules', () => {
    const a = rule('r-a', 'unit-a');
    const b = rule('r-b', 'unit-b');
    const c = rule('r-c', 'unit-c', { priority: 5 });
    expect(matchDispatchRule([b, a], facts())).toMatchObject({ value: { unitId: 'unit-a' } });
    expect(matchDispatchRule([a, b, c], facts())).toMatchObject({ value: { unitId: 'unit-c' } });
    expect(matchDispatchRule([c, b, a], facts())).toMatchObject({ value: { unitId: 'unit-c' } });
  });

  it('reports no matching unit with the facts it tried', () => {
    const r = matchDispatchRule(
      RULES,
      facts({ districtCode: '530199', categoryKind: 'component' }),
    );
    expect(r).toMatchObject({ ok: false, error: { code: 'dispatch.no_matching_unit' } });
  });

  it('ignores a region rule when the case has no code at that level', () => {
    const r = matchDispatchRule(RULES, facts({ categoryCode: '02005', gridCode: null }));
    expect(r.ok && r.value.rule.id).toBe('r-community-any');
  });
});

describe('validateDispatchRule', () => {
  it.each<[string, Partial<DispatchRule>, string | null]>([
    ['a well-formed grid rule', { regionLevel: 'grid', regionCode: '530102001001001' }, null],
    [
      'a region level without a code',
      { regionLevel: 'street' },
      'regionLevel and regionCode are set together',
    ],
    [
      'a region outside its district',
      { regionLevel: 'street', regionCode: '530103001' },
      'regionCode lies outside districtCode',
    ],
    [
      'a malformed category code',
      { categoryCode: '01-*' },
      'categoryCode must be a code, a big-class prefix or *',
    ],
    ['a short district code', { districtCode: '5301' }, 'districtCode has 6 digits'],
    ['a rule without a unit', { unitId: ' ' }, 'id and unitId are required'],
  ])('judges %s', (_what, o, problem) => {
    const r = validateDispatchRule(rule('r-1', 'unit-1', o));
    expect(r.ok ? null : r.error.details.problem).toBe(problem);
  });
});

describe('after a send-back (回退)', () => {
  const facts: DispatchFacts = {
    districtCode: '530102',
    categoryKind: 'event',
    categoryCode: '01001',
    streetCode: '530102001',
    communityCode: '530102001001',
    gridCode: '530102001001001',
    loopLevel: 'district',
  };

  it('passes over a unit that sent the case back and says why', () => {
    const first = matchDispatchRule(RULES, facts);
    if (!first.ok) throw new Error('no match');
    expect(first.value.passedOver).toEqual([]);
    const again = matchDispatchRule(RULES, { ...facts, sentBackUnitIds: [first.value.unitId] });
    if (!again.ok) throw new Error('no match after a send-back');
    expect(again.value.unitId).not.toBe(first.value.unitId);
    expect(again.value.alternatives.map((a) => a.unitId)).not.toContain(first.value.unitId);
    expect(again.value.passedOver).toEqual([
      {
        unitId: first.value.unitId,
        ruleId: first.value.rule.id,
        reason: {
          zh: expect.stringContaining('已回退此案件') as string,
          en: expect.stringContaining('sent this case back') as string,
        },
      },
    ]);
  });

  it('answers no matching unit, naming the units passed over, when every match sent it back', () => {
    const only = [rule('r-only', 'only-unit')];
    const r = matchDispatchRule(only, { ...facts, sentBackUnitIds: ['only-unit'] });
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'dispatch.no_matching_unit',
        details: { passedOver: [{ unitId: 'only-unit' }] },
      },
    });
  });
});
