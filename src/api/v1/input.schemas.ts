import { Type } from '@sinclair/typebox';

/**
 * Bounded building blocks for request schemas: every number a client sends has a range the
 * database and the date arithmetic can take, every instant is a real date in a sane range, so
 * `Infinity`, `1e309`, `-1` or the year 275760 are a 400 at the edge, never a 500 further in.
 * (Non-finite numbers are refused by every validator anyway: ajv runs with strictNumbers.)
 */

/** PostgreSQL `integer`: versions, counters, pages. */
export const MAX_INT4 = 2_147_483_647;

/** An instant (RFC 3339 date-time) between the years 2000 and 2100. */
export const Instant = (description?: string) =>
  Type.String({
    format: 'date-time',
    pattern: '^(20[0-9]{2}|2100)-',
    maxLength: 40,
    ...(description === undefined ? {} : { description }),
  });

/**
 * A local calendar date YYYY-MM-DD between the years 2000 and 2100 (whether the day exists,
 * 2027-02-30, is the calendar domain's `calendar.invalid_date`).
 */
export const LocalDate = (description: string) =>
  Type.String({ pattern: '^(20[0-9]{2}|2100)-[0-9]{2}-[0-9]{2}$', description });

/** Longitude and latitude in degrees (any of the accepted coordinate systems). */
export const Lng = (description?: string) =>
  Type.Number({
    minimum: -180,
    maximum: 180,
    ...(description === undefined ? {} : { description }),
  });
export const Lat = (description?: string) =>
  Type.Number({ minimum: -90, maximum: 90, ...(description === undefined ? {} : { description }) });
