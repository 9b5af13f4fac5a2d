/** What a user's grants say about where they work, for prefilling forms and filters. */
import type { TCurrentUser } from '../../contracts/auth.ts';

/** The FINESS of the user's establishment when their scope is one establishment (for prefilling). */
export function homeFiness(user: TCurrentUser): string {
  const grant = user.grants.find((g) => g.scopeKind === 'establishment' && g.scopeCode);
  return grant?.scopeCode ?? '';
}

/** The region of the user when their scope is one region (for prefilling filters). */
export function homeRegion(user: TCurrentUser): string {
  if (user.grants.some((g) => g.scopeKind === 'nation')) return '';
  const codes = new Set(user.grants.map((g) => g.regionCode).filter(Boolean));
  return codes.size === 1 ? ([...codes][0] ?? '') : '';
}

/** The regions a user's filters offer: all of them for a national scope, else those of the user's grants. */
export function regionsInReach<R extends { code: string }>(user: TCurrentUser, regions: R[] | undefined) {
  if (user.grants.some((g) => g.scopeKind === 'nation')) return regions;
  return regions?.filter((r) => user.grants.some((g) => g.regionCode === r.code));
}
