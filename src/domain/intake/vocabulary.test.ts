import { describe, expect, it } from 'vitest';
import { codeOfCategory, readChannelVocabulary, vocabularyEntry } from './vocabulary.ts';

const HEADER = 'service_code,name_zh,name_en,kind,category_code,keywords,urgency,group';

describe('readChannelVocabulary', () => {
  it('reads codes, names, category, keywords, urgency and keeps other columns', () => {
    const r = readChannelVocabulary(
      `${HEADER}\npothole,道路破损,Pothole,event,06013,坑;pothole,,roads\nfire,消防,Fire lane,event,09012,,urgent,order\n`,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value[0]).toEqual({
      code: 'pothole',
      nameZh: '道路破损',
      nameEn: 'Pothole',
      kind: 'event',
      categoryCode: '06013',
      keywords: ['坑', 'pothole'],
      urgency: null,
      extra: { group: 'roads' },
    });
    expect(vocabularyEntry(r.value, 'fire')?.urgency).toBe('urgent');
    expect(codeOfCategory(r.value, 'event', '06013')?.code).toBe('pothole');
    expect(codeOfCategory(r.value, 'component', '06013')).toBeUndefined();
  });

  it.each([
    ['a duplicate code', 'a,甲,A,event,1,,,\na,乙,B,event,2,,,', 'code a twice'],
    ['an unknown kind', 'a,甲,A,thing,1,,,', 'kind thing'],
    ['an unknown urgency', 'a,甲,A,event,1,,soon,', 'urgency soon'],
    ['a missing category', 'a,甲,A,event,,,,', 'missing category_code'],
    ['no code', ',甲,A,event,1,,,', 'no code'],
  ])('refuses %s with its line', (_, rows, reason) => {
    const r = readChannelVocabulary(`${HEADER}\n${rows}\n`);
    expect(r).toMatchObject({ ok: false, error: { details: { reason } } });
  });
});
