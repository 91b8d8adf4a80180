import { isWorkingDay, localDateOf, type Calendar, type LocalDate } from '../calendar/index.ts';
import { err, ok, type Result } from '../shared/index.ts';
import { createRng, type Rng } from './random.ts';

/**
 * A year (or a few months) of cases for the demo city (历史数据, issue #10 §6): what happens to
 * each case, drawn from a seeded stream per day, so the same seed, span and end give the same
 * history. The service plays each fate through the workflow's declarations (openCase,
 * applyAction) with the real deadlines; nothing here writes or reads the clock.
 */

/** How many months back `12m` (or `12`) means; 1..36. */
export function parseHistoryMonths(s: string): Result<number, { reason: string }> {
  const m = /^(\d{1,2})m?$/.exec(s.trim());
  const n = m ? Number(m[1]) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 36)
    return err({ reason: 'expected months as 1m..36m, e.g. 12m' });
  return ok(n);
}

/**
 * The rates a fate is drawn with. Near the sources' figures (standards.md, BRIEF): ~98.8 % of
 * cases close, a few % are reworked or sent back, hotline satisfaction near 70 %. Each is the
 * chance per case (per filed case for the handling ones).
 */
export const HISTORY_RATES = {
  /** channel mix: supervisor reports, hotline 12345, public web, WeChat, city supervisors (漏报) */
  sources: [
    ['supervisor', 0.62],
    ['hotline_12345', 0.18],
    ['public_web', 0.08],
    ['wechat', 0.08],
    ['city_supervisor', 0.04],
  ] as const,
  /** 自行处置: of supervisor reports */
  selfHandle: 0.08,
  /** 不予立案 */
  refused: 0.015,
  /** 回退 then 改派 */
  sendBack: 0.03,
  /** 返工 once after a failed re-check */
  rework: 0.035,
  /** 延期 asked and approved */
  extension: 0.025,
  /** 挂账 then resumed */
  hold: 0.006,
  /** handling past its deadline (超期) */
  lateHandling: 0.05,
  /** a centre step (file, dispatch, recheck, close) done late */
  lateCentreStep: 0.02,
  /** left in handling, never fed back (the ~1.2 % not closed) */
  stall: 0.012,
  /** city spot check (市级抽查) of a closed district case; of those, reopened */
  spotCheck: 0.05,
  reopenOfSpotChecked: 0.1,
  /** 评价 of closed hotline and public cases; satisfied (4 or 5 of 5) */
  evaluated: 0.85,
  satisfied: 0.7,
  /** 吹哨 on a case in handling (district loop) */
  whistle: 0.01,
  /** urgency mix */
  urgent: 0.05,
  pressing: 0.15,
} as const;

export type HistorySource = (typeof HISTORY_RATES.sources)[number][0];

/** What happens to one case. The `pick*` numbers in [0, 1) choose among the city's rows. */
export type CaseFate = {
  /** 0-based over the whole history, oldest first */
  readonly index: number;
  readonly id: string;
  /** the working day it is reported, and where in that day's working time (0..1) */
  readonly day: LocalDate;
  readonly dayFraction: number;
  readonly source: HistorySource;
  readonly urgency: 'urgent' | 'pressing' | 'normal';
  readonly gridPick: number;
  readonly categoryPick: number;
  readonly actorPick: number;
  readonly selfHandle: boolean;
  readonly refused: boolean;
  readonly sendBack: boolean;
  readonly rework: boolean;
  readonly extension: boolean;
  readonly hold: boolean;
  readonly lateHandling: boolean;
  readonly stall: boolean;
  readonly spotCheck: boolean;
  readonly reopen: boolean;
  /** 1..5 when the case is evaluated after closing, else null */
  readonly satisfaction: number | null;
  readonly whistle: boolean;
  /** step pace: fraction of each step's allowed working time taken, in order of use */
  readonly pace: readonly number[];
};

export type HistoryParams = {
  readonly seed: number;
  readonly months: number;
  /** cases reported on an average working day */
  readonly casesPerDay: number;
  /** the history ends here (the service passes its clock's now) */
  readonly end: Date;
};

