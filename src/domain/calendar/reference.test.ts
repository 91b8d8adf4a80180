import { describe, expect, it } from 'vitest';
import { parseHolidayReference } from './index.ts';

const HEADER = 'date,kind,name_zh,name_en,status,source';

describe('parseHolidayReference', () => {
  it('reads holiday and make-up rows with their names, status and source', () => {
    const r = parseHolidayReference(
      [
        HEADER,
        '2025-01-26,makeup_workday,春节调休上班,Spring Festival make-up working day,official,国办发明电〔2024〕12号',
        '2025-01-28,holiday,春节,Spring Festival,official,国办发明电〔2024〕12号',
        '',
      ].join('\r\n'),
    );
    expect(r).toEqual({
      ok: true,
      value: [
        {
          date: '2025-01-26',
          kind: 'makeup_workday',
          nameZh: '春节调休上班',
          nameEn: 'Spring Festival make-up working day',
          status: 'official',
          source: '国办发明电〔2024〕12号',
        },
        {
          date: '2025-01-28',
          kind: 'holiday',
          nameZh: '春节',
          nameEn: 'Spring Festival',
          status: 'official',
          source: '国办发明电〔2024〕12号',
        },
      ],
    });
  });

  it.each([
    ['a wrong header', 'date,kind\n', 1],
    [
      'a row with a comma in a field',
      `${HEADER}\n2025-01-28,holiday,春节,Spring, Festival,official,x`,
      2,
    ],
    ['an impossible date', `${HEADER}\n2025-02-30,holiday,春节,Spring Festival,official,x`, 2],
    ['an unknown kind', `${HEADER}\n2025-01-28,day_off,春节,Spring Festival,official,x`, 2],
    ['an unknown status', `${HEADER}\n2025-01-28,holiday,春节,Spring Festival,rumoured,x`, 2],
    ['a missing source', `${HEADER}\n2025-01-28,holiday,春节,Spring Festival,official,`, 2],
    [
      'a date listed twice',
      `${HEADER}\n2025-01-28,holiday,春节,a,official,x\n2025-01-28,holiday,春节,a,official,x`,
      3,
    ],
  ])('rejects %s and names the line', (_name, text, line) => {
    expect(parseHolidayReference(text)).toMatchObject({
      ok: false,
      error: { code: 'calendar.reference_invalid', details: { line } },
    });
  });
});
