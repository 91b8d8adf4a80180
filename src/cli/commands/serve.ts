import { loadConfig } from '../../config.ts';
import { consoleLogger, openRuntime, serve } from '../../main.ts';
import type { Command } from './command.ts';

export const serveCommand: Command = {
  summary: '启动服务 start the HTTP service (PORT, DATABASE_URL, GRIDLOOP_DATA_DIR)',
  async run() {
    const config = loadConfig();
    const deps = await openRuntime(config, consoleLogger);
    await serve(config, deps);
    return 0;
  },
};
