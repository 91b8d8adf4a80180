export { ROLES, ROLE_LEVELS, regionLevelOf, roleFitsHome } from './role.ts';
export type { Role, RegionLevel } from './role.ts';
export {
  CAPABILITIES,
  mayDo,
  capabilitiesOf,
  mayReadPhoneOf,
  mayReadReporterPhone,
  mayReadPersonal,
} from './capability.ts';
export type { Capability, PersonalField } from './capability.ts';
export { canSee, canAct, checkAccess, isCityLevel, scopeFilter } from './principal.ts';
export type { Principal, ScopedResource, ScopeFilter, AccessDenied } from './principal.ts';
export { decideLoginThrottle, DEFAULT_THROTTLE } from './login-throttle.ts';
export type { ThrottlePolicy, ThrottleDecision } from './login-throttle.ts';
export {
  validateNewUser,
  checkPassword,
  checkRegionScope,
  checkRoleScope,
  principalOf,
  userUnitRefusal,
} from './user.ts';
export type {
  User,
  NewUserInput,
  UserInputError,
  RoleScopeMismatch,
  UserUnitFact,
  UserUnitRefusal,
} from './user.ts';
