import { PINYIN_INITIALS } from './pinyin-table.gen.ts';

const LETTER_OF = new Map<string, string>();
for (const [letter, chars] of Object.entries(PINYIN_INITIALS))
  for (const ch of chars) LETTER_OF.set(ch, letter);

/**
 * The pinyin initials of a text: 井盖破损 → "jgps". Latin letters and digits are kept (lower
 * case); a Chinese character outside the table and any other sign are left out. Pure: the table
 * is data generated from the catalogue (scripts/gen-field-pinyin.ts).
 */
export function pinyinInitials(text: string): string {
  let out = '';
  for (const ch of text) {
    const l = LETTER_OF.get(ch);
    if (l !== undefined) out += l;
    else if (/[a-z0-9]/i.test(ch)) out += ch.toLowerCase();
  }
  return out;
}