/** The working days of the span: from `months` before `end`'s date up to the day before it. */
export function historyDays(cal: Calendar, p: Pick<HistoryParams, 'months' | 'end'>): LocalDate[] {
  const endDate = localDateOf(cal, p.end);
  const [y, m, d] = endDate.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(y, m - 1 - p.months, d));
  const days: LocalDate[] = [];
  for (let t = first.getTime(); ; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    if (day >= endDate) break;
    if (isWorkingDay(cal, day)) days.push(day);
  }
  return days;
}

/** A stream per day, so a day's cases do not depend on how many came before it. */
const DAY_STREAM = 0x4853; // 'HS'

/** Cases on a working day: the mean, ±20 % by day and a summer swell (more in June–August). */
export function casesOnDay(rng: Rng, day: LocalDate, casesPerDay: number): number {
  const month = Number(day.slice(5, 7));
  const season = 1 + 0.15 * Math.cos(((month - 7) / 12) * 2 * Math.PI);
  return Math.max(0, Math.round(casesPerDay * season * (0.8 + 0.4 * rng.next())));
}

/** A UUID-shaped id from the stream (version nibble 4, variant 8), deterministic per seed. */
function idFrom(rng: Rng): string {
  const hex = (n: number) =>
    Math.floor(rng.next() * 16 ** n)
      .toString(16)
      .padStart(n, '0');
  return `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(6)}${hex(6)}`;
}

function pickSource(x: number): HistorySource {
  let acc = 0;
  for (const [source, share] of HISTORY_RATES.sources) {
    acc += share;
    if (x < acc) return source;
  }
  return 'supervisor';
}

function fateOf(rng: Rng, index: number, day: LocalDate): CaseFate {
  const R = HISTORY_RATES;
  const chance = (p: number) => rng.next() < p;
  const id = idFrom(rng);
  const source = pickSource(rng.next());
  const u = rng.next();
  const urgency = u < R.urgent ? 'urgent' : u < R.urgent + R.pressing ? 'pressing' : 'normal';
  const evaluated = source !== 'supervisor' && source !== 'city_supervisor' && chance(R.evaluated);
  const satisfied = chance(R.satisfied);
  const spotCheck = chance(R.spotCheck);
  return {
    index,
    id,
    day,
    dayFraction: rng.next(),
    source,
    urgency,
    gridPick: rng.next(),
    categoryPick: rng.next(),
    actorPick: rng.next(),
    selfHandle: source === 'supervisor' && chance(R.selfHandle),
    refused: chance(R.refused),
    sendBack: chance(R.sendBack),
    rework: chance(R.rework),
    extension: chance(R.extension),
    hold: chance(R.hold),
    lateHandling: chance(R.lateHandling),
    stall: chance(R.stall),
    spotCheck,
    reopen: spotCheck && chance(R.reopenOfSpotChecked),
    satisfaction: evaluated ? (satisfied ? 4 + rng.int(2) : 1 + rng.int(3)) : null,
    whistle: chance(R.whistle),
    // most steps take 5–80 % of their allowed time; a few centre steps run late
    pace: Array.from({ length: 24 }, () =>
      chance(R.lateCentreStep) ? 1.05 + 0.5 * rng.next() : 0.05 + 0.75 * rng.next(),
    ),
  };
}

/** Every case of the history, oldest day first. */
export function* historyFates(
  p: Pick<HistoryParams, 'seed' | 'casesPerDay'>,
  days: readonly LocalDate[],
): Generator<CaseFate> {
  let index = 0;
  for (const day of days) {
    const rng = createRng(p.seed, DAY_STREAM ^ Number(day.replace(/-/g, '')));
    const n = casesOnDay(rng, day, p.casesPerDay);
    for (let i = 0; i < n; i++) yield fateOf(rng, index++, day);
  }
}

/** How many cases the history holds (for progress), without drawing their fates. */
export function historySize(
  p: Pick<HistoryParams, 'seed' | 'casesPerDay'>,
  days: readonly LocalDate[],
): number {
  let n = 0;
  for (const day of days) {
    const rng = createRng(p.seed, DAY_STREAM ^ Number(day.replace(/-/g, '')));
    n += casesOnDay(rng, day, p.casesPerDay);
  }
  return n;
}
