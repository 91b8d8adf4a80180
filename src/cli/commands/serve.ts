import { loadConfig } from '../../config.ts';
import { beginRuntime, buildServer, consoleLogger, serve } from '../../main.ts';
import type { Command } from './command.ts';

export const serveCommand: Command = {
  summary: '启动服务 start the HTTP service (PORT, DATABASE_URL, GRIDLOOP_DATA_DIR)',
  async run() {
    const config = loadConfig();
    // The app is built while the database opens.
    const { deps, ready } = beginRuntime(config, consoleLogger);
    const app = buildServer(config, deps);
    app.catch(() => undefined); // awaited by serve once the database is ready
    await ready;
    await serve(config, deps, app);
    return 0;
  },
};
