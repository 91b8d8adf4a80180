import { describe, expect, it } from 'vitest';
import {
  effectiveStandard,
  mapLegacyToCurrent,
  normaliseCategoryName,
  parseCategoryCode,
  readCatalogueCsv,
  parseTimeLimit,
  validateOverride,
  type CategoryMapping,
  type ManagementStandard,
} from './index.ts';

const base: ManagementStandard = {
  filingCriteria: { zh: '现场确认存在暴露垃圾问题', en: 'exposed garbage confirmed' },
  closingCriteria: { zh: '暴露垃圾已清除', en: 'garbage removed' },
  timeLimits: {
    urgent: { amount: 2, unit: 'calendar_hours' },
    pressing: { amount: 4, unit: 'working_hours' },
    normal: { amount: 1, unit: 'working_days' },
  },
  responsibleUnitKind: 'street_centre',
  responsibleDepartment: null,
  provenance: 'gridloop default (unconfirmed)',
};
const key = { scheme: 'gbt47678.5-2026', kind: 'event', code: '06010' } as const;

describe('category codes', () => {
  it.each([
    ['01001', 'current', { bigCode: '01', smallCode: '001' }],
    ['10002', 'current', { bigCode: '10', smallCode: '002' }],
    ['0101', 'legacy', { bigCode: '01', smallCode: '01' }],
    ['0599', 'legacy', { bigCode: '05', smallCode: '99' }],
  ] as const)('splits %s (%s) into big and small class', (code, family, parts) => {
    expect(parseCategoryCode(code, family)).toEqual({ ok: true, value: { code, ...parts } });
  });

  it.each([
    ['0101', 'current'],
    ['01001', 'legacy'],
    ['00101', 'current'],
    ['01000', 'current'],
    ['1a001', 'current'],
    ['', 'legacy'],
  ] as const)('refuses %j as a %s code', (code, family) => {
    expect(parseCategoryCode(code, family)).toMatchObject({
      ok: false,
      error: { code: 'catalogue.invalid_code' },
    });
  });
});

describe('time limits', () => {
  it.each([
    [{ amount: 4, unit: 'working_hours' }],
    [{ amount: 0.5, unit: 'working_days' }],
    [{ amount: 72, unit: 'calendar_hours' }],
  ])('accepts %j', (value) => {
    expect(parseTimeLimit(value)).toEqual({ ok: true, value });
  });

  it.each([
    [{ amount: 4, unit: 'hours' }, 'unit'],
    [{ amount: 0, unit: 'working_days' }, 'positive'],
    [{ amount: -1, unit: 'working_days' }, 'positive'],
    [{ amount: Number.NaN, unit: 'working_days' }, 'positive'],
    [{ amount: '4', unit: 'working_days' }, 'positive'],
    [{ amount: 1.234, unit: 'working_days' }, 'decimals'],
    [{ amount: 400, unit: 'working_days' }, 'exceeds'],
    [4, 'object'],
  ])('refuses %j because of its %s', (value, reason) => {
    const r = parseTimeLimit(value);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('catalogue.invalid_time_limit');
      expect(r.error.details.reason).toContain(reason);
    }
  });
});

describe('effective standard', () => {
  it('applies the default, enabled, when the district has no override', () => {
    const e = effectiveStandard(base, null);
    expect(e).toMatchObject({ ...base, enabled: true, districtCode: null, overridden: [] });
  });

  it('replaces only the fields the district overrides and lists them', () => {
    const o = validateOverride(
      '530102',
      key,
      {
        timeLimits: { normal: { amount: 3, unit: 'working_days' } },
        responsibleUnitKind: 'district_bureau',
      },
      base,
    );
    if (!o.ok) throw new Error(JSON.stringify(o.error));
    const e = effectiveStandard(base, o.value);
    expect(e.timeLimits).toEqual({
      ...base.timeLimits,
      normal: { amount: 3, unit: 'working_days' },
    });
    expect(e.responsibleUnitKind).toBe('district_bureau');
    expect(e.filingCriteria).toEqual(base.filingCriteria);
    expect(e.overridden).toEqual(['timeLimits.normal', 'responsibleUnitKind']);
    expect(e.districtCode).toBe('530102');
  });

  it('lets a district disable a category', () => {
    const o = validateOverride('530102', key, { enabled: false }, base);
    expect(o.ok && effectiveStandard(base, o.value).enabled).toBe(false);
  });
});

describe('override validation', () => {
  it.each([
    [{ timeLimits: { normal: { amount: 3, unit: 'weeks' } } }, 'catalogue.invalid_time_limit'],
    [
      { timeLimits: { normal: { amount: -3, unit: 'working_days' } } },
      'catalogue.invalid_time_limit',
    ],
    [
      { timeLimits: { someday: { amount: 3, unit: 'working_days' } } },
      'catalogue.invalid_time_limit',
    ],
    // 一般 shorter than the default 较急 (4 working hours) would invert the classes.
    [
      { timeLimits: { normal: { amount: 1, unit: 'working_hours' } } },
      'catalogue.invalid_time_limit',
    ],
    [{ responsibleUnitKind: 'army' }, 'catalogue.invalid_override'],
    [{ filingCriteria: { zh: '  ', en: null } }, 'catalogue.invalid_override'],
  ])('refuses %j with %s', (input, code) => {
    expect(validateOverride('530102', key, input, base)).toMatchObject({
      ok: false,
      error: { code },
    });
  });

  it('refuses a district code that is not 6 digits', () => {
    expect(validateOverride('5301', key, {}, base)).toMatchObject({
      ok: false,
      error: { code: 'catalogue.invalid_override', details: { field: 'districtCode' } },
    });
  });
});

describe('legacy mapping', () => {
  const mappings: CategoryMapping[] = [
    {
      legacy: { scheme: 'cjt214-chaoyang', kind: 'component', code: '0101' },
      current: { scheme: 'gbt47678.5-2026', kind: 'component', code: '01001' },
      basis: 'order_and_synonym',
      note: '上水 = 供水',
    },
  ];
  it('finds the current code of a mapped legacy code', () => {
    expect(mapLegacyToCurrent(mappings, 'cjt214-chaoyang', 'component', '0101')?.current.code).toBe(
      '01001',
    );
  });
  it('does not confuse an event with a component of the same code', () => {
    expect(mapLegacyToCurrent(mappings, 'cjt214-chaoyang', 'event', '0101')).toBeNull();
  });
  it.each([
    ['道路遗撒（洒）', '道路遗撒'],
    ['施工工地道路未硬化(进出口)', '施工工地道路未硬化'],
    ['焚烧垃圾、树叶', '焚烧垃圾树叶'],
  ])('normalises %s to %s', (a, b) => {
    expect(normaliseCategoryName(a)).toBe(b);
  });
});

describe('csv', () => {
  it('reads quoted fields with commas, doubled quotes and newlines', () => {
    const r = readCatalogueCsv('a,b\n"x, y","say ""hi""\nthere"\r\n1,2\n');
    expect(r).toEqual({
      ok: true,
      value: [
        { a: 'x, y', b: 'say "hi"\nthere' },
        { a: '1', b: '2' },
      ],
    });
  });
  it('refuses a row with the wrong number of fields, naming the row', () => {
    expect(readCatalogueCsv('a,b\n1,2\n3\n')).toMatchObject({
      ok: false,
      error: { code: 'catalogue.invalid_csv', details: { row: 3 } },
    });
  });
  it('refuses an unclosed quote', () => {
    expect(readCatalogueCsv('a\n"open\n')).toMatchObject({
      ok: false,
      error: { code: 'catalogue.invalid_csv' },
    });
  });
});
