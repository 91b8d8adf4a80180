import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvLine, formatCsv, parseCsv, parseCsvRecords } from './index.ts';

describe('the shared CSV parser', () => {
  it('reads back whatever csvLine writes, one row per line', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '中', ',', '"', '\n', '\r', ' ', 'x') });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 5 }), { maxLength: 5 }),
        (rows) => {
          const parsed = parseCsv(rows.map(csvLine).join(''));
          expect(parsed.ok).toBe(true);
          if (parsed.ok) expect(parsed.value.map((r) => r.cells)).toEqual(rows);
        },
      ),
    );
  });

  it('numbers rows by the line they start on, across quoted line breaks and blank lines', () => {
    const r = parseCsv('\uFEFFa,b\r\n"x\ny",1\n\n"z",2\r3,4');
    expect(r).toEqual({
      ok: true,
      value: [
        { line: 1, cells: ['a', 'b'] },
        { line: 2, cells: ['x\ny', '1'] },
        { line: 5, cells: ['z', '2'] },
        { line: 6, cells: ['3', '4'] },
      ],
    });
  });

  it('names the line of an unterminated quote and of a row with the wrong width', () => {
    expect(parseCsv('a\n\n"open\n')).toMatchObject({ ok: false, error: { line: 3 } });
    expect(parseCsvRecords('a,b\n1,2\n3\n')).toMatchObject({ ok: false, error: { line: 3 } });
  });

  it('keys records by the header and writes them back with formatCsv', () => {
    const text = formatCsv(['a', 'b'], [{ a: 'x, y', b: 'say "hi"' }]);
    const r = parseCsvRecords(text);
    expect(r).toEqual({ ok: true, value: [{ line: 2, values: { a: 'x, y', b: 'say "hi"' } }] });
  });
});
