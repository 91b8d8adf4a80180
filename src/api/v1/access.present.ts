import type { Principal, User } from '../../domain/access/index.ts';
import type { StoredAuditEntry } from '../../services/access/audit.ts';

/** The public fields of a user; the password hash never leaves the store. */
export function presentUser(u: User) {
  return {
    id: u.id,
    ...presentIdentity(u),
    disabled: u.disabled,
    createdAt: u.createdAt.toISOString(),
  };
}

export function presentPrincipal(p: Principal) {
  return { userId: p.userId, ...presentIdentity(p) };
}

/** Who the user is and where they act: the fields a user account and a principal share. */
function presentIdentity(u: User | Principal) {
  return {
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    districtCode: u.districtCode,
    unitId: u.unitId ?? null,
    regionScope: [...u.regionScope],
  };
}

export function presentAuditEntry(e: StoredAuditEntry) {
  return { ...e, at: e.at.toISOString() };
}
