import { loadavg } from 'node:os';
import type { HistoryReport } from '../src/services/demo/load-history.ts';
import { startHarness, type Harness } from '../test/browser/harness.ts';
import { loadYearOfHistory } from '../test/browser/wall.ts';
import setupTemplate from '../test/helpers/global-setup.ts';

/**
 * The cockpit benchmark's and soak's city: a real server on the embedded database with the demo
 * city and a year of history (`gridloop demo --history 12m --per-day N`), the built bundle and
 * headless chromium (test/browser/harness.ts).
 */
export async function startCockpitCity(
  perDay: number,
): Promise<{ h: Harness; history: HistoryReport; close: () => Promise<void> }> {
  const dropTemplate = await setupTemplate();
  const h = await startHarness();
  const t0 = performance.now();
  const history = await loadYearOfHistory(h, perDay);
  console.error(
    `history: ${history.cases} cases, ${history.events} events (${history.from} … ${history.to}, --per-day ${perDay}) in ${Math.round((performance.now() - t0) / 1000)} s, load ${loadavg()[0]?.toFixed(1)}`,
  );
  return {
    h,
    history,
    async close() {
      await h.close();
      await dropTemplate();
    },
  };
}
