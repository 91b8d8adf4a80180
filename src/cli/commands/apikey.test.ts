import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admitClient } from '../../services/apikeys/api-keys.ts';
import type { Db } from '../../store/db.ts';
import { freshDb } from '../../../test/helpers/db.ts';
import { demoDeps } from '../../../test/helpers/demo.ts';
import { parseApikeyArgs, runApikey, type ApikeyArgs } from './apikey.ts';

let db: Db;
beforeAll(async () => {
  db = await freshDb();
}, 300_000);
afterAll(() => db.close());

async function run(args: string[]) {
  const lines: string[] = [];
  const parsed = parseApikeyArgs(args);
  if (parsed === null) return { code: 2, lines };
  const out = { log: (l: string) => lines.push(l), error: (l: string) => lines.push(l) };
  return { code: await runApikey(demoDeps(db), parsed, out), lines };
}

describe('gridloop apikey', () => {
  it.each([
    [[]],
    [['add']],
    [['revoke']],
    [['list', 'x']],
    [['list', '--rate', '5']],
    [['drop', 'x']],
  ])('refuses the command line %j with the usage', (args) => {
    expect(parseApikeyArgs(args)).toBeNull();
  });

  it('reads a client name of several words and its rate', () => {
    expect(parseApikeyArgs(['add', '市民', 'App', '--rate', '120'])).toEqual<ApikeyArgs>({
      sub: 'add',
      name: '市民 App',
      rate: 120,
      scope: undefined,
    });
    expect(
      parseApikeyArgs(['add', '--scope', 'hotline_exchange', '12345', '平台']),
    ).toEqual<ApikeyArgs>({
      sub: 'add',
      name: '12345 平台',
      rate: undefined,
      scope: 'hotline_exchange',
    });
    expect(parseApikeyArgs(['add', 'x', '--scope'])).toBeNull();
    expect(parseApikeyArgs(['list', '--scope', 'open311'])).toBeNull();
  });

  it('prints a new key once; the key admits its client; list never shows it; revoke shuts it out', async () => {
    const add = await run(['add', '区政务App', '--rate', '30']);
    expect(add.code).toBe(0);
    const key = /shown once: (\S+)$/.exec(add.lines[1] ?? '')?.[1] ?? '';
    const id = /created (\S+) for 区政务App/.exec(add.lines[0] ?? '')?.[1] ?? '';
    expect(key.length).toBeGreaterThan(30);
    const admitted = await admitClient(demoDeps(db), key, 'open311');
    expect(admitted).toEqual({ ok: true, value: { clientId: id, clientName: '区政务App' } });
    // An Open311 key (the default scope) does not open the hotline exchange.
    const elsewhere = await admitClient(demoDeps(db), key, 'hotline_exchange');
    expect(elsewhere.ok ? null : elsewhere.error.code).toBe('api_key.wrong_scope');

    const list = await run(['list']);
    expect(list.lines.join('\n')).not.toContain(key);
    expect(list.lines.find((l) => l.startsWith(id))).toMatch(/\topen311\t.*\t30\/min\tactive$/);

    expect((await run(['revoke', id])).code).toBe(0);
    expect((await run(['list'])).lines.find((l) => l.startsWith(id))).toMatch(/\trevoked /);
    const refused = await admitClient(demoDeps(db), key, 'open311');
    expect(refused.ok ? null : refused.error.code).toBe('api_key.revoked');

    const audit = await db.query<{ route: string; status: number }>(
      `SELECT route, status FROM audit_log WHERE method = 'CLI' ORDER BY id`,
    );
    expect(audit.rows.map((r) => r.route)).toEqual([
      'gridloop apikey add',
      'gridloop apikey revoke',
    ]);
  });

  it('fails with exit code 1 and the reason on a bad rate or an unknown key id, and audits the attempt', async () => {
    for (const rate of ['0', 'lots', '1e3', '100001']) {
      const r = await run(['add', 'x', '--rate', rate]);
      expect(r.code).toBe(1);
      expect(r.lines[0]).toContain('api_key.invalid_input');
    }
    const r = await run(['revoke', 'no-such-key']);
    expect(r.code).toBe(1);
    expect(r.lines[0]).toContain('api_key.not_found');
    const failed = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE method = 'CLI' AND status <> 0`,
    );
    expect(failed.rows[0]?.n).toBe(5);
  });
  it('makes a key for the 12345 platform exchange that admits only there', async () => {
    const add = await run(['add', '12345 平台', '--scope', 'hotline_exchange']);
    expect(add.code).toBe(0);
    expect(add.lines[0]).toContain('(scope hotline_exchange)');
    const key = /shown once: (\S+)$/.exec(add.lines[1] ?? '')?.[1] ?? '';
    expect((await admitClient(demoDeps(db), key, 'hotline_exchange')).ok).toBe(true);
    const o311 = await admitClient(demoDeps(db), key, 'open311');
    expect(o311.ok ? null : o311.error.code).toBe('api_key.wrong_scope');
    const bad = await run(['add', 'x', '--scope', 'sms']);
    expect(bad.code).toBe(1);
    expect(bad.lines[0]).toContain('api_key.invalid_input');
  });
});
