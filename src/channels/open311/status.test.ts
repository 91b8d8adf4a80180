import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { caseStatusesOf, open311Status, statusNotes } from './status.ts';

describe('Open311 status', () => {
  it.each([
    ['pending_verification', 'open'],
    ['handling', 'open'],
    ['on_hold', 'open'],
    ['pending_close', 'open'],
    ['closed', 'closed'],
    ['evaluated', 'closed'],
    ['not_filed', 'closed'],
    ['cancelled', 'closed'],
    ['merged', 'closed'],
  ] as const)('%s is %s', (s, expected) => {
    expect(open311Status(s)).toBe(expected);
  });

  it('the partial index of closed cases lists exactly the closed statuses', () => {
    const sql = readFileSync(
      new URL('../../store/migrations/0141_create_open311_requests.sql', import.meta.url),
      'utf8',
    );
    const listed = /WHERE status IN \(([^)]*)\)/.exec(sql)?.[1] ?? '';
    const closed = [...listed.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]).sort();
    expect(closed).toEqual(caseStatusesOf('closed').sort());
  });

  it('status_notes name the finer state in Chinese and English', () => {
    expect(statusNotes('handling')).toBe('处置中 being handled');
  });
});
