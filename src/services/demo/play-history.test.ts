import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../../../test/helpers/db.ts';
import { demoDeps, loadSmallDemo } from '../../../test/helpers/demo.ts';
import { historyDays, historyFates, type CaseFate } from '../../domain/demo-city/index.ts';
import type { Db } from '../../store/db.ts';
import { readHistoryCity } from '../../store/history.store.ts';
import { calendarForDistrict } from '../calendar/load-calendar.ts';
import type { Deps } from '../deps.ts';
import { referenceReadsFor } from '../reference/reference-reads.ts';
import { castOf, playFate, type Cast } from './play-history.ts';

// Every way a generated case can go is played through the live workflow rules: each of the
// fate's flags alone and all of them together. A workflow rule that changes (a send-back or a
// reopen that now needs a re-dispatch, say) breaks here, not in a user's year-long history load.
let db: Db;
let deps: Deps;
let cast: Cast;
let base: CaseFate;
const end = new Date('2026-03-02T01:00:00Z');

const FLAGS = [
  'sendBack',
  'rework',
  'extension',
  'hold',
  'lateHandling',
  'stall',
  'whistle',
  'spotCheck',
] as const;

beforeAll(async () => {
  db = await freshDb();
  await loadSmallDemo(db);
  deps = demoDeps(db);
  cast = castOf(await readHistoryCity(db));
  const cal = await calendarForDistrict(db, '530114');
  // Reported two months before the end, so the whole life fits before it.
  const days = historyDays(cal, { months: 3, end }).slice(0, 5);
  const first = historyFates({ seed: 3, casesPerDay: 20 }, days).next();
  if (first.done) throw new Error('no fate drawn');
  const none = Object.fromEntries(FLAGS.map((f) => [f, false]));
  base = {
    ...first.value,
    ...none,
    source: 'hotline_12345',
    refused: false,
    selfHandle: false,
    reopen: false,
    satisfaction: 4,
    pace: [0.3],
  };
}, 300_000);
afterAll(async () => {
  await db.close();
});

async function play(fate: CaseFate): Promise<string[]> {
  const ref = await referenceReadsFor(deps, db);
  const played = await playFate(ref, cast, fate, end);
  if (played === null) throw new Error('the demo city cannot play this fate');
  return played.events.map((e) => e.action);
}

describe('the history player', () => {
  it('plays a plain case from registration to evaluation', async () => {
    const actions = await play(base);
    expect(actions.slice(0, 3)).toEqual(['register', 'verify', 'file']);
    expect(actions).toContain('close');
    expect(actions.at(-1)).toBe('evaluate');
  });

  it.each(FLAGS)('plays a case with %s through the workflow', async (flag) => {
    const actions = await play({ ...base, [flag]: true });
    if (flag === 'stall') expect(actions).not.toContain('close');
    else expect(actions).toContain('close');
  });

  it('re-dispatches a case reopened by the city spot check, and closes it again', async () => {
    const actions = await play({ ...base, spotCheck: true, reopen: true });
    const reopen = actions.indexOf('reopen');
    expect(reopen).toBeGreaterThan(0);
    expect(actions.slice(reopen)).toContain('redispatch');
    expect(actions.slice(reopen).at(-1)).toBe('close');
  });

  it('plays a case with every flag at once', async () => {
    const all = Object.fromEntries(FLAGS.map((f) => [f, f !== 'stall']));
    const actions = await play({ ...base, ...all, reopen: true });
    expect(actions.filter((a) => a === 'close').length).toBe(2);
  });
});
