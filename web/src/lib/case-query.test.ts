import { describe, expect, it } from 'vitest';
import { queryToParams, toCaseQuery } from './case-query.ts';

describe('toCaseQuery', () => {
  it('keeps the filled filters, trims text and leaves blanks out', () => {
    expect(
      toCaseQuery({
        status: 'handling',
        text: '  井盖 ',
        grid: '',
        unit: ' u-1 ',
        overdue: 'true',
      }),
    ).toEqual({ status: 'handling', text: '井盖', unit: 'u-1', overdue: 'true' });
  });

  it('turns city date ranges into whole days of instants', () => {
    expect(
      toCaseQuery({ reported: ['2026-03-01', '2026-03-02'], closed: ['2026-03-05', '2026-03-05'] }),
    ).toEqual({
      reportedFrom: '2026-02-28T16:00:00.000Z',
      reportedTo: '2026-03-02T15:59:59.999Z',
      closedFrom: '2026-03-04T16:00:00.000Z',
      closedTo: '2026-03-05T15:59:59.999Z',
    });
  });

  it('round-trips through the hash route parameters', () => {
    const q = toCaseQuery({ queue: 'to_file', district: '530114' });
    expect(Object.fromEntries(queryToParams(q))).toEqual({ queue: 'to_file', district: '530114' });
  });
});
