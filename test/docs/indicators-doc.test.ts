import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ALL_INDICATORS, METRICS } from '../../src/domain/indicators/index.ts';

const doc = await readFile(new URL('../../docs/indicators.md', import.meta.url), 'utf8');

describe('docs/indicators.md', () => {
  it('documents every indicator of the code once, and no other', () => {
    // indicator rows have six columns; the metrics table has three
    const documented = doc
      .split('\n')
      .filter((l) => l.split('|').length === 8)
      .map((l) => /^\| `([a-z_]+\.[a-z_]+)` \|/.exec(l)?.[1])
      .filter((id): id is string => id !== undefined);
    expect(documented.sort()).toEqual(ALL_INDICATORS.map((d) => d.id).sort());
  });

  it('names every indicator in Chinese and English as the code does', () => {
    for (const d of ALL_INDICATORS)
      expect(doc).toContain(`| \`${d.id}\` | ${d.name.zh} | ${d.name.en} |`);
  });

  it('lists every metric the fold produces', () => {
    for (const m of METRICS)
      expect(doc).toMatch(new RegExp(`\`${m.replace(/[._]/g, '.')}(\\(_on_time\\))?\``));
  });
});
