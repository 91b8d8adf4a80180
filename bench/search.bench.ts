/**
 * Two-character text search (井盖) on the case list: the two-character grams (migration 0251,
 * GIN on (district_code, text_bigrams), ILIKE as the final check) against the path before it
 * (each case of the list tested in list order), on the same rows, first page of 50, one
 * district, newest first.
 *
 *   npm run bench:search [-- --cases 200000 --rare 0.001]
 *
 * Runs on PostgreSQL (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres)
 * in a scratch database it drops afterwards. The cases are one opened through intake and cloned
 * in SQL (so the grams' trigger fills every row); `--rare` is the share whose description holds
 * 井盖, the rest draw from other two-character words.
 * Ends with: RESULT search cases=N rare_matches=N grams_p50_ms=X grams_p95_ms=X scan_p50_ms=X scan_p95_ms=X speedup=X
 */
import { parseArgs } from 'node:util';
import { intake } from '../src/services/intake/intake.ts';
import { listCases, type CaseListFilter } from '../src/store/case-list.store.ts';
import { openPostgres } from '../src/store/postgres.ts';
import { benchDeps, loadBenchCity, machineLine, scratchDatabase } from './setup.ts';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '200000' },
    rare: { type: 'string', default: '0.001' },
    runs: { type: 'string', default: '20' },
  },
});
const N = Number(values.cases);
const RARE = Number(values.rare);
const RUNS = Number(values.runs);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

async function main(): Promise<void> {
  console.log(machineLine());
  const scratch = await scratchDatabase(ADMIN_URL, 'gridloop_search_bench');
  const db = openPostgres(scratch.url, 4);
  try {
    await loadBenchCity(scratch.url);
    const deps = benchDeps(db);
    const where = await db.query<{ district: string; lng: number; lat: number }>(
      `SELECT district_code AS district, ST_X(ST_PointOnSurface(geom)) AS lng,
         ST_Y(ST_PointOnSurface(geom)) AS lat FROM grids ORDER BY code LIMIT 1`,
    );
    const cat = await db.query<{ kind: 'event' | 'component'; code: string }>(
      `SELECT c.kind, c.code FROM categories c
       JOIN category_schemes s ON s.id = c.scheme_id AND s.is_default
       JOIN category_standards t ON t.scheme_id = c.scheme_id AND t.kind = c.kind AND t.code = c.code
       ORDER BY c.code LIMIT 1`,
    );
    const at = where.rows[0];
    const category = cat.rows[0];
    if (!at || !category) throw new Error('the bench city has no grid or category');
    const seed = await intake(deps, {
      channel: 'open311',
      externalRef: null,
      origin: { kind: 'client', clientId: 'bench', clientName: 'bench' },
      kind: category.kind,
      categoryCode: category.code,
      urgency: null,
      location: { lng: at.lng, lat: at.lat },
      description: '路灯不亮',
    });
    if (!seed.ok) throw new Error(JSON.stringify(seed.error));
    const cols = await db.query<{ c: string }>(
      `SELECT column_name AS c FROM information_schema.columns
       WHERE table_name = 'cases' AND is_generated = 'NEVER' AND column_name <> 'text_bigrams'
       ORDER BY ordinal_position`,
    );
    const expr: Record<string, string> = {
      id: `md5('bench' || s)::uuid::text`,
      case_number: `substr(c.case_number, 1, 16) || lpad((s + 1)::text, 8, '0')`,
      created_at: `c.created_at - s * interval '1 minute'`,
      updated_at: `c.created_at - s * interval '1 minute'`,
      description: `CASE WHEN abs(hashint4(s)) % 1000000 < ${Math.round(RARE * 1_000_000)}
        THEN '人行道井盖缺失，请尽快处理'
        ELSE (ARRAY['路灯','垃圾','积水','占道','护栏','树木','广告','车辆'])[1 + abs(hashint4(s + 7)) % 8]
          || (ARRAY['损坏','满溢','倾斜','污损','堆放','经营'])[1 + abs(hashint4(s + 11)) % 6]
          || '，请尽快处理' END`,
    };
    const names = cols.rows.map((r) => r.c);
    const t0 = Date.now();
    for (let lo = 1; lo <= N; lo += 50_000) {
      const hi = Math.min(N, lo + 49_999);
      await db.query(
        `INSERT INTO cases (${names.join(', ')})
         SELECT ${names.map((n) => expr[n] ?? `c.${n}`).join(', ')}
         FROM cases c CROSS JOIN generate_series(${lo}, ${hi}) s WHERE c.id = $1`,
        [seed.value.case.id],
      );
    }
    await db.query('ANALYZE cases');
    const rare = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM cases WHERE description LIKE '%井盖%'`,
    );
    console.log(`loaded ${N.toLocaleString('en')} cases in ${Date.now() - t0} ms`);
    const filter = (textGrams: boolean): CaseListFilter => ({
      scope: { kind: 'all' },
      districtCode: at.district.trim(),
      text: '井盖',
      textGrams,
      sort: 'reported_desc',
      limit: 50,
    });
    const measure = async (textGrams: boolean) => {
      const ms: number[] = [];
      let found = 0;
      for (let i = 0; i < RUNS + 2; i++) {
        const s = process.hrtime.bigint();
        const page = await listCases(db, filter(textGrams));
        const t = Number(process.hrtime.bigint() - s) / 1e6;
        found = page.items.length;
        if (i >= 2) ms.push(t); // two warm-up runs
      }
      return { ms, found };
    };
    const grams = await measure(true);
    const scan = await measure(false);
    if (grams.found !== scan.found)
      throw new Error(`grams found ${grams.found}, scan ${scan.found}`);
    const g50 = pct(grams.ms, 50);
    const s50 = pct(scan.ms, 50);
    console.log(machineLine());
    console.log(
      `RESULT search cases=${N + 1} rare_matches=${rare.rows[0]?.n ?? 0} grams_p50_ms=${g50.toFixed(1)} grams_p95_ms=${pct(grams.ms, 95).toFixed(1)} scan_p50_ms=${s50.toFixed(1)} scan_p95_ms=${pct(scan.ms, 95).toFixed(1)} speedup=${(s50 / g50).toFixed(1)}`,
    );
  } finally {
    await db.close();
    await scratch.drop();
  }
}

await main();
