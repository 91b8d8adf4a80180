import { err, ok, type Result } from '../shared/index.ts';
import { mayDo, type Capability } from './capability.ts';
import { regionLevelOf, type Role } from './role.ts';

/** The signed-in user as every route and service sees it. */
export type Principal = {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  /** 6-digit district code; city-level staff carry the city's own code (e.g. 530100). */
  readonly districtCode: string;
  /** The unit a unit_handler works for. */
  readonly unitId?: string | undefined;
  /** Region codes (district 6 / street 9 / community 12 digits) the user may act in. */
  readonly regionScope: readonly string[];
};

/** Where a resource (a case, a photo, a grid) sits, for the scope checks. */
export type ScopedResource = {
  readonly districtCode: string;
  /** Street, community or grid codes of the resource (cumulative prefixes of each other). */
  readonly regionCodes?: readonly string[] | undefined;
  /** Units a case was sent to: the main unit and any assisting units (协同). */
  readonly unitIds?: readonly string[] | undefined;
};

/**
 * Region codes are cumulative prefixes (GB/T 2260 + local): 530102 ⊃ 530102001 ⊃ 530102001002
 * ⊃ its grids. A prefecture-level city code ends in 00 (530100) and covers every district
 * that shares its first four digits (530102, 530103, 530181 ...).
 */
export function scopePrefix(code: string): string {
  return regionLevelOf(code) === 'city' ? code.slice(0, 4) : code;
}

/** True for city-centre staff: their district code is the city's own (ends in 00, e.g. 530100). */
export function isCityLevel(p: Pick<Principal, 'districtCode'>): boolean {
  return regionLevelOf(p.districtCode) === 'city';
}

/**
 * How a list query must be narrowed for this principal, so region scope is a WHERE clause:
 * everything; region codes starting with one of the prefixes; or cases sent to these units.
 */
export type ScopeFilter =
  | { readonly kind: 'all' }
  | { readonly kind: 'regions'; readonly prefixes: readonly string[] }
  | { readonly kind: 'units'; readonly unitIds: readonly string[] };

/** The scope of a principal as data a store query can apply. */
export function scopeFilter(p: Principal): ScopeFilter {
  if (p.role === 'admin') return { kind: 'all' };
  if (p.role === 'unit_handler') return { kind: 'units', unitIds: p.unitId ? [p.unitId] : [] };
  const codes = p.regionScope.length > 0 ? p.regionScope : [p.districtCode];
  return { kind: 'regions', prefixes: codes.map(scopePrefix) };
}

/**
 * True when the principal may see the resource: admin everything; a unit only what was sent
 * to it (main or assisting unit); everyone else what lies inside their region scope (city staff
 * the whole city, a district's staff their district, street staff their street).
 */
export function canSee(p: Principal, r: ScopedResource): boolean {
  const f = scopeFilter(p);
  switch (f.kind) {
    case 'all':
      return true;
    case 'units':
      return f.unitIds.some((u) => r.unitIds?.includes(u) ?? false);
    case 'regions': {
      const codes = [r.districtCode, ...(r.regionCodes ?? [])];
      return f.prefixes.some((prefix) => codes.some((c) => c.startsWith(prefix)));
    }
  }
}

/** Why an access check failed: the role lacks the capability, or the resource is out of scope. */
export type AccessDenied = {
  readonly code: 'auth.forbidden';
  readonly details: { readonly reason: 'role' | 'region'; readonly capability: Capability };
};

/** The role check and the scope check together, as a Result with the reason. */
export function checkAccess(
  p: Principal,
  capability: Capability,
  r: ScopedResource,
): Result<true, AccessDenied> {
  if (!mayDo(p.role, capability))
    return err({ code: 'auth.forbidden', details: { reason: 'role', capability } });
  if (!canSee(p, r))
    return err({ code: 'auth.forbidden', details: { reason: 'region', capability } });
  return ok(true);
}

/** True when the principal's role has the capability and the resource is in scope. */
export function canAct(p: Principal, capability: Capability, r: ScopedResource): boolean {
  return checkAccess(p, capability, r).ok;
}
