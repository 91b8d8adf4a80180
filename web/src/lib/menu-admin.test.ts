import { describe, expect, it } from 'vitest';
import { menuFor } from './menu.ts';

describe('menuFor: assessment and the rules admin', () => {
  it('gives a commander the assessment and the dispatch-rule admin', () => {
    const m = menuFor(['case.read', 'indicator.read', 'dispatch_rule.write']);
    expect(m.main.map((e) => e.path)).toEqual([
      '/',
      '/cases',
      '/map',
      '/assessment',
      '/admin/rules',
    ]);
  });
  it('gives a dispatcher the assessment but not the rules admin', () => {
    const m = menuFor(['case.read', 'indicator.read']);
    expect(m.main.map((e) => e.path)).not.toContain('/admin/rules');
  });
});
