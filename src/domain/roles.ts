/** Roles of Relais and the kind of scope each one is granted on (PRODUCT.md, "Who uses it"). */
export const ROLES = [
  'admin',
  'national_regulator',
  'regional_regulator',
  'clinician',
  'perfusionist',
  'trainer',
  'protocol_instructor',
] as const;
export type Role = (typeof ROLES)[number];

export const SCOPE_KINDS = ['nation', 'region', 'departement', 'establishment'] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

/** Which scope kinds a role may be granted on. */
export const ROLE_SCOPE_KINDS: Record<Role, readonly ScopeKind[]> = {
  admin: ['nation'],
  national_regulator: ['nation'],
  regional_regulator: ['region'],
  clinician: ['establishment'],
  perfusionist: ['establishment'],
  trainer: ['departement'],
  protocol_instructor: ['region', 'nation'],
};

export interface Grant {
  role: Role;
  scopeKind: ScopeKind;
  /** null for the nation, else a region / département code or a FINESS number. */
  scopeCode: string | null;
  /** Region the grant lies in (null for the nation). Derived at grant time. */
  regionCode: string | null;
  /** Département the grant lies in, when the scope is a département or an establishment. */
  departementCode: string | null;
}

/** Where a resource lives; every field that is known narrows who may act on it. */
export interface Location {
  regionCode?: string | null;
  departementCode?: string | null;
  establishment?: string | null;
}

/** Whether a grant's scope covers a location. */
export function grantCovers(grant: Grant, at: Location): boolean {
  switch (grant.scopeKind) {
    case 'nation':
      return true;
    case 'region':
      return at.regionCode != null && at.regionCode === grant.scopeCode;
    case 'departement':
      return at.departementCode != null && at.departementCode === grant.scopeCode;
    case 'establishment':
      return at.establishment != null && at.establishment === grant.scopeCode;
  }
}
