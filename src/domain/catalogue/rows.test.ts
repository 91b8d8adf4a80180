import { describe, expect, it } from 'vitest';
import {
  parseBigClassRow,
  parseCategoryRow,
  parseMappingRow,
  parseSchemeRow,
  parseStandardRow,
  parseUrgencyRow,
} from './index.ts';

const scheme = {
  id: 'gbt47678.5-2026',
  family: 'current',
  name_zh: '管理部件和事项',
  name_en: 'components and matters',
  standard: 'GB/T 47678.5-2026',
  match_standard: 'GB/T 47678.5-2026',
  is_default: 'true',
  source: 'transcription',
  confirmed: 'transcribed',
};
const schemes = [
  (() => {
    const s = parseSchemeRow(scheme, 2);
    if (!s.ok) throw new Error('scheme');
    return s.value;
  })(),
];
const category = {
  kind: 'component',
  big_code: '01',
  big_name_zh: '市政公用设施',
  small_code: '01001',
  small_name_zh: '供水井盖',
  name_en: 'water supply manhole cover',
  source: 'transcription',
  standard: 'GB/T 47678.5-2026 管理部件',
  confirmed: 'transcribed',
};
const standard = {
  scheme: 'gbt47678.5-2026',
  kind: 'event',
  code: '06010',
  filing_criteria_zh: '发现暴露垃圾',
  filing_criteria_en: '',
  closing_criteria_zh: '已清除',
  closing_criteria_en: 'removed',
  urgent_amount: '2',
  urgent_unit: 'calendar_hours',
  pressing_amount: '4',
  pressing_unit: 'working_hours',
  normal_amount: '1',
  normal_unit: 'working_days',
  responsible_unit_kind: 'street_centre',
  responsible_department_zh: '',
  responsible_department_en: '',
  provenance: 'gridloop default (unconfirmed)',
};
const family = (id: string) => (id === 'gbt47678.5-2026' ? 'current' : null);

describe('reference rows', () => {
  it('reads a category row into its scheme by the standard column, keeping provenance', () => {
    expect(parseCategoryRow(category, 2, schemes)).toMatchObject({
      ok: true,
      value: { scheme: 'gbt47678.5-2026', bigCode: '01', provenance: { confirmed: 'transcribed' } },
    });
  });

  it('reads a standard row with explicit units and no English filing text', () => {
    expect(parseStandardRow(standard, 2, family)).toMatchObject({
      ok: true,
      value: {
        standard: {
          filingCriteria: { zh: '发现暴露垃圾', en: null },
          timeLimits: { normal: { amount: 1, unit: 'working_days' } },
          responsibleDepartment: null,
        },
      },
    });
  });

  it.each([
    [
      'a category of no known scheme',
      () => parseCategoryRow({ ...category, standard: 'DB53/T 1' }, 7, schemes),
    ],
    [
      'a category whose big class does not start its code',
      () => parseCategoryRow({ ...category, big_code: '02' }, 7, schemes),
    ],
    [
      'a 4-digit code in the current scheme',
      () => parseCategoryRow({ ...category, small_code: '0101' }, 7, schemes),
    ],
    [
      'a standard with a bare-number unit',
      () => parseStandardRow({ ...standard, normal_unit: 'days' }, 7, family),
    ],
    [
      'a standard with an unknown unit kind',
      () => parseStandardRow({ ...standard, responsible_unit_kind: 'army' }, 7, family),
    ],
    [
      'a standard without provenance',
      () => parseStandardRow({ ...standard, provenance: ' ' }, 7, family),
    ],
    [
      'a mapping on an unknown basis',
      () =>
        parseMappingRow(
          {
            legacy_scheme: 'x',
            kind: 'event',
            legacy_code: '0102',
            current_scheme: 'y',
            current_code: '06010',
            basis: 'hunch',
            note: '',
          },
          7,
        ),
    ],
    [
      'a big class without an English name',
      () =>
        parseBigClassRow(
          { scheme: 'x', kind: 'event', big_code: '06', name_zh: '市容环境类', name_en: '' },
          7,
        ),
    ],
    [
      'an unknown urgency class',
      () => parseUrgencyRow({ id: 'asap', name_zh: '特急', name_en: 'asap', rank: '0' }, 7),
    ],
    ['a scheme of an unknown family', () => parseSchemeRow({ ...scheme, family: 'future' }, 7)],
  ])('refuses %s, naming the row', (_what, parse) => {
    expect(parse()).toMatchObject({
      ok: false,
      error: { code: 'catalogue.invalid_row', details: { row: 7 } },
    });
  });
});
