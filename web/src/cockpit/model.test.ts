import { describe, expect, it } from 'vitest';
import { backoffMs, BoundedSeries, byMonth, percentText, topNamed, wallScale } from './model.ts';

describe('the cockpit wall’s pure pieces', () => {
  it('keeps only the last N samples, oldest first, however many are pushed', () => {
    const s = new BoundedSeries<number>(3);
    expect(s.points()).toEqual([]);
    expect(s.last()).toBeUndefined();
    s.push(1);
    s.push(2);
    expect(s.points()).toEqual([1, 2]);
    for (let i = 3; i <= 100_000; i++) s.push(i);
    expect(s.size).toBe(3);
    expect(s.points()).toEqual([99_998, 99_999, 100_000]);
    expect(s.last()).toBe(100_000);
    expect(() => new BoundedSeries(0)).toThrow();
  });

  it('names the top of a tally, biggest first, zeros left out', () => {
    const names = new Map([
      ['u-1', '市政所'],
      ['u-2', '环卫站'],
    ]);
    const top = topNamed(
      [
        { key: 'u-3', count: 5 },
        { key: 'u-1', count: 9 },
        { key: 'u-2', count: 5 },
        { key: 'u-4', count: 0 },
      ],
      3,
      names,
    );
    expect(top).toEqual([
      { name: '市政所', count: 9 },
      { name: '环卫站', count: 5 },
      { name: 'u-3', count: 5 },
    ]);
  });

  it('folds a year of days into months', () => {
    const months = byMonth([
      { day: '2026-01-31', new: 2, closed: 1 },
      { day: '2025-12-30', new: 1, closed: 0 },
      { day: '2026-01-01', new: 3, closed: 4 },
    ]);
    expect(months).toEqual([
      { month: '2025-12', new: 1, closed: 0 },
      { month: '2026-01', new: 5, closed: 5 },
    ]);
  });

  it('shows rates and backs off reconnects', () => {
    expect(percentText(87.456)).toBe('87.5%');
    expect(percentText(null)).toBe('—');
    expect(backoffMs(0)).toBe(1000);
    expect(backoffMs(3)).toBe(8000);
    expect(backoffMs(50)).toBe(60_000);
  });

  it('scales the wall from 1080p to 4K', () => {
    expect(wallScale(1920, 1080)).toBe(1);
    expect(wallScale(3840, 2160)).toBe(2);
    expect(wallScale(1366, 768)).toBeCloseTo(0.711, 2);
  });
});

describe('the wall’s map points', () => {
  it('keeps open cases once, with stage and timer', async () => {
    const { openCasePoints, caseStage } = await import('./model.ts');
    const c = (id: string, status: string, timer: string | null) => ({
      id,
      status,
      location: { lng: 102.7, lat: 24.8 },
      timer: timer ? { state: timer } : null,
    });
    const fc = openCasePoints([
      [c('a', 'handling', 'overdue'), c('b', 'closed', null)],
      [c('a', 'handling', 'overdue'), c('d', 'pending_verification', 'on_time')],
    ]);
    expect(fc.features.map((f) => f.properties)).toEqual([
      { id: 'a', stage: 'handling', timer: 'overdue' },
      { id: 'd', stage: 'intake', timer: 'on_time' },
    ]);
    expect(caseStage('pending_close')).toBe('closing');
    expect(caseStage('merged')).toBe('ended');
  });
});
