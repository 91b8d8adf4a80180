import { describe, expect, it } from 'vitest';
import { StaleWhileRevalidate } from './snapshot-cache.ts';

/** A computation the test resolves by hand, counting how often it was started. */
function gate() {
  let n = 0;
  const pending: { resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  return {
    started: () => n,
    compute: () =>
      new Promise<string>((resolve, reject) => {
        n++;
        pending.push({ resolve, reject });
      }),
    resolve: (v: string) => pending.shift()?.resolve(v),
    fail: () => pending.shift()?.reject(new Error('db down')),
  };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('answers served stale while a fresh one is read', () => {
  it('lets concurrent first askers wait for one computation, then serves it while young', async () => {
    const c = new StaleWhileRevalidate(1000, 5000, 10);
    let now = 0;
    const g = gate();
    const a = c.get('k', () => now, g.compute);
    const b = c.get('k', () => now, g.compute);
    g.resolve('v1');
    expect([await a, await b]).toEqual(['v1', 'v1']);
    now = 999;
    expect(await c.get('k', () => now, g.compute)).toBe('v1');
    expect(g.started()).toBe(1);
  });

  it('serves a stale answer at once and reads one fresh answer in the background', async () => {
    const c = new StaleWhileRevalidate(1000, 5000, 10);
    let now = 0;
    const g = gate();
    const first = c.get('k', () => now, g.compute);
    g.resolve('v1');
    await first;
    now = 1000;
    expect(await c.get('k', () => now, g.compute)).toBe('v1');
    expect(await c.get('k', () => now, g.compute)).toBe('v1');
    expect(g.started()).toBe(2);
    g.resolve('v2');
    await flush();
    expect(await c.get('k', () => now, g.compute)).toBe('v2');
    expect(g.started()).toBe(2);
  });

  it('makes the asker wait for a fresh answer once the kept one is too stale', async () => {
    const c = new StaleWhileRevalidate(1000, 5000, 10);
    let now = 0;
    const g = gate();
    const first = c.get('k', () => now, g.compute);
    g.resolve('v1');
    await first;
    now = 5000;
    const late = c.get('k', () => now, g.compute);
    g.resolve('v2');
    expect(await late).toBe('v2');
  });

  it('keeps no failure: the asker sees it, the next asker computes again; a failed refresh keeps the stale answer', async () => {
    const c = new StaleWhileRevalidate(1000, 5000, 10);
    let now = 0;
    const g = gate();
    const failed = c.get('k', () => now, g.compute);
    g.fail();
    await expect(failed).rejects.toThrow('db down');
    const retry = c.get('k', () => now, g.compute);
    g.resolve('v1');
    expect(await retry).toBe('v1');
    now = 2000;
    expect(await c.get('k', () => now, g.compute)).toBe('v1');
    g.fail();
    await flush();
    expect(await c.get('k', () => now, g.compute)).toBe('v1');
    expect(g.started()).toBe(4);
  });

  it('keeps at most maxEntries keys, forgetting the least recently computed', async () => {
    const c = new StaleWhileRevalidate(1000, 5000, 2);
    const g = gate();
    for (const k of ['a', 'b', 'c']) {
      const p = c.get(k, () => 0, g.compute);
      g.resolve(k);
      await p;
    }
    const again = c.get('a', () => 0, g.compute);
    expect(g.started()).toBe(4);
    g.resolve('a2');
    expect(await again).toBe('a2');
  });
});
