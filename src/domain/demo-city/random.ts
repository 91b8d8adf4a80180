/**
 * Seeded randomness for the demo city: a small-state PRNG (sfc32) and a stateless hash, so the
 * same seed always yields the same city and a lattice vertex can be recomputed instead of stored.
 */

export type Rng = {
  /** uniform in [0, 1) */
  next(): number;
  /** integer in [0, n) */
  int(n: number): number;
  /** one element of a non-empty list */
  pick<T>(items: readonly T[]): T;
};

/** 32-bit integer mix (splitmix32 finaliser). */
function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** Stateless hash of integers to [0, 1): the same inputs always give the same value. */
export function hashUnit(...parts: readonly number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) h = mix32(h ^ mix32(p | 0) ^ Math.imul((p / 4294967296) | 0, 0x27d4eb2d));
  return h / 4294967296;
}

/** A PRNG stream for one purpose ("stream" keeps the city and the components independent). */
export function createRng(seed: number, stream: number): Rng {
  let a = mix32(seed | 0);
  let b = mix32(a ^ stream);
  let c = mix32(b ^ 0x5bd1e995);
  let d = 1;
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick<T>(items: readonly T[]): T {
      const item = items[Math.floor(next() * items.length)];
      if (item === undefined) throw new Error('pick from an empty list');
      return item;
    },
  };
}
