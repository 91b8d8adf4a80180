import { describe, expect, it } from 'vitest';
import { menuFor } from './menu.ts';
import { matchPath, parseHash } from './route.ts';
import { commandBody, fieldsOf } from './action-fields.ts';
import { shortcutFor } from './shortcuts.ts';

describe('menuFor: the menu follows the capabilities', () => {
  it('gives a dispatcher the dispatch and approvals workbenches and no report page', () => {
    const m = menuFor(['case.read', 'case.dispatch', 'case.approve']);
    expect(m.main.map((e) => e.path)).toEqual(['/', '/cases', '/map']);
    expect(m.workbenches.map((e) => e.path)).toEqual(['/work/dispatch', '/work/approvals']);
  });

  it('gives a supervisor the report page and the verify and re-check workbenches', () => {
    const m = menuFor(['case.read', 'case.report', 'case.verify', 'case.recheck']);
    expect(m.main.map((e) => e.path)).toEqual(['/', '/report', '/cases', '/map']);
    expect(m.workbenches.map((e) => e.path)).toEqual(['/work/verify', '/work/recheck']);
  });

  it('gives a user without case.read only the home page', () => {
    expect(menuFor([])).toEqual({ main: [{ path: '/', label: 'home' }], workbenches: [] });
  });
});

describe('hash routes', () => {
  it('splits path and query and matches parameters', () => {
    const r = parseHash('#/cases?status=closed');
    expect(r.path).toBe('/cases');
    expect(r.query.get('status')).toBe('closed');
    expect(parseHash('').path).toBe('/');
    expect(matchPath('/cases/:id', '/cases/a%2Fb')).toEqual({ id: 'a/b' });
    expect(matchPath('/cases/:id', '/cases')).toBeNull();
    expect(matchPath('/work/:key', '/cases/x')).toBeNull();
  });
});

describe('command bodies', () => {
  it('sends only the command’s fields, trimmed, with the expected version', () => {
    const fields = fieldsOf('/api/v1/cases/{id}/send-back');
    expect(fields).toEqual(['reason']);
    expect(
      commandBody(fields ?? [], { reason: ' 不是本单位 ', note: 'x', photoIds: [] }, 7),
    ).toEqual({
      expectedVersion: 7,
      reason: '不是本单位',
    });
    expect(commandBody(['note', 'photoIds'], { note: '', photoIds: ['p'] }, 2)).toEqual({
      expectedVersion: 2,
      photoIds: ['p'],
    });
    expect(fieldsOf('/api/v1/cases/{id}/unknown')).toBeNull();
  });
});

describe('workbench shortcuts', () => {
  const key = (k: string, mod = false) => ({ key: k, ctrlKey: mod, metaKey: false, altKey: false });
  it('maps plain keys and ignores modified ones', () => {
    expect(shortcutFor(key('f'))).toBe('file');
    expect(shortcutFor(key('D'))).toBe('dispatch');
    expect(shortcutFor(key('j'))).toBe('next');
    expect(shortcutFor(key('ArrowUp'))).toBe('prev');
    expect(shortcutFor(key('Enter'))).toBe('open');
    expect(shortcutFor(key('f', true))).toBeNull();
    expect(shortcutFor(key('x'))).toBeNull();
  });
});
