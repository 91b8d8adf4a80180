/**
 * Multi-row VALUES lists for batched writes: one statement (one round trip, one parse) for a whole
 * batch instead of one per row. `casts` holds one suffix per column (e.g. '::jsonb', or '' for
 * none), so the same SQL runs on PostgreSQL and PGlite without relying on type inference across
 * rows.
 */
export function valuesList(
  rows: readonly (readonly unknown[])[],
  casts: readonly string[],
): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const tuples = rows.map((row) => {
    if (row.length !== casts.length) {
      throw new Error(`row has ${row.length} values for ${casts.length} columns`);
    }
    const cells = row.map((v, i) => {
      params.push(v);
      return `$${params.length}${casts[i] ?? ''}`;
    });
    return `(${cells.join(', ')})`;
  });
  return { sql: tuples.join(',\n'), params };
}

/** PostgreSQL's limit on bind parameters in one statement. */
export const MAX_PARAMS = 65_535;
