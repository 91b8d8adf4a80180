import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit.ts';

/** A writer whose batches finish only when the test says so. */
function gatedWriter() {
  const batches: number[][] = [];
  const gates: (() => void)[] = [];
  const write = async (items: readonly number[]) => {
    batches.push([...items]);
    await new Promise<void>((r) => gates.push(r));
    return items.map((i) => (i < 0 ? new Error(`bad ${i}`) : i * 10));
  };
  return { batches, write, release: () => gates.shift()?.() };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('group commit', () => {
  it('writes a lone item at once, and items that arrive meanwhile together in the next batch', async () => {
    const w = gatedWriter();
    const gc = new GroupCommit(w.write, { maxBatch: 10 });
    const first = gc.submit(1);
    await tick();
    expect(w.batches).toEqual([[1]]);
    const later = [gc.submit(2), gc.submit(3), gc.submit(4)];
    await tick();
    expect(w.batches).toEqual([[1]]); // waiting for the first batch
    w.release();
    expect(await first).toBe(10);
    await tick();
    expect(w.batches).toEqual([[1], [2, 3, 4]]);
    w.release();
    expect(await Promise.all(later)).toEqual([20, 30, 40]);
    expect(gc.stats()).toEqual({ batches: 2, items: 4, largestBatch: 3 });
  });

  it('never puts more than maxBatch items in one batch', async () => {
    const w = gatedWriter();
    const gc = new GroupCommit(w.write, { maxBatch: 2 });
    const all = [1, 2, 3, 4, 5].map((i) => gc.submit(i));
    for (let i = 0; i < 4; i++) {
      await tick();
      w.release();
    }
    expect(await Promise.all(all)).toEqual([10, 20, 30, 40, 50]);
    expect(w.batches).toEqual([[1], [2, 3], [4, 5]]);
  });

  it('fails only the item the writer answered with an error', async () => {
    const w = gatedWriter();
    const gc = new GroupCommit(w.write, { maxBatch: 10 });
    const blocker = gc.submit(0);
    const [a, b] = [gc.submit(5), gc.submit(-1)];
    await tick();
    w.release();
    await blocker;
    await tick();
    w.release();
    expect(await a).toBe(50);
    await expect(b).rejects.toThrow('bad -1');
  });

  it('fails every item of a batch whose writer throws, and goes on with the next batch', async () => {
    let calls = 0;
    const gc = new GroupCommit<number, number>(
      async (items) => {
        calls++;
        if (calls === 1) throw new Error('connection lost');
        return items.map((i) => i);
      },
      { maxBatch: 10 },
    );
    await expect(gc.submit(1)).rejects.toThrow('connection lost');
    expect(await gc.submit(2)).toBe(2);
  });

  it('writes up to maxInFlight batches at once', async () => {
    const w = gatedWriter();
    const gc = new GroupCommit(w.write, { maxBatch: 1, maxInFlight: 2 });
    const all = [1, 2, 3].map((i) => gc.submit(i));
    await tick();
    expect(w.batches).toEqual([[1], [2]]);
    w.release();
    w.release();
    await tick();
    expect(w.batches).toEqual([[1], [2], [3]]);
    w.release();
    expect(await Promise.all(all)).toEqual([10, 20, 30]);
  });
});
