/**
 * Fills the `pinyin_initials` column of reference/channels/portal-categories.csv (the portal's
 * plain words) from each row's Chinese name and keywords, so citizens find 井盖 by typing "jg".
 * Run at generation time only; nothing is computed or downloaded at run time:
 *
 *   npm install --no-save pinyin-pro@3 && npx tsx scripts/gen-portal-pinyin.ts
 *
 * (or PINYIN_PRO=/path/to/node_modules/pinyin-pro/dist/index.mjs to use a copy elsewhere).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { csvCell, parseCsvRecords } from '../src/domain/shared/index.ts';

type PinyinPro = {
  readonly pinyin: (
    text: string,
    opts: { pattern: 'first'; toneType: 'none'; type: 'array' },
  ) => string[];
};

const target = new URL('../reference/channels/portal-categories.csv', import.meta.url);
// The specifier is a variable so the type check does not need the package installed.
const specifier = process.env.PINYIN_PRO ?? 'pinyin-pro';
const { pinyin } = (await import(specifier)) as PinyinPro;

/** 井盖破损 → "jgps"; letters and digits are kept, other characters dropped. */
const initials = (text: string): string =>
  pinyin(text, { pattern: 'first', toneType: 'none', type: 'array' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

const text = readFileSync(target, 'utf8');
const records = parseCsvRecords(text);
if (!records.ok) throw new Error(`line ${records.error.line}: ${records.error.reason}`);
const header = text.slice(0, text.indexOf('\n')).split(',');
const lines = records.value.map((r) => {
  const words = [r.values.name_zh ?? '', ...(r.values.keywords ?? '').split(';')];
  const values = {
    ...r.values,
    pinyin_initials: [...new Set(words.filter((w) => w !== '').map(initials))].join(';'),
  };
  return header.map((h) => csvCell(values[h as keyof typeof values])).join(',');
});
writeFileSync(target, [header.join(','), ...lines].join('\n') + '\n');
console.log(`wrote ${records.value.length} rows to ${target.pathname}`);
