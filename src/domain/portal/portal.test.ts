import { describe, expect, it } from 'vitest';
import {
  codeRefusal,
  normalizePhone,
  parseTopics,
  phaseOf,
  searchTopics,
  timelineOf,
  type Topic,
} from './index.ts';

// A slice of reference/channels/portal-categories.csv (test/portal checks the shipped file).
const CSV = `code,name_zh,name_en,kind,category_code,urgency,keywords,pinyin_initials
manhole_cover,井盖破损或丢失,Broken or missing manhole cover,event,01023,urgent,井盖;窨井盖,jgpshds;jg;yjg
street_light,路灯不亮或损坏,Street light out or broken,event,01037,,路灯;灯不亮,ldblhsh;ld;dbl
noise,噪声扰民,Noise nuisance,event,06028,,噪音;噪声;吵,zsrm;zy;zs;c
flyposting,小广告,Fly-posting,event,07001,,小广告;牛皮癣,xgg;npx
road_stall,占道经营,Stall on the road,event,09006,,占道;摆摊,zdjy;zd;bt
`;
const parsed = parseTopics(CSV);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
const topics: readonly Topic[] = parsed.value;

describe('portal topics (plain words → catalogue)', () => {
  it('reads urgency, keywords and pinyin initials', () => {
    expect(topics[0]).toMatchObject({
      code: 'manhole_cover',
      kind: 'event',
      categoryCode: '01023',
      urgency: 'urgent',
      keywords: ['井盖', '窨井盖'],
      pinyinInitials: ['jgpshds', 'jg', 'yjg'],
    });
    expect(topics[1]?.urgency).toBeNull();
  });

  it.each([
    ['jg', 'manhole_cover'], // pinyin initials of 井盖
    ['井盖', 'manhole_cover'], // name
    ['路边井盖丢了', 'manhole_cover'], // a keyword inside a phrase
    ['牛皮癣', 'flyposting'], // keyword
    ['ld', 'street_light'], // 路灯
    ['noise', 'noise'], // English
    ['  ZDJY ', 'road_stall'], // 占道经营, case and spaces ignored
  ])('finds %s', (q, code) => {
    expect(searchTopics(topics, q)[0]?.code).toBe(code);
  });

  it('finds nothing for nonsense and lists all for an empty query', () => {
    expect(searchTopics(topics, 'qqqqqq')).toEqual([]);
    expect(searchTopics(topics, '', 100)).toHaveLength(topics.length);
  });

  it.each([
    ['code,name_zh,name_en,kind,category_code\nx,甲,a,thing,01001\n', 'kind thing'],
    ['code,name_zh,name_en,kind,category_code\nx,甲,a,event,\n', 'category_code is empty'],
    ['code,name_zh,name_en,kind,category_code\nx,甲,a,event,1\nx,乙,b,event,2\n', 'repeats'],
    ['code,name_zh,name_en,kind,category_code,urgency\nx,甲,a,event,1,asap\n', 'urgency asap'],
  ])('refuses a bad row', (text, reason) => {
    const r = parseTopics(text);
    expect(r.ok ? '' : r.error.reason).toContain(reason);
  });
});

describe('progress in plain words', () => {
  const at = (m: number) => new Date(Date.UTC(2026, 2, 2, 1, m));
  const unitA = { zh: '呈贡区城管局', en: 'Chenggong urban management bureau' };
  const unitB = { zh: '市政公司', en: 'Municipal company' };

  it('collapses statuses into phases, one entry per unit', () => {
    const t = timelineOf([
      { at: at(0), toStatus: 'pending_verification', unit: null },
      { at: at(1), toStatus: 'pending_filing', unit: null },
      { at: at(2), toStatus: 'pending_dispatch', unit: null },
      { at: at(3), toStatus: 'dispatched', unit: unitA },
      { at: at(4), toStatus: 'handling', unit: unitA },
      { at: at(5), toStatus: 'pending_dispatch', unit: null },
      { at: at(6), toStatus: 'dispatched', unit: unitB },
      { at: at(7), toStatus: 'pending_recheck', unit: unitB },
      { at: at(8), toStatus: 'pending_close', unit: unitB },
      { at: at(9), toStatus: 'closed', unit: unitB },
    ]);
    expect(t.map((e) => e.phase)).toEqual([
      'received',
      'filed',
      'with_unit',
      'filed',
      'with_unit',
      'checking',
      'done',
      'closed',
    ]);
    expect(t[2]?.text.zh).toBe('已交由呈贡区城管局处理');
    expect(t[4]?.text.en).toBe('With Municipal company');
  });

  it.each([
    ['pending_verification', 'received'],
    ['not_filed', 'not_taken_up'],
    ['evaluated', 'closed'],
    ['merged', 'merged'],
  ] as const)('%s is %s', (s, p) => expect(phaseOf(s)).toBe(p));
});

describe('one-time codes', () => {
  const now = new Date('2026-03-02T01:00:00Z');
  const later = new Date(now.getTime() + 60_000);
  it.each([
    [{ expiresAt: later, attempts: 0, consumedAt: null }, null],
    [{ expiresAt: later, attempts: 4, consumedAt: null }, null],
    [{ expiresAt: later, attempts: 5, consumedAt: null }, 'portal.code_attempts_exhausted'],
    [{ expiresAt: now, attempts: 0, consumedAt: null }, 'portal.code_expired'],
    [{ expiresAt: later, attempts: 0, consumedAt: now }, 'portal.code_expired'],
  ])('%o → %s', (state, refusal) => expect(codeRefusal(state, now)).toBe(refusal));

  it.each([
    ['13812345678', '13812345678'],
    ['+86 138-1234-5678', '13812345678'],
    ['8613812345678', '13812345678'],
    ['12812345678', null],
    ['1381234567', null],
    ['010-12345678', null],
  ])('normalises %s', (input, out) => expect(normalizePhone(input)).toBe(out));
});
