// Instants come from the API in UTC; people read them in the city's time zone (Asia/Shanghai),
// whatever the browser's own zone is.
export const CITY_TZ = 'Asia/Shanghai';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, withSeconds: boolean): Intl.DateTimeFormat {
  const key = `${locale}|${withSeconds}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale === 'zh' ? 'zh-CN' : 'en-GB', {
      timeZone: CITY_TZ,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      ...(withSeconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
    });
    formatters.set(key, f);
  }
  return f;
}

/** `2026-03-02 09:00` in Asia/Shanghai, from an ISO instant (the same text in both languages). */
export function formatInstant(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const parts = Object.fromEntries(
    formatter('zh', withSeconds)
      .formatToParts(d)
      .map((p) => [p.type, p.value]),
  );
  const time = `${parts.hour}:${parts.minute}${withSeconds ? `:${parts.second}` : ''}`;
  return `${parts.year}-${parts.month}-${parts.day} ${time}`;
}

/**
 * The ISO instant of a wall-clock date-time in Asia/Shanghai (UTC+8 all year: China keeps no
 * summer time), for the date filters of the case search.
 */
export function cityDateToInstant(date: string, endOfDay = false): string {
  const [y, m, d] = date.split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) throw new Error(`bad date ${date}`);
  const utc =
    Date.UTC(y, m - 1, d, endOfDay ? 23 : 0, endOfDay ? 59 : 0, endOfDay ? 59 : 0) - 8 * 3600_000;
  return new Date(utc + (endOfDay ? 999 : 0)).toISOString();
}

/** Time left until a deadline, `-` when overdue: `2h 05m`, `-1d 3h`. */
export function timeLeft(dueIso: string, nowMs: number): string {
  const ms = new Date(dueIso).getTime() - nowMs;
  const sign = ms < 0 ? '-' : '';
  const mins = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(mins / 1440);
  const hours = Math.floor((mins % 1440) / 60);
  const m = mins % 60;
  if (days > 0) return `${sign}${days}d ${hours}h`;
  return `${sign}${hours}h ${String(m).padStart(2, '0')}m`;
}
