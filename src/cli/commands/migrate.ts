import { loadConfig } from '../../config.ts';
import { openDb } from '../../store/open.ts';
import { migrate } from '../../store/migrate.ts';
import type { Command } from './command.ts';
import { mkdirSync } from 'node:fs';

export const migrateCommand: Command = {
  summary: '执行数据库迁移 apply database migrations',
  async run() {
    const config = loadConfig();
    mkdirSync(config.dataDir, { recursive: true });
    const db = await openDb({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      dbTimeouts: config.dbTimeouts,
    });
    const r = await migrate(db);
    console.log(`applied ${r.applied.length} migration(s), ${r.alreadyApplied} already applied`);
    for (const f of r.applied) console.log(`  + ${f}`);
    await db.close();
    return 0;
  },
};
