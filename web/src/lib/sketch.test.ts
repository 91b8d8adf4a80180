import { describe, expect, it } from 'vitest';
import { sketch } from './sketch.ts';

describe('the two-point sketch of likely duplicates', () => {
  it('puts the northern point above and the eastern one right, inside the margin', () => {
    const { placed } = sketch(
      [
        { lng: 102.712, lat: 24.826 },
        { lng: 102.7125, lat: 24.8264 },
      ],
      200,
    );
    const [a, b] = placed;
    expect(b!.x).toBeGreaterThan(a!.x);
    expect(b!.y).toBeLessThan(a!.y);
    for (const p of placed) {
      expect(p.x).toBeGreaterThanOrEqual(16);
      expect(p.x).toBeLessThanOrEqual(184);
      expect(p.y).toBeGreaterThanOrEqual(16);
      expect(p.y).toBeLessThanOrEqual(184);
    }
  });

  it('keeps the distance to scale (≈ 44.5 m between points 0.0004° of latitude apart)', () => {
    const { placed, metresPerPixel } = sketch(
      [
        { lng: 102.7, lat: 24.8 },
        { lng: 102.7, lat: 24.8004 },
      ],
      200,
    );
    const px = Math.abs(placed[0]!.y - placed[1]!.y);
    expect(px * metresPerPixel).toBeCloseTo(44.48, 0);
  });

  it('does not blow up two reports on the same spot', () => {
    const { placed } = sketch(
      [
        { lng: 102.7, lat: 24.8 },
        { lng: 102.7, lat: 24.8 },
      ],
      200,
    );
    expect(placed[0]).toEqual({ x: 100, y: 100 });
    expect(placed[1]).toEqual({ x: 100, y: 100 });
  });
});
