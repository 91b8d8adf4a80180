/**
 * `npm run bench:field` (issue #12): the three front ends' figures on one real server (embedded
 * database, the demo city with `--history 12m --per-day N`, BENCH_COCKPIT_PER_DAY default 10):
 * - cockpit_first_render_ms: the wall at 1920×1080 from navigation to every panel drawn with data
 *   (median of 3 cold loads; bench/cockpit-render.ts);
 * - app_cold_start_ms: the supervisor app on a throttled 4G profile, no cache, until interactive
 *   (bench/field-app.ts);
 * - sync_100_reports_ms: 100 reports queued offline, synced once the network is back.
 * `bench:cockpit` and `bench:field-app` run each part alone.
 */
import { loadavg } from 'node:os';
import { startCockpitCity } from './cockpit-city.ts';
import { measureCockpitFirstRender } from './cockpit-render.ts';
import { measureAppColdStart, measureSync100 } from './field-app.ts';

const perDay = Number(process.env.BENCH_COCKPIT_PER_DAY ?? 10);
const city = await startCockpitCity(perDay);
try {
  const cockpit = await measureCockpitFirstRender(city.h.url);
  const cold = await measureAppColdStart(city.h.url);
  const sync = await measureSync100(city.h.url);
  console.log(
    `${city.history.cases} history cases; cockpit first render ${cockpit} ms; field app cold start (4G) ${cold} ms; 100 reports synced in ${sync} ms; load ${loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  console.log(
    `RESULT field cockpit_first_render_ms=${cockpit} app_cold_start_ms=${cold} sync_100_reports_ms=${sync}`,
  );
} finally {
  await city.close();
}
