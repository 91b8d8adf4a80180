import { err, ok, type Result } from '../shared/index.ts';
import type { InvalidCode } from './errors.ts';

/**
 * Region and grid codes are cumulative prefixes (GB/T 2260 + GB/T 30428.1 / GB/T 47678.3):
 * district 6 digits, street 9 (6+3), community 12 (6+3+3), unit grid 15 (6+3+3+3).
 */
export type RegionLevel = 'district' | 'street' | 'community';

export type RegionCodeParts = {
  readonly level: RegionLevel;
  readonly districtCode: string;
  readonly streetCode: string | null;
  readonly communityCode: string | null;
};

export type GridCodeParts = {
  readonly gridCode: string;
  readonly districtCode: string;
  readonly streetCode: string;
  readonly communityCode: string;
  /** 3-digit sequence of the grid within its community. */
  readonly sequence: string;
};

const LEVEL_BY_LENGTH: Readonly<Record<number, RegionLevel>> = {
  6: 'district',
  9: 'street',
  12: 'community',
};
const DIGITS = /^[0-9]+$/;

function checkDigits(
  value: unknown,
  expected: InvalidCode['details']['expected'],
): Result<string, InvalidCode> {
  if (typeof value !== 'string')
    return err({ code: 'geo.invalid_code', details: { value, expected, reason: 'not_a_string' } });
  if (!DIGITS.test(value))
    return err({ code: 'geo.invalid_code', details: { value, expected, reason: 'not_digits' } });
  return ok(value);
}

/** Parses a district (6), street (9) or community (12) code into its level and prefixes. */
export function parseRegionCode(value: unknown): Result<RegionCodeParts, InvalidCode> {
  const digits = checkDigits(value, 'region');
  if (!digits.ok) return digits;
  const code = digits.value;
  const level = LEVEL_BY_LENGTH[code.length];
  if (level === undefined) {
    return err({
      code: 'geo.invalid_code',
      details: { value, expected: 'region', reason: 'wrong_length' },
    });
  }
  return ok({
    level,
    districtCode: code.slice(0, 6),
    streetCode: code.length >= 9 ? code.slice(0, 9) : null,
    communityCode: code.length === 12 ? code : null,
  });
}

/** Parses a region code that must be of one level (e.g. a `district` filter). */
export function parseRegionCodeOfLevel(
  value: unknown,
  level: RegionLevel,
): Result<string, InvalidCode> {
  const parsed = parseRegionCode(value);
  if (!parsed.ok)
    return err({ ...parsed.error, details: { ...parsed.error.details, expected: level } });
  if (parsed.value.level !== level) {
    return err({
      code: 'geo.invalid_code',
      details: { value, expected: level, reason: 'wrong_length' },
    });
  }
  return ok(value as string);
}

/** Parses a 15-digit unit grid code into district, street, community and sequence. */
export function parseGridCode(value: unknown): Result<GridCodeParts, InvalidCode> {
  const digits = checkDigits(value, 'grid');
  if (!digits.ok) return digits;
  const code = digits.value;
  if (code.length !== 15) {
    return err({
      code: 'geo.invalid_code',
      details: { value, expected: 'grid', reason: 'wrong_length' },
    });
  }
  return ok({
    gridCode: code,
    districtCode: code.slice(0, 6),
    streetCode: code.slice(0, 9),
    communityCode: code.slice(0, 12),
    sequence: code.slice(12),
  });
}
