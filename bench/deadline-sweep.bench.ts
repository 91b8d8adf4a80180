/**
 * bench:sweep — the overdue/warning sweep over 1,000,000 open timers, in the same run as a baseline.
 *
 * 1. Builds the default calendar from the shipped holiday file (reference/calendar).
 * 2. Starts 1,000,000 step timers with `startDeadline` at seeded random instants in 2025–2026 with
 *    seeded random limits (2–48 working hours, 1–15 working days, 1–72 calendar hours); 5 % are
 *    paused. Each becomes a `SweepEntry` (due and warning instants as epoch ms, last state
 *    `on_time`), as the sweep job would load them.
 * 3. Times `sweepTimers(entries, now)` (best of 3 after a warm-up), and as the baseline a bare loop
 *    over the same entries that reads both instants and compares them with now.
 * 4. For contrast, times the calendar-walking way (`timeUsed` per timer) on 20,000 timers and
 *    extrapolates it to 1,000,000: what the sweep would cost without precomputed instants.
 *
 * Ends with: RESULT deadline_sweep timers=… sweep_ms=… baseline_ms=… ratio=… changes=… walking_ms_1m=…
 */
import {
  createCalendar,
  DEFAULT_CALENDAR_SETTINGS,
  type Calendar,
} from '../src/domain/calendar/index.ts';
import type { TimeLimit } from '../src/domain/catalogue/index.ts';
import {
  pauseDeadline,
  startDeadline,
  sweepTimers,
  timeUsed,
  type StepDeadline,
  type SweepEntry,
} from '../src/domain/deadlines/index.ts';
import { readShippedHolidays } from '../src/services/calendar/sync-calendar.ts';
import { prng } from './prng.ts';

const TIMERS = 1_000_000;
const WALK_SAMPLE = 20_000;
const SEED = 20261124;

async function defaultCalendar(): Promise<Calendar> {
  const { rows } = await readShippedHolidays();
  const r = createCalendar({
    ...DEFAULT_CALENDAR_SETTINGS,
    days: rows.map((d) => ({ date: d.date, kind: d.kind })),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
}

function randomLimit(rand: () => number): TimeLimit {
  const u = rand();
  if (u < 0.5) return { amount: 2 + Math.floor(rand() * 47), unit: 'working_hours' };
  if (u < 0.9) return { amount: 1 + Math.floor(rand() * 15), unit: 'working_days' };
  return { amount: 1 + Math.floor(rand() * 72), unit: 'calendar_hours' };
}

function best(passes: number, fn: () => void): number {
  fn();
  let min = Infinity;
  for (let i = 0; i < passes; i++) {
    const t0 = performance.now();
    fn();
    min = Math.min(min, performance.now() - t0);
  }
  return min;
}

async function main(): Promise<void> {
  const cal = await defaultCalendar();
  const rand = prng(SEED);
  const from = Date.parse('2025-01-01T00:00:00+08:00');
  const span = Date.parse('2026-12-01T00:00:00+08:00') - from;
  const now = new Date('2026-06-15T10:00:00+08:00');

  const t0 = performance.now();
  const timers: StepDeadline[] = [];
  const entries: SweepEntry[] = [];
  for (let i = 0; i < TIMERS; i++) {
    // Starts cluster near `now`, as open cases do.
    const start = new Date(now.getTime() - Math.floor(rand() * rand() * span * 0.05));
    let d = startDeadline(cal, start, randomLimit(rand));
    if (rand() < 0.05) {
      const p = pauseDeadline(d, new Date(start.getTime() + 3_600_000));
      if (p.ok) d = p.value;
    }
    if (i < WALK_SAMPLE) timers.push(d);
    entries.push({
      id: `c${i}`,
      state: 'on_time',
      dueAtMs: d.dueAt.getTime(),
      warnAtMs: d.warnAt.getTime(),
      paused: d.pausedAt !== undefined,
    });
  }
  const setupMs = performance.now() - t0;
  console.log(
    `started ${TIMERS.toLocaleString('en-US')} timers in ${(setupMs / 1000).toFixed(1)} s`,
  );

  let changes = 0;
  const sweepMs = best(3, () => {
    changes = sweepTimers(entries, now).length;
  });
  const nowMs = now.getTime();
  let sink = 0;
  const baselineMs = best(3, () => {
    let n = 0;
    for (const e of entries) if (e.dueAtMs < nowMs || e.warnAtMs <= nowMs) n++;
    sink += n;
  });
  const walkMs = best(1, () => {
    let used = 0;
    for (const d of timers) used += timeUsed(cal, d, now);
    sink += used;
  });
  const walking1m = (walkMs * TIMERS) / WALK_SAMPLE;
  console.log(
    `sweep ${sweepMs.toFixed(1)} ms (${changes.toLocaleString('en-US')} changes), bare loop ${baselineMs.toFixed(1)} ms, calendar walking ~${Math.round(walking1m)} ms per 1M (${sink > 0 ? 'ok' : ''})`,
  );
  console.log(
    `RESULT deadline_sweep timers=${TIMERS} sweep_ms=${sweepMs.toFixed(1)} baseline_ms=${baselineMs.toFixed(1)} ratio=${(sweepMs / baselineMs).toFixed(2)} changes=${changes} walking_ms_1m=${Math.round(walking1m)}`,
  );
}

await main();
