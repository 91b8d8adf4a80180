import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseVocabulary } from '../../src/domain/intake/index.ts';
import { parseCsvRecords } from '../../src/domain/shared/index.ts';

/** Every shipped channel vocabulary (ADR 0004) maps only to categories the catalogue has. */
const DIR = new URL('../../reference/channels/', import.meta.url);
const files = readdirSync(DIR).filter((f) => f.endsWith('.csv'));

const standards = parseCsvRecords(
  readFileSync(new URL('../../reference/catalogue/standards.csv', import.meta.url), 'utf8'),
);
if (!standards.ok) throw new Error('standards.csv does not parse');
const known = new Set(standards.value.map((r) => `${r.values.kind}:${r.values.code}`));

describe.runIf(files.length > 0)('shipped channel vocabularies', () => {
  it.each(files)('%s parses and maps every code to a catalogue category', (file) => {
    const v = parseVocabulary(file.replace(/\.csv$/, ''), readFileSync(new URL(file, DIR), 'utf8'));
    if (!v.ok) throw new Error(`${file} line ${v.error.line}: ${v.error.reason}`);
    expect(v.value.entries.length).toBeGreaterThan(0);
    const unknown = v.value.entries.filter((e) => !known.has(`${e.kind}:${e.categoryCode}`));
    expect(unknown.map((e) => e.code)).toEqual([]);
  });
});
