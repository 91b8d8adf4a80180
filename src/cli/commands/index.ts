import type { Command } from './command.ts';
import { migrateCommand } from './migrate.ts';
import { openapiCommand } from './openapi.ts';
import { serveCommand } from './serve.ts';
import { userCommand } from './user.ts';

export const COMMANDS: Readonly<Record<string, Command>> = {
  serve: serveCommand,
  migrate: migrateCommand,
  openapi: openapiCommand,
  user: userCommand,
};
