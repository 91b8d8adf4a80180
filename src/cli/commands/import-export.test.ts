import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../store/db.ts';
import { freshDb } from '../../../test/helpers/db.ts';
import { demoDeps } from '../../../test/helpers/demo.ts';
import { CITY, loadTinyCity } from '../../../test/fixtures/tiny-city.ts';
import { parseExportArgs, runExport } from './export.ts';
import { parseImportArgs, runImport } from './import.ts';

let db: Db;
let dir: string;
beforeAll(async () => {
  db = await freshDb();
  await loadTinyCity(db);
  dir = await mkdtemp(join(tmpdir(), 'gridloop-cli-'));
});
afterAll(async () => {
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

function capture() {
  const lines: string[] = [];
  return { lines, out: { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) } };
}

describe('gridloop import / export', () => {
  it.each([
    [['grids'], 'usage'],
    [['roads', 'a.csv'], 'usage'],
    [['grids', 'a.geojson', '--district', '5301'], '6 位'],
    [['grids', 'a.txt', '--format', 'xml'], 'usage'],
  ])('refuses the command line %j', (args, text) => {
    const r = parseImportArgs(args);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(text);
  });

  it('prints every problem in Chinese and English and exits 1 when the import is refused', async () => {
    const file = join(dir, 'bad.csv');
    await writeFile(
      file,
      `code,name_zh,wkt\n${CITY.empty}001,,"POLYGON ((102.62 25, 102.64 25, 102.64 25.02, 102.62 25))"\n`,
    );
    const a = parseImportArgs(['grids', file]);
    if (!a.ok) throw new Error(a.error);
    expect(a.value.format).toBe('csv');
    const { lines, out } = capture();
    expect(await runImport(demoDeps(db), a.value, out)).toBe(1);
    expect(lines[0]).toContain('导入被整体拒绝');
    expect(lines.slice(1).join('\n')).toContain(
      '#0 (行 line 2) [name_zh] field.missing: 缺少必填属性 name_zh / The required attribute name_zh is missing',
    );
    // A write from the command line is audited like one over HTTP.
    const audit = await db.query<{ method: string; route: string; status: number }>(
      `SELECT method, route, status FROM audit_log WHERE method = 'CLI' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit.rows[0]).toEqual({ method: 'CLI', route: 'gridloop import grids', status: 1 });
  });

  it('exports grids to a CSV file that a dry-run import of the same kind reads back', async () => {
    const file = join(dir, 'grids.csv');
    const a = parseExportArgs(['grids', '--district', CITY.district, '--out', file, '--bom']);
    if (!a.ok) throw new Error(a.error);
    const stream = createWriteStream(file);
    await runExport(demoDeps(db), a.value.input, stream);
    stream.end();
    await once(stream, 'finish');
    const text = await readFile(file, 'utf8');
    expect(text.startsWith('\uFEFFcode,name_zh,district_code')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(4);
    // The same grids again: every row is refused as already existing.
    const i = parseImportArgs(['grids', file, '--dry-run']);
    if (!i.ok) throw new Error(i.error);
    const { lines, out } = capture();
    expect(await runImport(demoDeps(db), i.value, out)).toBe(1);
    expect(lines.filter((l) => l.includes('code.exists'))).toHaveLength(3);
  });
});
