import { loadConfig } from '../../config.ts';
import { consoleLogger, openRuntime, serve } from '../../main.ts';
import { hasCity, listDemoUsers } from '../../services/demo/load-demo.ts';
import type { Command } from './command.ts';
import { printDemoLogins, runDemoLoad } from './demo.ts';

export const startCommand: Command = {
  summary:
    '迁移、首次运行加载演示城市并启动服务 migrate, load the demo city on first run, serve (npm start)',
  async run() {
    const config = loadConfig();
    // openRuntime migrates and syncs the shipped reference data (catalogue).
    const deps = await openRuntime(config, consoleLogger);
    const firstRun = !(await hasCity(deps));
    if (firstRun) {
      console.log('首次运行：加载演示城市 first run: loading the demo city');
      if ((await runDemoLoad(deps, {})) === null) {
        await deps.db.close();
        return 1;
      }
    }
    await serve(config, deps);
    printDemoLogins({ users: await listDemoUsers(deps) });
    return 0;
  },
};
