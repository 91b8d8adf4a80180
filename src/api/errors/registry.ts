import type { DomainError } from '../../domain/shared/index.ts';
import { ACCESS_ERRORS } from './access.ts';
import { ASSESSMENT_ERRORS } from './assessment.ts';
import { BASE_DATA_ERRORS } from './base-data.ts';
import { CALENDAR_ERRORS } from './calendar.ts';
import { CASE_ERRORS } from './cases.ts';
import { CATALOGUE_ERRORS } from './catalogue.ts';
import { COMMON_ERRORS } from './common.ts';
import { DISPATCH_ERRORS } from './dispatch.ts';
import { FAULT_ERRORS } from './faults.ts';
import { FILE_ERRORS } from './files.ts';
import { GEO_ERRORS, GEOCODE_ERRORS } from './geo.ts';
import { HOTLINE_ERRORS } from './hotline.ts';
import { INTAKE_ERRORS } from './intake.ts';
import { OPEN311_ERRORS } from './open311.ts';
import { PATROL_ERRORS } from './patrol.ts';
import { PORTAL_ERRORS } from './portal.ts';
import type { ErrorSpec } from './spec.ts';
import { WHISTLE_ERRORS } from './whistle.ts';

/**
 * The one registry of error codes (STYLE.md §4.4). Each module adds its own
 * `Record<ModuleErrorCode, ErrorSpec>` here, so a code without a message fails to compile.
 */
export const ERRORS: Readonly<Record<string, ErrorSpec>> = {
  ...COMMON_ERRORS,
  ...BASE_DATA_ERRORS,
  ...GEO_ERRORS,
  ...GEOCODE_ERRORS,
  ...ACCESS_ERRORS,
  ...CALENDAR_ERRORS,
  ...CATALOGUE_ERRORS,
  ...CASE_ERRORS,
  ...DISPATCH_ERRORS,
  ...INTAKE_ERRORS,
  ...OPEN311_ERRORS,
  ...PORTAL_ERRORS,
  ...FILE_ERRORS,
  ...FAULT_ERRORS,
  ...ASSESSMENT_ERRORS,
  ...WHISTLE_ERRORS,
  ...HOTLINE_ERRORS,
  ...PATROL_ERRORS,
};

export type ErrorBody = {
  code: string;
  message: { zh: string; en: string };
  details?: Record<string, unknown> | undefined;
};

/**
 * What an error may echo of the request: an error names where the input went wrong, it never
 * carries the input back (a megabyte field, a megabyte key or URL). Strings longer than
 * MAX_ECHO_CHARS are cut (ending in …), arrays keep their first MAX_ECHO_ITEMS entries, objects
 * their first MAX_ECHO_KEYS keys, nesting stops at MAX_ECHO_DEPTH. The limits sit above what a
 * refusal lists by design (an import's problems, up to 1,000).
 */
export const ECHO_LIMITS = {
  MAX_ECHO_CHARS: 200,
  MAX_ECHO_ITEMS: 1000,
  MAX_ECHO_KEYS: 50,
  MAX_ECHO_DEPTH: 6,
} as const;

function capped(v: unknown, depth: number): unknown {
  if (typeof v === 'string') {
    // Cut on a code point, so no half of a surrogate pair is left at the end.
    if (v.length <= ECHO_LIMITS.MAX_ECHO_CHARS) return v;
    return `${Array.from(v.slice(0, ECHO_LIMITS.MAX_ECHO_CHARS)).slice(0, -1).join('')}…`;
  }
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof Date) return v.toISOString();
  if (depth >= ECHO_LIMITS.MAX_ECHO_DEPTH) return '…';
  if (Array.isArray(v)) {
    return v.slice(0, ECHO_LIMITS.MAX_ECHO_ITEMS).map((item) => capped(item, depth + 1));
  }
  return Object.fromEntries(
    Object.entries(v)
      .slice(0, ECHO_LIMITS.MAX_ECHO_KEYS)
      .map(([k, item]) => [capped(k, depth + 1) as string, capped(item, depth + 1)]),
  );
}

/** The details of an error within ECHO_LIMITS (see there). */
export function cappedDetails(
  details: Record<string, unknown> | undefined,
): Record<string, unknown> | undefined {
  return details === undefined ? undefined : (capped(details, 0) as Record<string, unknown>);
}

/**
 * Presents a domain error as the HTTP body `{ code, message: {zh, en}, details }` and its status;
 * the one place every refusal passes, so the echo cap holds for every code.
 */
export function presentError(e: DomainError): { status: number; body: ErrorBody } {
  const spec = ERRORS[e.code] ?? COMMON_ERRORS.internal;
  return {
    status: spec.status,
    body: {
      code: e.code,
      message: { zh: spec.zh, en: spec.en },
      details: cappedDetails(e.details),
    },
  };
}
