/**
 * Multi-row VALUES lists for batched writes: one statement (one round trip, one parse) for a whole
 * batch instead of one per row. `casts` holds one suffix per column (e.g. '::jsonb', or '' for
 * none), so the same SQL runs on PostgreSQL and PGlite without relying on type inference across
 * rows.
 */
export function valuesList(
  rows: readonly (readonly unknown[])[],
  casts: readonly string[],
  /** parameters already taken by an earlier part of the same statement */
  offset = 0,
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  for (const row of rows) {
    if (row.length !== casts.length) {
      throw new Error(`row has ${row.length} values for ${casts.length} columns`);
    }
    for (const v of row) params.push(v);
  }
  return { sql: placeholders(rows.length, casts, offset), params };
}

// Batches repeat their sizes, so the placeholder text of each (row count, casts) is made once.
const texts = new Map<string, string>();

function placeholders(rowCount: number, casts: readonly string[], offset: number): string {
  const key = `${rowCount}|${offset}|${casts.join('|')}`;
  let sql = texts.get(key);
  if (sql === undefined) {
    const tuples: string[] = [];
    for (let r = 0; r < rowCount; r++) {
      const base = offset + r * casts.length;
      tuples.push(`(${casts.map((cast, i) => `$${base + i + 1}${cast}`).join(', ')})`);
    }
    sql = tuples.join(',\n');
    if (texts.size < 10_000) texts.set(key, sql);
  }
  return sql;
}

/** PostgreSQL's limit on bind parameters in one statement. */
export const MAX_PARAMS = 65_535;

/**
 * Column arrays for `SELECT * FROM unnest($1::type[], ...)`: a whole batch in as many parameters
 * as it has columns, whatever its row count. Parsing and binding stay the same size however many
 * rows go in, which is what makes it faster than a VALUES list for thousands of rows.
 */
export function unnestColumns<T>(
  rows: readonly T[],
  columns: readonly (readonly [pgType: string, value: (row: T) => unknown])[],
  /** parameters already taken by an earlier part of the same statement */
  offset = 0,
): { sql: string; params: unknown[][] } {
  return {
    sql: `unnest(${columns.map(([t], i) => `$${offset + i + 1}::${t}[]`).join(', ')})`,
    params: columns.map(([, value]) => rows.map(value)),
  };
}
