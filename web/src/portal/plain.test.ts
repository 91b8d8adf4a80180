import { describe, expect, it } from 'vitest';
import { ago, channelOf, cleanCode, rememberCode, stepOf } from './plain.ts';

describe('the portal in plain words', () => {
  it('places each phase on the five steps, early ends in red', () => {
    expect(stepOf('received')).toEqual({ current: 0, status: 'process' });
    expect(stepOf('with_unit').current).toBe(2);
    expect(stepOf('on_hold').current).toBe(2);
    expect(stepOf('done').current).toBe(3);
    expect(stepOf('closed')).toEqual({ current: 4, status: 'finish' });
    expect(stepOf('not_taken_up').status).toBe('error');
    expect(stepOf('merged').status).toBe('error');
  });

  it('says how long ago in everyday words, both languages', () => {
    const now = new Date('2026-12-03T12:00:00Z');
    const before = (s: number) => new Date(now.getTime() - s * 1000);
    expect(ago(before(10), now, 'zh')).toBe('刚刚');
    expect(ago(before(10), now, 'en')).toBe('just now');
    expect(ago(before(300), now, 'zh')).toBe('5 分钟前');
    expect(ago(before(60), now, 'en')).toBe('1 minute ago');
    expect(ago(before(3 * 3600), now, 'en')).toBe('3 hours ago');
    expect(ago(before(2 * 86_400), now, 'zh')).toBe('2 天前');
    expect(ago(before(40 * 86_400), now, 'zh')).toMatch(/^2026-10-2\d$/);
    // A clock a little ahead of the server never says "in the future".
    expect(ago(new Date(now.getTime() + 5000), now, 'zh')).toBe('刚刚');
  });

  it('tells WeChat’s webview from other browsers', () => {
    const wx =
      'Mozilla/5.0 (Linux; Android 13; V2219A) AppleWebKit/537.36 Chrome/116.0 Mobile Safari/537.36 MicroMessenger/8.0.47.2560(0x28002F35) NetType/WIFI Language/zh_CN';
    expect(channelOf(wx)).toBe('wechat');
    expect(channelOf('Mozilla/5.0 (iPhone) Safari/604.1')).toBe('public_web');
  });

  it('keeps each tracking code once, newest first, bounded', () => {
    let codes: string[] = [];
    for (let i = 0; i < 30; i++) codes = rememberCode(codes, `C${String(i).padStart(9, '0')}`, 5);
    expect(codes).toHaveLength(5);
    expect(codes[0]).toBe('C000000029');
    codes = rememberCode(codes, 'C000000027', 5);
    expect(codes.slice(0, 2)).toEqual(['C000000027', 'C000000029']);
    expect(new Set(codes).size).toBe(5);
  });

  it('accepts a typed code with spaces, refuses anything else', () => {
    expect(cleanCode(' AB12 cd34 EF ')).toBe('AB12cd34EF');
    expect(cleanCode('short')).toBeNull();
    expect(cleanCode('AB12-cd34EF')).toBeNull();
  });
});
