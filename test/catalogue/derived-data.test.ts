import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { deriveFromReferenceDir } from '../../scripts/derive-catalogue.ts';

const DIR = new URL('../../reference/catalogue/', import.meta.url);
const shipped = (f: string) => readFileSync(new URL(f, DIR), 'utf8');

describe('shipped catalogue data', () => {
  it('holds exactly the standards and mappings the derivation rules give (run scripts/derive-catalogue.ts)', () => {
    const derived = deriveFromReferenceDir();
    expect(shipped('standards.csv')).toBe(derived.standards);
    expect(shipped('mappings.csv')).toBe(derived.mappings);
  });

  it('marks every default standard as unconfirmed or names the local source of its limit', () => {
    const rows = shipped('standards.csv').split('\n').slice(1).filter(Boolean);
    expect(rows).toHaveLength(645);
    for (const row of rows) expect(row).toMatch(/gridloop default \(unconfirmed\)/);
    expect(rows.filter((r) => r.includes('P-jiyuan')).length).toBeGreaterThan(0);
  });
});
