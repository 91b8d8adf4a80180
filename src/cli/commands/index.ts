import { apikeyCommand } from './apikey.ts';
import type { Command } from './command.ts';
import { demoCommand } from './demo.ts';
import { exportCommand } from './export.ts';
import { importCommand } from './import.ts';
import { migrateCommand } from './migrate.ts';
import { openapiCommand } from './openapi.ts';
import { reportCommand } from './report.ts';
import { seedCommand } from './seed.ts';
import { serveCommand } from './serve.ts';
import { startCommand } from './start.ts';
import { userCommand } from './user.ts';

export const COMMANDS: Readonly<Record<string, Command>> = {
  serve: serveCommand,
  start: startCommand,
  demo: demoCommand,
  import: importCommand,
  export: exportCommand,
  report: reportCommand,
  migrate: migrateCommand,
  openapi: openapiCommand,
  user: userCommand,
  apikey: apikeyCommand,
  seed: seedCommand,
};
