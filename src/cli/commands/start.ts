import { loadConfig } from '../../config.ts';
import { beginRuntime, buildServer, consoleLogger, serve, WEB_DIR } from '../../main.ts';
import { ensureWebBundle } from '../web-bundle.ts';
import type { Deps } from '../../services/deps.ts';
import {
  findUnfinishedDemoLoad,
  hasCity,
  listDemoUsers,
  loadDemoBase,
  loadDemoComponents,
  type DemoBase,
} from '../../services/demo/load-demo.ts';
import { warmGridIndex } from '../../services/geo/locate.ts';
import type { Command } from './command.ts';
import { demoErrorText, printDemoLogins, progressBar, writeDemoLogins } from './demo.ts';

// Small batches in the background keep requests waiting at most one short batch (PGlite has
// one connection).
const BACKGROUND_BATCH = 5_000;

/**
 * The base data (regions, grids, units, staff, users) is written before serving, so the first
 * request can locate; components follow in the background, batch by batch, and resume after a
 * restart if the process stopped half-way ('resume': found once the service is up, since it
 * generates the city again to know the components still missing).
 */
async function prepareDemo(deps: Deps): Promise<DemoBase | 'resume' | 'failed'> {
  if (await hasCity(deps)) return 'resume';
  console.log('首次运行：加载演示城市 first run: loading the demo city');
  const base = await loadDemoBase(deps, { batchSize: BACKGROUND_BATCH }, progressBar());
  if (base.ok) return base.value;
  console.error(demoErrorText(base.error));
  return 'failed';
}

/** How long after "ready" a restart resumes loading components, so first requests go first. */
const RESUME_AFTER_MS = 1_000;

function componentsInBackground(deps: Deps, base: DemoBase): void {
  const bar = progressBar(process.stderr, { forceLines: true });
  loadDemoComponents(deps, base, bar).then(
    (r) => {
      console.log(`演示城市部件已加载 demo components loaded: ${r.counts.components}`);
    },
    (e: unknown) => {
      deps.log.warn({ err: String(e) }, 'demo components stopped; they resume at the next start');
    },
  );
}

export const startCommand: Command = {
  summary:
    '迁移、首次运行加载演示城市并启动服务 migrate, load the demo city on first run, serve (npm start)',
  async run() {
    const t0 = performance.now();
    const lap = (from: number) => ((performance.now() - from) / 1000).toFixed(1);
    const config = loadConfig();
    ensureWebBundle(WEB_DIR);
    // The runtime migrates and syncs the shipped reference data (catalogue) while the app is
    // built: opening PGlite waits mostly on file reads and WebAssembly compilation.
    const { deps, ready } = beginRuntime(config, consoleLogger);
    const app = buildServer(config, deps);
    app.catch(() => undefined); // awaited by serve
    await ready;
    const opened = performance.now();
    const demo = await prepareDemo(deps);
    if (demo === 'failed') {
      await deps.db.close();
      return 1;
    }
    const prepared = performance.now();
    await serve(config, deps, app);
    // Build the locate index before the background components take the database.
    const index = await warmGridIndex(deps);
    console.log(
      `就绪 ready in ${lap(t0)} s: database, migrations and reference data ${((opened - t0) / 1000).toFixed(1)} s, ` +
        `demo city ${((prepared - opened) / 1000).toFixed(1)} s, serve and locate index (${index.grids} grids) ${lap(prepared)} s`,
    );
    const users = await listDemoUsers(deps);
    printDemoLogins({ users }, writeDemoLogins(deps.dataDir, users));
    if (demo !== 'resume') componentsInBackground(deps, demo);
    else {
      // Finding what is left generates the city again (CPU-bound, on the event loop): it waits
      // a moment, so the requests that came with "ready" are answered first.
      setTimeout(() => {
        findUnfinishedDemoLoad(deps, BACKGROUND_BATCH).then(
          (left) => {
            if (left !== null) componentsInBackground(deps, left);
          },
          (e: unknown) => deps.log.warn({ err: String(e) }, 'demo components not resumed'),
        );
      }, RESUME_AFTER_MS);
    }
    return 0;
  },
};
