import { describe, expect, it } from 'vitest';
import { ACTIONS, CASE_ACTION_KINDS } from '../../src/domain/cases/index.ts';
import { ACTION_ROUTES } from '../../src/api/v1/cases.schemas.ts';
import { CASE_COMMAND_KINDS, commandPath } from '../../src/services/cases/commands.ts';

describe('the command kinds and the action declarations', () => {
  it('are the declared commands, each with its declared path and an HTTP body', () => {
    const declared = CASE_ACTION_KINDS.filter((k) => typeof ACTIONS[k].reach === 'object');
    expect([...CASE_COMMAND_KINDS]).toEqual(declared);
    for (const kind of CASE_COMMAND_KINDS) {
      const reach = ACTIONS[kind].reach;
      expect(typeof reach === 'object' ? reach.command : null).toBe(commandPath(kind));
      expect(ACTION_ROUTES[kind]).toMatchObject({ path: commandPath(kind) });
      expect(ACTION_ROUTES[kind].body.type).toBe('object');
    }
  });
});
