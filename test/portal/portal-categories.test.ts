import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTopics, searchTopics } from '../../src/domain/portal/index.ts';
import { parseCsvRecords } from '../../src/domain/shared/index.ts';

const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('reference/channels/portal-categories.csv (the portal’s plain words)', () => {
  const parsed = parseTopics(read('reference/channels/portal-categories.csv'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  const topics = parsed.value;

  it('maps every topic to a category of the default catalogue, with pinyin initials', () => {
    const standards = parseCsvRecords(read('reference/catalogue/standards.csv'));
    if (!standards.ok) throw new Error('standards.csv');
    const known = new Set(
      standards.value
        .filter((r) => r.values.scheme === 'gbt47678.5-2026')
        .map((r) => `${r.values.kind}:${r.values.code}`),
    );
    expect(topics.length).toBeGreaterThan(40);
    for (const t of topics) {
      expect(known.has(`${t.kind}:${t.categoryCode}`), t.code).toBe(true);
      expect(t.pinyinInitials.length, t.code).toBeGreaterThan(0);
    }
  });

  it.each([
    ['jg', 'manhole_cover'],
    ['hld', 'traffic_light'],
    ['僵尸车', 'abandoned_car'],
    ['xftd', 'fire_lane'],
  ])('finds %s first', (q, code) => {
    expect(searchTopics(topics, q)[0]?.code).toBe(code);
  });
});
