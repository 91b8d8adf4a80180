/**
 * `npm run bench:cockpit`: the cockpit wall's first render with a year of history (issue #12;
 * target < 2 s). A real server on the embedded database with the demo city and
 * `--history 12m --per-day N` (BENCH_COCKPIT_PER_DAY, default 10: ~2,500 cases; the PGlite
 * default of 60 takes ~10 minutes to load on a shared 2-core machine), then
 * measureCockpitFirstRender (bench/cockpit-render.ts): median of 3 cold loads at 1920×1080.
 */
import { loadavg } from 'node:os';
import { startCockpitCity } from './cockpit-city.ts';
import { measureCockpitFirstRender } from './cockpit-render.ts';

const perDay = Number(process.env.BENCH_COCKPIT_PER_DAY ?? 10);
const city = await startCockpitCity(perDay);
try {
  const ms = await measureCockpitFirstRender(city.h.url);
  console.log(
    `cockpit first render (median of 3 cold loads, 1920×1080, ${city.history.cases} history cases): ${ms} ms; load ${loadavg()[0]?.toFixed(1)}`,
  );
  console.log(`RESULT cockpit cockpit_first_render_ms=${ms}`);
} finally {
  await city.close();
}
