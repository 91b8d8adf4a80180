import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listCases, type CaseListFilter } from '../../src/store/case-list.store.ts';
import type { Db } from '../../src/store/db.ts';
import { caseWorld, OWN, openTestCase, type CaseWorld } from '../factories.ts';
import { freshDb } from '../helpers/db.ts';

/**
 * Two-character text (井盖) is found through the cases' two-character grams (migration 0251)
 * with ILIKE as the final check: the answer equals testing every case, for Chinese, Latin
 * letters in either case, digits and texts around punctuation; the grams follow an edit of the
 * address or description; and the (district_code, grams) index can answer it.
 */
let db: Db;
let w: CaseWorld;

const TEXTS = [
  '东路井盖缺失，需尽快处理',
  '井 盖分开写的不算',
  '路灯不亮AB段',
  'ab-12号井盖',
  '窨井盖板破损',
  '垃圾满溢。盖子丢失',
  'Road 12 manhole',
];

beforeAll(async () => {
  db = await freshDb();
  w = await caseWorld(db);
  for (const description of TEXTS) await openTestCase(w, 'supervisor', { description });
}, 120_000);
afterAll(async () => {
  await w?.app.close();
  await db?.close();
});

const filter = (text: string, textGrams: boolean): CaseListFilter => ({
  scope: { kind: 'all' },
  districtCode: OWN,
  text,
  textGrams,
  sort: 'reported_desc',
  limit: 200,
});
const ids = async (text: string, textGrams: boolean) =>
  (await listCases(db, filter(text, textGrams))).items.map((c) => c.id).sort();

describe('two-character text by grams', () => {
  it.each(['井盖', 'ab', 'AB', '12', '盖子', '盖板', '路灯', 'ro', '。盖', '井 '])(
    '%s finds what testing every case finds',
    async (text) => {
      expect(await ids(text, true)).toEqual(await ids(text, false));
    },
  );

  it('finds 井盖 in three cases and not where the characters are apart', async () => {
    const found = await listCases(db, filter('井盖', true));
    expect(found.items.map((c) => c.description).sort()).toEqual(
      ['东路井盖缺失，需尽快处理', 'ab-12号井盖', '窨井盖板破损'].sort(),
    );
  });

  it('keeps the grams with the text: an edited description is found by its new words only', async () => {
    const c = await openTestCase(w, 'supervisor', { description: '树木倒伏' });
    expect(await ids('倒伏', true)).toContain(c.id);
    await db.query(`UPDATE cases SET description = '护栏损坏' WHERE id = $1`, [c.id]);
    expect(await ids('倒伏', true)).not.toContain(c.id);
    expect(await ids('护栏', true)).toContain(c.id);
  });

  it('can be answered from the (district_code, grams) index', async () => {
    const plan = await db.transaction(async (tx) => {
      // A handful of rows: the planner would read them all.
      await tx.query('SET LOCAL enable_seqscan = off');
      const r = await tx.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT id FROM cases
         WHERE district_code = $1 AND text_bigrams @> case_text_bigrams($2::text)`,
        [OWN, '井盖'],
      );
      // The same without the district, which the btree indexes would otherwise answer.
      const g = await tx.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT id FROM cases WHERE text_bigrams @> case_text_bigrams($1::text)`,
        ['井盖'],
      );
      return [...r.rows, ...g.rows].map((x) => x['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('cases_text_bigrams_idx');
  });
});
