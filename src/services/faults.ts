/**
 * Faults of the database and the disk as the service's callers see them (store/faults.ts): the
 * HTTP edge answers each kind with its own code instead of 500 `internal`.
 */
export { faultOf, StoreFault, type StoreFaultCode } from '../store/faults.ts';
