import { describe, expect, it } from 'vitest';
import { menuFor } from './menu.ts';
import { matchPath, parseHash } from './route.ts';
import { commandBody, fieldsOf } from './action-fields.ts';

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

  it('gives the commander the urge desk, the city supervisor the spot checks', () => {
    expect(
      menuFor(['case.read', 'case.urge', 'whistle.read']).workbenches.map((e) => e.path),
    ).toEqual(['/work/urge']);
    expect(menuFor(['case.read', 'case.spot_check']).workbenches.map((e) => e.path)).toEqual([
      '/work/spotcheck',
    ]);
  });

  it('gives the hotline and units the hotline desk, whistle readers the whistle board', () => {
    expect(
      menuFor(['case.read', 'case.report', 'case.evaluate']).main.map((e) => e.path),
    ).toContain('/hotline');
    expect(menuFor(['case.read', 'case.handle']).main.map((e) => e.path)).toContain('/hotline');
    expect(menuFor(['case.read', 'whistle.read']).main.map((e) => e.path)).toEqual([
      '/',
      '/cases',
      '/map',
      '/whistles',
    ]);
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
