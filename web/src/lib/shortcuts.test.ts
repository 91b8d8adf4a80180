import { describe, expect, it } from 'vitest';
import { fieldsOf } from './action-fields.ts';
import { ACTION_KEYS, keysFor, runsAtOnce, shortcutFor } from './shortcuts.ts';

const key = (
  k: string,
  mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {},
) => shortcutFor({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('workbench shortcuts', () => {
  it('moves with j/k and the arrows, opens with Enter, and ignores modified keys', () => {
    expect(key('j')).toEqual({ kind: 'next' });
    expect(key('ArrowUp')).toEqual({ kind: 'prev' });
    expect(key('Enter')).toEqual({ kind: 'open' });
    expect(key('f', { ctrlKey: true })).toBeNull();
    expect(key('F')).toEqual({ kind: 'action', action: 'file' });
    expect(key('q')).toBeNull();
  });

  it('names only actions the server declares a route for', () => {
    const routes: Record<string, string> = {
      file: 'file',
      refuse_filing: 'refuse-filing',
      merge: 'merge',
      dispatch: 'dispatch',
      accept: 'accept',
      send_back: 'send-back',
      request_extension: 'extension-requests',
      recheck_pass: 'recheck',
      rework: 'rework',
      close: 'close',
      urge: 'urge',
      approve_extension: 'extension-requests/approve',
      approve_hold: 'hold-requests/approve',
      spot_check_pass: 'spot-check',
    };
    for (const a of Object.values(ACTION_KEYS))
      expect(fieldsOf(`/api/v1/cases/{id}/${routes[a] ?? '?'}`), a).not.toBeNull();
  });

  it('runs a command at once only when the person has nothing to write', () => {
    const f = (p: string) => fieldsOf(`/api/v1/cases/{id}/${p}`) ?? [];
    expect(runsAtOnce('file', f('file'), false)).toBe(true);
    expect(runsAtOnce('accept', f('accept'), false)).toBe(true);
    expect(runsAtOnce('dispatch', f('dispatch'), true)).toBe(true);
    expect(runsAtOnce('dispatch', f('dispatch'), false)).toBe(false);
    expect(runsAtOnce('refuse_filing', f('refuse-filing'), false)).toBe(false);
    expect(runsAtOnce('send_back', f('send-back'), true)).toBe(false);
    expect(runsAtOnce('urge', f('urge'), false)).toBe(false);
    expect(runsAtOnce('merge', f('merge'), false)).toBe(false);
    expect(runsAtOnce('redispatch', f('redispatch'), true)).toBe(false);
  });

  it('lists the keys of the allowed actions for the hint line', () => {
    expect(keysFor(['accept', 'send_back'])).toEqual([
      { key: 'a', action: 'accept' },
      { key: 'b', action: 'send_back' },
    ]);
  });
});
