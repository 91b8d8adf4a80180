import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDb } from '../../../test/helpers/db.ts';
import { testDeps } from '../../../test/helpers/deps.ts';
import type { Db } from '../../store/db.ts';
import type { Deps } from '../deps.ts';
import { syncReferenceData } from '../reference/sync-reference-data.ts';
import {
  getCategory,
  getEffectiveStandard,
  listCategories,
  listMappings,
} from './query-catalogue.ts';
import { setCategoryOverride } from './set-category-override.ts';

const NOW = new Date('2026-11-24T02:00:00Z');
const WUHUA = '530102';
const PANLONG = '530103';

describe('catalogue services', () => {
  let db: Db;
  let deps: Deps;
  beforeAll(async () => {
    db = await freshDb();
    deps = testDeps(db, NOW);
  });
  afterAll(async () => {
    await db.close();
  });

  it('ships GB/T 47678.5-2026 with 153 components and 250 matters, and the legacy rows', async () => {
    const counts = await db.query<{ scheme_id: string; kind: string; n: number }>(
      'SELECT scheme_id, kind, count(*)::int AS n FROM categories GROUP BY 1, 2 ORDER BY 1, 2',
    );
    expect(counts.rows).toEqual([
      { scheme_id: 'cjt214-chaoyang', kind: 'component', n: 100 },
      { scheme_id: 'cjt214-chaoyang', kind: 'event', n: 88 },
      { scheme_id: 'cjt214-miniprogram', kind: 'event', n: 54 },
      { scheme_id: 'gbt47678.5-2026', kind: 'component', n: 153 },
      { scheme_id: 'gbt47678.5-2026', kind: 'event', n: 250 },
    ]);
    const standards = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM category_standards',
    );
    expect(standards.rows[0]?.n).toBe(645);
  });

  it('loads the shipped data idempotently: unchanged files are skipped, a forced reload changes nothing', async () => {
    const snapshot = () =>
      db.query(
        'SELECT * FROM categories NATURAL JOIN category_standards ORDER BY scheme_id, kind, code',
      );
    const before = await snapshot();
    const again = await syncReferenceData(deps);
    expect(again.catalogue.applied).toBe(false);
    const forced = await syncReferenceData(deps, { force: true });
    expect(forced.catalogue).toMatchObject({
      applied: true,
      counts: { schemes: 3, categories: 645, standards: 645, mappings: 109 },
    });
    expect((await snapshot()).rows).toEqual(before.rows);
  });

  it('keeps where each category came from and how sure it is', async () => {
    const r = await getCategory(deps, { kind: 'component', code: '01001' });
    expect(r.ok && r.value.category).toMatchObject({
      nameZh: '供水井盖',
      nameEn: 'water supply manhole cover',
      provenance: {
        standard: 'GB/T 47678.5-2026 管理部件',
        confirmed: 'transcribed (not checked against official text)',
      },
    });
    expect(r.ok && r.value.category.provenance.source).toContain(
      'Jackyhellolove/city-inspection-ai',
    );
    expect(r.ok && r.value.standard.provenance).toContain('gridloop default (unconfirmed)');
  });

  it('uses a local example for the 一般 limit of 暴露垃圾 and says where it comes from', async () => {
    const r = await getEffectiveStandard(deps, { kind: 'event', code: '06010' });
    expect(r.ok && r.value.timeLimits.normal).toEqual({ amount: 1, unit: 'working_days' });
    expect(r.ok && r.value.provenance).toContain('P-jiyuan');
  });

  it('changes the effective time limit for the overriding district only', async () => {
    const set = await setCategoryOverride(deps, {
      districtCode: WUHUA,
      kind: 'event',
      code: '06010',
      override: {
        timeLimits: { normal: { amount: 6, unit: 'working_hours' } },
        note: '五华区标准',
      },
    });
    expect(set.ok).toBe(true);
    const wuhua = await getEffectiveStandard(deps, {
      districtCode: WUHUA,
      kind: 'event',
      code: '06010',
    });
    const panlong = await getEffectiveStandard(deps, {
      districtCode: PANLONG,
      kind: 'event',
      code: '06010',
    });
    expect(wuhua.ok && wuhua.value.timeLimits.normal).toEqual({ amount: 6, unit: 'working_hours' });
    expect(wuhua.ok && wuhua.value.overridden).toEqual(['timeLimits.normal']);
    expect(panlong.ok && panlong.value.timeLimits.normal).toEqual({
      amount: 1,
      unit: 'working_days',
    });
    expect(panlong.ok && panlong.value.overridden).toEqual([]);
  });

  it('refuses invalid overrides and writes nothing', async () => {
    const count = async () =>
      (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM category_overrides')).rows[0]
        ?.n;
    const before = await count();
    const badUnit = await setCategoryOverride(deps, {
      districtCode: PANLONG,
      kind: 'event',
      code: '06012',
      override: { enabled: false, timeLimits: { normal: { amount: 3, unit: 'fortnights' } } },
    });
    const badAmount = await setCategoryOverride(deps, {
      districtCode: PANLONG,
      kind: 'event',
      code: '06012',
      override: { timeLimits: { urgent: { amount: 0, unit: 'calendar_hours' } } },
    });
    const unknown = await setCategoryOverride(deps, {
      districtCode: PANLONG,
      kind: 'event',
      code: '06099',
      override: { enabled: false },
    });
    expect(badUnit).toMatchObject({ ok: false, error: { code: 'catalogue.invalid_time_limit' } });
    expect(badAmount).toMatchObject({ ok: false, error: { code: 'catalogue.invalid_time_limit' } });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'catalogue.unknown_category' } });
    expect(await count()).toBe(before);
  });

  it('leaves a category a district disabled out of that district’s list only', async () => {
    await setCategoryOverride(deps, {
      districtCode: PANLONG,
      kind: 'event',
      code: '10001',
      override: { enabled: false, note: '昆明少雪' },
    });
    const codes = async (districtCode?: string) => {
      const r = await listCategories(deps, { kind: 'event', bigCode: '10', districtCode });
      return r.ok ? r.value.map((c) => c.code) : [];
    };
    expect(await codes(PANLONG)).toEqual(['10002']);
    expect(await codes(WUHUA)).toEqual(['10001', '10002']);
  });

  it('maps a legacy code to the current one where a mapping is justified', async () => {
    const [cover] = await listMappings(deps, {
      legacyScheme: 'cjt214-chaoyang',
      kind: 'component',
      code: '0101',
    });
    expect(cover).toMatchObject({ current: { code: '01001' }, basis: 'order_and_synonym' });
    const r = await getCategory(deps, {
      scheme: 'cjt214-miniprogram',
      kind: 'event',
      code: '0102',
    });
    expect(r.ok && r.value.mapsTo?.current).toEqual({
      scheme: 'gbt47678.5-2026',
      kind: 'event',
      code: '06010',
    });
    const unmapped = await getCategory(deps, {
      scheme: 'cjt214-chaoyang',
      kind: 'event',
      code: '0101',
    });
    expect(unmapped.ok && unmapped.value.mapsTo).toBeNull();
  });

  it('tells a legacy-shaped code asked of the current scheme from an absent one', async () => {
    expect(await getCategory(deps, { kind: 'event', code: '0102' })).toMatchObject({
      ok: false,
      error: { code: 'catalogue.invalid_code', details: { family: 'current' } },
    });
    expect(await getEffectiveStandard(deps, { kind: 'event', code: '06031' })).toMatchObject({
      ok: false,
      error: { code: 'catalogue.unknown_category' },
    });
  });

  it('reports an unknown scheme', async () => {
    expect(await listCategories(deps, { scheme: 'gb-9999' })).toMatchObject({
      ok: false,
      error: { code: 'catalogue.unknown_scheme' },
    });
  });
});
