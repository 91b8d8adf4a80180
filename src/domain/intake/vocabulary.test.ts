import { describe, expect, it } from 'vitest';
import { lookupCode, parseVocabulary } from './vocabulary.ts';

const HEADER = 'code,name_zh,name_en,kind,category_code,urgency,keywords,group';

describe('a channel vocabulary file', () => {
  it('maps each channel code to a catalogue category, with its urgency, keywords and own columns', () => {
    const v = parseVocabulary(
      'open311',
      `${HEADER}\nstreetlight,路灯不亮,Street light out,component,04001,,路灯;灯不亮,照明\ngas,燃气泄漏,Gas leak,event,01002,urgent,,安全\n`,
    );
    if (!v.ok) throw new Error(v.error.reason);
    expect(lookupCode(v.value, 'streetlight')).toEqual({
      code: 'streetlight',
      nameZh: '路灯不亮',
      nameEn: 'Street light out',
      kind: 'component',
      categoryCode: '04001',
      urgency: null,
      keywords: ['路灯', '灯不亮'],
      extra: { group: '照明' },
    });
    expect(lookupCode(v.value, 'gas')?.urgency).toBe('urgent');
    expect(lookupCode(v.value, 'nope')).toBeUndefined();
  });

  it.each([
    ['an empty category', `${HEADER}\na,甲,A,event,,,,\n`, 'category_code is empty'],
    ['a kind that is neither', `${HEADER}\na,甲,A,thing,01001,,,\n`, 'kind thing'],
    ['an unknown urgency', `${HEADER}\na,甲,A,event,01001,soon,,\n`, 'urgency soon'],
    ['a repeated code', `${HEADER}\na,甲,A,event,01001,,,\na,乙,B,event,01002,,,\n`, 'repeats'],
  ])('refuses %s with its line', (_name, csv, reason) => {
    const v = parseVocabulary('x', csv);
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.error.reason).toContain(reason);
      expect(v.error.line).toBeGreaterThan(1);
    }
  });
});
