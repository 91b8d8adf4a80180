import { err, ok, type Result } from '../shared/index.ts';
import { scopePrefix, type Principal } from './principal.ts';
import { ROLE_LEVELS, isRole, regionLevelOf, roleFitsHome, type Role } from './role.ts';

/** A user account as the services see it (the password hash stays in the store). */
export type User = {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly districtCode: string;
  readonly unitId?: string | undefined;
  readonly regionScope: readonly string[];
  readonly disabled: boolean;
  readonly createdAt: Date;
};

/** What an administrator (or the demo loader) gives to create a user. */
export type NewUserInput = {
  readonly username: string;
  readonly displayName?: string | undefined;
  readonly role: string;
  readonly districtCode: string;
  readonly unitId?: string | undefined;
  readonly regionScope?: readonly string[] | undefined;
  readonly password: string;
};

/** A role whose level does not admit the home region (e.g. a city supervisor with a district code). */
export type RoleScopeMismatch = {
  readonly code: 'user.role_scope_mismatch';
  readonly details: {
    readonly role: Role;
    readonly districtCode: string;
    readonly level: string | null;
    readonly allowedLevels: readonly string[];
  };
};

export type UserInputError =
  | { readonly code: 'user.invalid'; readonly details: { field: string; reason: string } }
  | RoleScopeMismatch
  | { readonly code: 'user.weak_password'; readonly details: { minLength: number } };

/** What the directory says of the unit a new user names (null: no such unit). */
export type UserUnitFact = {
  readonly id: string;
  readonly active: boolean;
  readonly districtCode: string;
} | null;

export type UserUnitRefusal =
  | { readonly code: 'user.unit_not_found'; readonly details: { unitId: string } }
  | { readonly code: 'user.unit_inactive'; readonly details: { unitId: string } }
  | {
      readonly code: 'user.unit_outside_district';
      readonly details: { unitId: string; unitDistrictCode: string; districtCode: string };
    };

/**
 * A user works for a unit of their own district: a unit handler sees and acts on the cases of
 * their unit, and their district decides the rest of their scope, so a handler of district A
 * with a unit of district B would act in B with A's scope. City staff belong to city units (the
 * city's code). The unit must also still be active (a retired unit takes no cases).
 */
export function userUnitRefusal(
  user: { readonly districtCode: string; readonly unitId?: string | undefined },
  unit: UserUnitFact,
): UserUnitRefusal | null {
  const unitId = user.unitId;
  if (unitId === undefined) return null;
  if (unit === null || unit.id !== unitId)
    return { code: 'user.unit_not_found', details: { unitId } };
  if (!unit.active) return { code: 'user.unit_inactive', details: { unitId } };
  return unit.districtCode === user.districtCode
    ? null
    : {
        code: 'user.unit_outside_district',
        details: { unitId, unitDistrictCode: unit.districtCode, districtCode: user.districtCode },
      };
}

/** Passwords shorter than this are refused. */
export const MIN_PASSWORD_LENGTH = 8;

const USERNAME = /^[A-Za-z0-9_.@-]{2,64}$/;
const REGION_CODE = /^([0-9]{6}|[0-9]{9}|[0-9]{12})$/;

const invalid = (field: string, reason: string): UserInputError => ({
  code: 'user.invalid',
  details: { field, reason },
});

/** Checks a password against the policy. */
export function checkPassword(password: string): Result<true, UserInputError> {
  return password.length >= MIN_PASSWORD_LENGTH
    ? ok(true)
    : err({ code: 'user.weak_password', details: { minLength: MIN_PASSWORD_LENGTH } });
}

/** Checks that every region code of a scope lies inside the district (city staff: the city). */
export function checkRegionScope(
  districtCode: string,
  scope: readonly string[],
): Result<true, UserInputError> {
  const prefix = scopePrefix(districtCode);
  for (const code of scope) {
    if (!REGION_CODE.test(code)) return err(invalid('regionScope', 'format'));
    if (!code.startsWith(prefix)) return err(invalid('regionScope', 'outside_district'));
  }
  return ok(true);
}

/**
 * Checks that the role's level admits the home region and that the scope lies inside it: the
 * one rule a user row must satisfy, at creation and again at every sign-in (rows written before
 * the rule existed are refused there, not trusted).
 */
export function checkRoleScope(
  role: Role,
  districtCode: string,
  scope: readonly string[],
): Result<true, UserInputError> {
  if (!roleFitsHome(role, districtCode)) {
    return err({
      code: 'user.role_scope_mismatch',
      details: {
        role,
        districtCode,
        level: regionLevelOf(districtCode),
        allowedLevels: ROLE_LEVELS[role],
      },
    });
  }
  return checkRegionScope(districtCode, scope);
}

/**
 * Validates a new user: username format, a known role, a 6-digit district, a unit for unit
 * handlers, and a region scope inside the user's district (city staff: inside the city).
 * An empty scope means the whole district.
 */
export function validateNewUser(
  input: NewUserInput,
): Result<Omit<User, 'id' | 'disabled' | 'createdAt'>, UserInputError> {
  if (!USERNAME.test(input.username)) return err(invalid('username', 'format'));
  if (!isRole(input.role)) return err(invalid('role', 'unknown'));
  if (!/^[0-9]{6}$/.test(input.districtCode)) return err(invalid('districtCode', 'format'));
  if (input.role === 'unit_handler' && !input.unitId) return err(invalid('unitId', 'required'));
  const scope = input.regionScope ?? [];
  const scopeOk = checkRoleScope(input.role, input.districtCode, scope);
  if (!scopeOk.ok) return scopeOk;
  const pw = checkPassword(input.password);
  if (!pw.ok) return pw;
  return ok({
    username: input.username,
    displayName: input.displayName?.trim() || input.username,
    role: input.role,
    districtCode: input.districtCode,
    unitId: input.unitId,
    regionScope: scope,
  });
}

/** The principal a signed-in user acts as; an empty scope stands for the user's district. */
export function principalOf(u: User): Principal {
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    districtCode: u.districtCode,
    unitId: u.unitId,
    regionScope: u.regionScope.length > 0 ? u.regionScope : [u.districtCode],
  };
}
