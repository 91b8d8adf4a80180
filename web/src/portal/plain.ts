/**
 * The public portal's plain-language pieces (pure): where a report stands on a five-step bar,
 * how long ago something happened in everyday words, which channel a phone is, and the short
 * list of tracking codes a phone keeps.
 */

export type Lang = 'zh' | 'en';
export type Phase =
  | 'received'
  | 'filed'
  | 'with_unit'
  | 'on_hold'
  | 'checking'
  | 'done'
  | 'closed'
  | 'not_taken_up'
  | 'cancelled'
  | 'merged';

/** The five steps a citizen sees (受理 → 立案 → 处理 → 复核 → 办结). */
export const STEPS = [
  { zh: '已受理', en: 'Received' },
  { zh: '已立案', en: 'Filed' },
  { zh: '处理中', en: 'Being handled' },
  { zh: '复核', en: 'Checked' },
  { zh: '已办结', en: 'Closed' },
] as const;

export type StepState = {
  readonly current: number;
  readonly status: 'process' | 'finish' | 'error';
};

/** Where a phase sits on the five steps; a report that ends early stops there in red. */
export function stepOf(phase: Phase): StepState {
  switch (phase) {
    case 'received':
      return { current: 0, status: 'process' };
    case 'filed':
      return { current: 1, status: 'process' };
    case 'with_unit':
    case 'on_hold':
      return { current: 2, status: 'process' };
    case 'checking':
    case 'done':
      return { current: 3, status: 'process' };
    case 'closed':
      return { current: 4, status: 'finish' };
    case 'not_taken_up':
      return { current: 0, status: 'error' };
    case 'cancelled':
    case 'merged':
      return { current: 1, status: 'error' };
  }
}

/** "刚刚", "5 分钟前", "3 小时前", "2 天前" / "just now", "5 minutes ago", ... */
export function ago(at: Date, now: Date, lang: Lang): string {
  const s = Math.max(0, Math.floor((now.getTime() - at.getTime()) / 1000));
  const unit = (n: number, zh: string, en: string) =>
    lang === 'zh' ? `${n} ${zh}前` : `${n} ${en}${n === 1 ? '' : 's'} ago`;
  if (s < 60) return lang === 'zh' ? '刚刚' : 'just now';
  if (s < 3600) return unit(Math.floor(s / 60), '分钟', 'minute');
  if (s < 86_400) return unit(Math.floor(s / 3600), '小时', 'hour');
  if (s < 30 * 86_400) return unit(Math.floor(s / 86_400), '天', 'day');
  const d = at;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A report from inside WeChat's webview goes in as channel wechat, any other browser public_web. */
export function channelOf(userAgent: string): 'wechat' | 'public_web' {
  return /MicroMessenger/i.test(userAgent) ? 'wechat' : 'public_web';
}

/** The tracking codes this phone keeps, newest first, each once, at most `max`. */
export function rememberCode(codes: readonly string[], code: string, max = 20): string[] {
  return [code, ...codes.filter((c) => c !== code)].slice(0, max);
}

/** A tracking code as typed: spaces dropped, upper case kept as is; null unless 10 letters/digits. */
export function cleanCode(typed: string): string | null {
  const c = typed.replace(/\s+/g, '');
  return /^[0-9A-Za-z]{10}$/.test(c) ? c : null;
}
