export { ok, err, assertNever } from './result.ts';
export type { Ok, Err, Result } from './result.ts';
export type { DomainError } from './error.ts';
