import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

describe('toCsv', () => {
  it('starts with a BOM, ends lines with CRLF and quotes what needs quoting', () => {
    const csv = toCsv(
      ['a', 'b'],
      [
        ['井盖, 破损', 'say "hi"'],
        [1, null],
        ['line\nbreak', true],
      ],
    );
    expect(csv).toBe('\uFEFFa,b\r\n"井盖, 破损","say ""hi"""\r\n1,\r\n"line\nbreak",true\r\n');
  });

  it('defuses cells that a spreadsheet would run as formulas', () => {
    expect(toCsv(['x'], [['=HYPERLINK("http://x")'], ['+1'], ['-2'], ['@a'], ['ok']])).toBe(
      '\uFEFFx\r\n"\'=HYPERLINK(""http://x"")"\r\n\'+1\r\n\'-2\r\n\'@a\r\nok\r\n',
    );
  });
});
