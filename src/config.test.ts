import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('GRIDLOOP_MERGE_MAX_DISTANCE_M', () => {
  it('defaults to the domain’s 100 m', () => {
    expect(loadConfig({}).caseRules.mergeMaxDistanceM).toBe(100);
    expect(loadConfig({ GRIDLOOP_MERGE_MAX_DISTANCE_M: '' }).caseRules.mergeMaxDistanceM).toBe(100);
  });
  it('takes whole metres within 1..5000', () => {
    expect(loadConfig({ GRIDLOOP_MERGE_MAX_DISTANCE_M: '250' }).caseRules.mergeMaxDistanceM).toBe(
      250,
    );
  });
  it.each(['0', '5001', '-5', '12.5', '1e3', 'abc', 'Infinity', ' '])(
    'refuses %j and names the variable',
    (raw) => {
      expect(() => loadConfig({ GRIDLOOP_MERGE_MAX_DISTANCE_M: raw })).toThrow(
        /GRIDLOOP_MERGE_MAX_DISTANCE_M/,
      );
    },
  );
});
