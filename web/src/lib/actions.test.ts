import { describe, expect, it } from 'vitest';
import type { CaseActionInfo } from '../api/client.ts';
import { actionUrl, allowedActions } from './actions.ts';

const action = (over: Partial<CaseActionInfo>): CaseActionInfo => ({
  action: 'file',
  label: { zh: '立案', en: 'file' },
  capability: 'case.file',
  roles: ['acceptance_operator'],
  rows: [{ from: 'pending_filing', to: 'pending_dispatch', guard: null }],
  reach: 'command',
  method: 'POST',
  path: '/api/v1/cases/{id}/file',
  needsApproval: false,
  approval: null,
  startsStep: 'dispatch',
  ...over,
});

describe('allowedActions: the buttons come from the declared workflow', () => {
  const declared = [
    action({}),
    action({
      action: 'send_back',
      roles: ['unit_handler'],
      rows: [
        { from: 'dispatched', to: 'pending_dispatch', guard: null },
        { from: 'handling', to: 'pending_dispatch', guard: null },
      ],
      path: '/api/v1/cases/{id}/send-back',
    }),
    action({
      action: 'report',
      reach: 'opening',
      path: '/api/v1/cases',
      rows: [{ from: 'new', to: 'pending_filing', guard: null }],
    }),
    action({ action: 'absorb_duplicate', reach: 'internal', method: null, path: null }),
  ];

  it('offers a command to a role it names, from a status one of its rows starts in', () => {
    expect(
      allowedActions(declared, 'acceptance_operator', 'pending_filing').map((a) => a.action),
    ).toEqual(['file']);
    expect(allowedActions(declared, 'unit_handler', 'handling').map((a) => a.action)).toEqual([
      'send_back',
    ]);
    expect(allowedActions(declared, 'unit_handler', 'dispatched').map((a) => a.action)).toEqual([
      'send_back',
    ]);
  });

  it('offers nothing to another role, in another status, for opening or internal actions', () => {
    expect(allowedActions(declared, 'dispatcher', 'pending_filing')).toEqual([]);
    expect(allowedActions(declared, 'acceptance_operator', 'closed')).toEqual([]);
    expect(allowedActions(declared, 'acceptance_operator', 'pending_verification')).toEqual([]);
  });

  it('fills the case id into the declared route', () => {
    expect(actionUrl(declared[1]!, 'a b')).toBe('/api/v1/cases/a%20b/send-back');
    expect(() => actionUrl(declared[3]!, 'x')).toThrow();
  });
});
