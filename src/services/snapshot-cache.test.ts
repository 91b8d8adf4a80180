import { describe, expect, it } from 'vitest';
import { SnapshotCache } from './snapshot-cache.ts';

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

/** Fresh for 1 s, served stale up to 5 s (the Open311 lists' and the cockpit's shape). */
const ask = (
  c: SnapshotCache,
  key: string,
  now: number,
  compute: () => Promise<string>,
  after?: number,
) => c.get(key, now, 1000, compute, after, 5000);

describe('answers served stale while a fresh one is read', () => {
  it('lets concurrent first askers wait for one computation, then serves it while young', async () => {
    const c = new SnapshotCache(10);
    let now = 0;
    const g = gate();
    const a = ask(c, 'k', now, g.compute);
    const b = ask(c, 'k', now, g.compute);
    g.resolve('v1');
    expect([await a, await b]).toEqual(['v1', 'v1']);
    now = 999;
    expect(await ask(c, 'k', now, g.compute)).toBe('v1');
    expect(g.started()).toBe(1);
  });

  it('serves a stale answer at once and reads one fresh answer in the background', async () => {
    const c = new SnapshotCache(10);
    let now = 0;
    const g = gate();
    const first = ask(c, 'k', now, g.compute);
    g.resolve('v1');
    await first;
    now = 1000;
    expect(await ask(c, 'k', now, g.compute)).toBe('v1');
    expect(await ask(c, 'k', now, g.compute)).toBe('v1');
    expect(g.started()).toBe(2);
    g.resolve('v2');
    await flush();
    expect(await ask(c, 'k', now, g.compute)).toBe('v2');
    expect(g.started()).toBe(2);
  });

  it('makes the asker wait for a fresh answer once the kept one is too stale', async () => {
    const c = new SnapshotCache(10);
    let now = 0;
    const g = gate();
    const first = ask(c, 'k', now, g.compute);
    g.resolve('v1');
    await first;
    now = 5000;
    const late = ask(c, 'k', now, g.compute);
    g.resolve('v2');
    expect(await late).toBe('v2');
  });

  it('keeps no failure: the asker sees it, the next asker computes again; a failed refresh keeps the stale answer', async () => {
    const c = new SnapshotCache(10);
    let now = 0;
    const g = gate();
    const failed = ask(c, 'k', now, g.compute);
    g.fail();
    await expect(failed).rejects.toThrow('db down');
    const retry = ask(c, 'k', now, g.compute);
    g.resolve('v1');
    expect(await retry).toBe('v1');
    now = 2000;
    expect(await ask(c, 'k', now, g.compute)).toBe('v1');
    g.fail();
    await flush();
    expect(await ask(c, 'k', now, g.compute)).toBe('v1');
    expect(g.started()).toBe(4);
  });

  it('keeps at most maxEntries keys, forgetting the least recently computed', async () => {
    const c = new SnapshotCache(2);
    const g = gate();
    for (const k of ['a', 'b', 'c']) {
      const p = ask(c, k, 0, g.compute);
      g.resolve(k);
      await p;
    }
    const again = ask(c, 'a', 0, g.compute);
    expect(g.started()).toBe(4);
    g.resolve('a2');
    expect(await again).toBe('a2');
  });
});

describe('answers shared without serving stale', () => {
  it('makes every asker wait for the one fresh count once the kept one is older than maxAge', async () => {
    const c = new SnapshotCache(10);
    const g = gate();
    const first = c.get('k', 0, 1000, g.compute);
    g.resolve('v1');
    await first;
    const a = c.get('k', 1000, 1000, g.compute);
    const b = c.get('k', 1200, 1000, g.compute);
    expect(g.started()).toBe(2);
    g.resolve('v2');
    expect([await a, await b]).toEqual(['v2', 'v2']);
  });

  it('answers an asker holding a ticket only with a count started after it, never a stale one', async () => {
    const c = new SnapshotCache(10);
    const g = gate();
    const first = ask(c, 'k', 0, g.compute);
    g.resolve('v1');
    await first;
    const ticket = c.ticket();
    const after = ask(c, 'k', 10, g.compute, ticket);
    expect(g.started()).toBe(2);
    g.resolve('v2');
    expect(await after).toBe('v2');
    // A background refresh started before a ticket does not answer it either.
    const stale = ask(c, 'k', 2000, g.compute);
    expect(await stale).toBe('v2');
    const t2 = c.ticket();
    const fresh = ask(c, 'k', 2000, g.compute, t2);
    expect(g.started()).toBe(4);
    g.resolve('v3');
    g.resolve('v4');
    expect(await fresh).toBe('v4');
  });
});
