import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { buildApp } from '../../api/build-app.ts';
import { openPglite } from '../../store/pglite.ts';
import { systemClock } from '../../services/deps.ts';
import { consoleLogger } from '../../main.ts';
import type { Command } from './command.ts';
import { createRuntime } from '../../services/runtime.ts';

export const openapiCommand: Command = {
  summary: '生成 OpenAPI 文档 write the OpenAPI document',
  async run(args) {
    const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
    // The document depends only on the route schemas; an in-memory database is enough to build the app.
    const db = await openPglite();
    const app = await buildApp({
      db,
      clock: systemClock,
      newId: () => '',
      log: consoleLogger,
      dataDir: '/nonexistent',
      runtime: createRuntime(),
    });
    await app.ready();
    const doc = JSON.stringify(app.swagger(), null, 2) + '\n';
    if (values.out) await writeFile(values.out, doc);
    else process.stdout.write(doc);
    await app.close();
    await db.close();
    return 0;
  },
};
