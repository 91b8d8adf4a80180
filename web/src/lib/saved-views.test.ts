import { describe, expect, it } from 'vitest';
import { MAX_VIEWS, deleteView, loadViews, saveView, type KeyValueStore } from './saved-views.ts';

function memory(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
  };
}

describe('saved views of the case search', () => {
  it('keeps each user’s views apart and sorted by name', () => {
    const s = memory();
    saveView(s, 'u1', '超期案件', { overdue: 'true' });
    saveView(s, 'u1', '待派遣', { queue: 'to_dispatch' });
    saveView(s, 'u2', '我的', { unit: 'u-1' });
    expect(loadViews(s, 'u1').map((v) => v.name)).toEqual(
      ['超期案件', '待派遣'].sort((a, b) => a.localeCompare(b, 'zh-CN')),
    );
    expect(loadViews(s, 'u2')).toEqual([{ name: '我的', query: { unit: 'u-1' } }]);
  });

  it('replaces a view of the same name and drops the page cursor and blanks', () => {
    const s = memory();
    saveView(s, 'u1', ' 井盖 ', { category: '01001', cursor: 'abc', pageSize: 20 });
    const r = saveView(s, 'u1', '井盖', { category: '01002', text: '' });
    expect(r).toEqual({ ok: true, views: [{ name: '井盖', query: { category: '01002' } }] });
  });

  it('refuses an empty or long name and more than the limit', () => {
    const s = memory();
    expect(saveView(s, 'u1', '  ', {})).toEqual({ ok: false, reason: 'name' });
    expect(saveView(s, 'u1', 'x'.repeat(41), {})).toEqual({ ok: false, reason: 'name' });
    for (let i = 0; i < MAX_VIEWS; i++) saveView(s, 'u1', `v${String(i)}`, {});
    expect(saveView(s, 'u1', 'one more', {})).toEqual({ ok: false, reason: 'full' });
    // Replacing one still works when full.
    expect(saveView(s, 'u1', 'v3', { status: 'closed' }).ok).toBe(true);
  });

  it('deletes a view, and reads a damaged store as empty', () => {
    const s = memory();
    saveView(s, 'u1', 'a', {});
    saveView(s, 'u1', 'b', {});
    expect(deleteView(s, 'u1', 'a').map((v) => v.name)).toEqual(['b']);
    s.data.set('gridloop.views.u1', '{not json');
    expect(loadViews(s, 'u1')).toEqual([]);
    s.data.set('gridloop.views.u1', JSON.stringify([{ name: 1 }, { name: 'ok', query: { x: 2 } }]));
    expect(loadViews(s, 'u1')).toEqual([{ name: 'ok', query: {} }]);
  });
});
