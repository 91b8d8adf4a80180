import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCaseWorld, openCaseWorld } from '../../../test/helpers/app.ts';
import { OTHER, OWN, eventCount, reportInput, type CaseWorld } from '../../../test/factories.ts';
import { intakeReport } from '../intake/intake.ts';
import { openingBatchStats } from './case-opening-writer.ts';
import { reportCase } from './report-case.ts';

let w: CaseWorld;

beforeAll(async () => {
  w = await openCaseWorld();
}, 120_000);
afterAll(() => closeCaseWorld(w));

const sequenceOf = (caseNumber: string) => Number(caseNumber.split('-')[2]);

async function countCases(): Promise<number> {
  const r = await w.db.query<{ n: number | string }>('SELECT count(*) AS n FROM cases');
  return Number(r.rows[0]?.n ?? 0);
}

/** Reports submitted at once, with how many write transactions they took. */
async function together<T>(reports: readonly Promise<T>[]) {
  const before = openingBatchStats(w.deps);
  const answers = await Promise.all(reports);
  const after = openingBatchStats(w.deps);
  return { answers, transactions: after.batches - before.batches };
}

describe('opening cases in batches (group commit)', () => {
  it('gives concurrent reports in one district consecutive case numbers in fewer transactions than reports, each with its opening event', async () => {
    const inputs = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        reportInput(w, 'supervisor', { description: `并发上报 ${i}` }),
      ),
    );
    const { answers, transactions } = await together(inputs.map((i) => reportCase(w.deps, i)));
    expect(transactions).toBeLessThan(40);
    const cases = answers.map((a) => {
      if (!a.ok) throw new Error(a.error.code);
      return a.value.case;
    });
    const seqs = cases.map((c) => sequenceOf(c.caseNumber)).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(40);
    expect((seqs.at(-1) ?? 0) - (seqs[0] ?? 0)).toBe(39); // no gaps, no repeats
    // Each answer is the case its own report opened.
    expect(cases.map((c) => c.description).sort()).toEqual(inputs.map((i) => i.description).sort());
    for (const c of cases) expect(await eventCount(w.db, c.id)).toBe(1);
  });

  it('numbers each district of a mixed batch on its own sequence', async () => {
    const inputs = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        i % 2 === 0
          ? reportInput(w, 'supervisor', { districtCode: OWN })
          : reportInput(w, 'wh.supervisor', { districtCode: OTHER }),
      ),
    );
    const { answers } = await together(inputs.map((i) => reportCase(w.deps, i)));
    for (const district of [OWN, OTHER]) {
      const seqs = answers
        .flatMap((a) => (a.ok && a.value.case.districtCode === district ? [a.value.case] : []))
        .map((c) => sequenceOf(c.caseNumber))
        .sort((a, b) => a - b);
      expect(seqs).toHaveLength(6);
      expect((seqs.at(-1) ?? 0) - (seqs[0] ?? 0)).toBe(5);
    }
  });

  it('refuses a report with an unknown category without writing it, while the reports batched with it open without a gap in the numbers', async () => {
    const cases0 = await countCases();
    const good = await Promise.all(Array.from({ length: 6 }, () => reportInput(w, 'supervisor')));
    const bad = await reportInput(w, 'supervisor', { categoryCode: '99999' });
    const { answers, transactions } = await together([
      reportCase(w.deps, good[0]!),
      reportCase(w.deps, good[1]!),
      reportCase(w.deps, bad),
      ...good.slice(2).map((i) => reportCase(w.deps, i)),
    ]);
    expect(transactions).toBeLessThan(7);
    const refused = answers[2];
    expect(refused?.ok).toBe(false);
    if (refused && !refused.ok) expect(refused.error.code).toMatch(/^catalogue\./);
    const opened = answers.flatMap((a) => (a.ok ? [a.value.case] : []));
    expect(opened).toHaveLength(6);
    const seqs = opened.map((c) => sequenceOf(c.caseNumber)).sort((a, b) => a - b);
    expect((seqs.at(-1) ?? 0) - (seqs[0] ?? 0)).toBe(5);
    expect(await countCases()).toBe(cases0 + 6);
  });

  it('fails only the case the database refuses: the rest of its batch is written again one case per transaction', async () => {
    const cases0 = await countCases();
    const good = await Promise.all(Array.from({ length: 4 }, () => reportInput(w, 'supervisor')));
    // The domain accepts any text; PostgreSQL stores no NUL character in a text column.
    const refusedByDb = await reportInput(w, 'supervisor', { description: '井盖\u0000缺失' });
    const { answers, transactions } = await together(
      [good[0]!, good[1]!, refusedByDb, good[2]!, good[3]!].map((i) =>
        reportCase(w.deps, i).then(
          (r) => ({ ok: r.ok }),
          (e: unknown) => ({ thrown: String(e) }),
        ),
      ),
    );
    expect(transactions).toBeLessThan(5);
    expect(answers[2]).toEqual({ thrown: expect.stringMatching(/0x00|null character|NUL/i) });
    expect(answers.filter((a) => 'ok' in a && a.ok)).toHaveLength(4);
    expect(await countCases()).toBe(cases0 + 4);
  });

  it('opens one case for a key sent several times in one batch, and answers every copy with it', async () => {
    const cases0 = await countCases();
    const input = await reportInput(w, 'supervisor');
    const blocker = reportCase(w.deps, await reportInput(w, 'supervisor'));
    const copies = Array.from({ length: 4 }, () =>
      intakeReport(w.deps, { ...input, idempotencyKey: 'phone-retry-1' }),
    );
    await blocker;
    const answers = await Promise.all(copies);
    const ids = answers.map((a) => {
      if (!a.ok) throw new Error(a.error.code);
      return a.value.case.id;
    });
    expect(new Set(ids).size).toBe(1);
    expect(answers.filter((a) => a.ok && !a.value.replayed)).toHaveLength(1);
    expect(await countCases()).toBe(cases0 + 2); // the blocker and the keyed case
  });
});
