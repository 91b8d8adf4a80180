import { describe, expect, it } from 'vitest';
import { asStoreFault, faultOf, StoreFault } from '../../src/store/faults.ts';

/** One place tells faults of the database and the disk from errors in the data (store/faults.ts). */
describe('faultOf', () => {
  const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });
  it.each([
    ['57014', 'db.timeout'], // statement timeout (query_canceled)
    ['55P03', 'db.lock_timeout'], // lock_not_available
    ['57P01', 'db.unavailable'], // admin_shutdown, pg_terminate_backend
    ['57P03', 'db.unavailable'], // cannot_connect_now
    ['08006', 'db.unavailable'], // connection_failure
    ['53300', 'db.unavailable'], // too_many_connections
    ['53100', 'storage.full'], // disk_full
    ['ENOSPC', 'storage.full'],
    ['EDQUOT', 'storage.full'],
    ['ECONNREFUSED', 'db.unavailable'],
  ])('%s is %s', (code, fault) => {
    expect(faultOf(pgError(code))).toBe(fault);
    const wrapped = asStoreFault(pgError(code));
    expect(wrapped).toBeInstanceOf(StoreFault);
    // The SQLSTATE stays readable: code that tests class 22/23 is not fooled.
    expect((wrapped as StoreFault).code).toBe(code);
  });

  it.each(['23505', '22P02', 'XX000', '42P01', '40001'])(
    '%s (the statement or the data) is not a fault and passes unchanged',
    (code) => {
      const e = pgError(code);
      expect(faultOf(e)).toBeNull();
      expect(asStoreFault(e)).toBe(e);
    },
  );

  it('node-postgres messages without a code are connection faults', () => {
    expect(faultOf(new Error('Connection terminated unexpectedly'))).toBe('db.unavailable');
    expect(faultOf(new Error('timeout exceeded when trying to connect'))).toBe('db.unavailable');
    expect(
      faultOf(new Error('Client has encountered a connection error and is not queryable')),
    ).toBe('db.unavailable');
    expect(faultOf(new Error('something else'))).toBeNull();
  });
});
