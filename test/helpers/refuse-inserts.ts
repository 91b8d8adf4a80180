import type { Db } from '../../src/store/db.ts';

/**
 * Fault injection: every INSERT into `table` fails as the disk being full would (SQLSTATE 53100,
 * which both drivers turn into the `storage.full` fault of services/faults.ts) until the returned
 * function lifts it. Works on PGlite and PostgreSQL alike (a PL/pgSQL trigger).
 */
export async function refuseInserts(db: Db, table: string): Promise<() => Promise<void>> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`not a table name: ${table}`);
  const fn = `refuse_insert_${table}`;
  await db.exec(`
    CREATE OR REPLACE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'injected fault: % refused', TG_TABLE_NAME USING ERRCODE = '53100'; END $$;
    CREATE TRIGGER ${fn} BEFORE INSERT ON ${table} FOR EACH ROW EXECUTE FUNCTION ${fn}();`);
  return async () => {
    await db.exec(`DROP TRIGGER ${fn} ON ${table}; DROP FUNCTION ${fn}();`);
  };
}
