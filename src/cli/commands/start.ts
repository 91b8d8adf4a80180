import { loadConfig } from '../../config.ts';
import { consoleLogger, openRuntime, serve } from '../../main.ts';
import type { Deps } from '../../services/deps.ts';
import {
  findUnfinishedDemoLoad,
  hasCity,
  listDemoUsers,
  loadDemoBase,
  loadDemoComponents,
  type DemoBase,
} from '../../services/demo/load-demo.ts';
import type { Command } from './command.ts';
import { demoErrorText, printDemoLogins, progressBar } from './demo.ts';

/**
 * The base data (regions, grids, units, staff, users) is written before serving, so the first
 * request can locate; components follow in the background, batch by batch, and resume after a
 * restart if the process stopped half-way.
 */
async function prepareDemo(deps: Deps): Promise<DemoBase | null | 'failed'> {
  if (await hasCity(deps)) return findUnfinishedDemoLoad(deps);
  console.log('首次运行：加载演示城市 first run: loading the demo city');
  const base = await loadDemoBase(deps, {}, progressBar());
  if (base.ok) return base.value;
  console.error(demoErrorText(base.error));
  return 'failed';
}

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
    const config = loadConfig();
    // openRuntime migrates and syncs the shipped reference data (catalogue).
    const deps = await openRuntime(config, consoleLogger);
    const demo = await prepareDemo(deps);
    if (demo === 'failed') {
      await deps.db.close();
      return 1;
    }
    await serve(config, deps);
    printDemoLogins({ users: await listDemoUsers(deps) });
    if (demo !== null) componentsInBackground(deps, demo);
    return 0;
  },
};
