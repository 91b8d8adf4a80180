import type { DomainError } from '../../domain/shared/index.ts';
import { ACCESS_ERRORS } from './access.ts';
import { BASE_DATA_ERRORS } from './base-data.ts';
import { CALENDAR_ERRORS } from './calendar.ts';
import { CASE_ERRORS } from './cases.ts';
import { CATALOGUE_ERRORS } from './catalogue.ts';
import { COMMON_ERRORS } from './common.ts';
import { DISPATCH_ERRORS } from './dispatch.ts';
import { FAULT_ERRORS } from './faults.ts';
import { FILE_ERRORS } from './files.ts';
import { GEO_ERRORS } from './geo.ts';
import { INTAKE_ERRORS } from './intake.ts';
import type { ErrorSpec } from './spec.ts';

/**
 * The one registry of error codes (STYLE.md §4.4). Each module adds its own
 * `Record<ModuleErrorCode, ErrorSpec>` here, so a code without a message fails to compile.
 */
export const ERRORS: Readonly<Record<string, ErrorSpec>> = {
  ...COMMON_ERRORS,
  ...BASE_DATA_ERRORS,
  ...GEO_ERRORS,
  ...ACCESS_ERRORS,
  ...CALENDAR_ERRORS,
  ...CATALOGUE_ERRORS,
  ...CASE_ERRORS,
  ...DISPATCH_ERRORS,
  ...INTAKE_ERRORS,
  ...FILE_ERRORS,
  ...FAULT_ERRORS,
};

export type ErrorBody = {
  code: string;
  message: { zh: string; en: string };
  details?: Record<string, unknown> | undefined;
};

/** Presents a domain error as the HTTP body `{ code, message: {zh, en}, details }` and its status. */
export function presentError(e: DomainError): { status: number; body: ErrorBody } {
  const spec = ERRORS[e.code] ?? COMMON_ERRORS.internal;
  return {
    status: spec.status,
    body: { code: e.code, message: { zh: spec.zh, en: spec.en }, details: e.details },
  };
}
