/** Pieces the teams, roster and upkeep services share: locations of establishments, messages, today. */
import type { Action } from '../../../domain/policy.ts';
import { isAllowed, reachOf } from '../../../domain/policy.ts';
import type { Location } from '../../../domain/roles.ts';
import { parisDate } from '../../../domain/time.ts';
import type { Clock } from '../../clock.ts';
import type { Queryable } from '../../db/client.ts';
import { type Params, reachCondition } from '../../db/sql.ts';
import { forbidden, invalid } from '../../http/errors.ts';
import type { ServiceContext } from '../context.ts';

/** Member roles in words, for messages. */
export const ROLE_WORDS = {
  perfusionist: { fr: 'perfusionniste', en: 'perfusionist' },
  surgeon: { fr: 'chirurgien', en: 'surgeon' },
  intensivist: { fr: 'réanimateur', en: 'intensivist' },
  nurse: { fr: 'infirmier', en: 'nurse' },
} as const;

export const msg = (ctx: { locale: 'fr' | 'en' }, fr: string, en: string): string => (ctx.locale === 'fr' ? fr : en);
/** The Paris date at the app clock's time. */
export const today = (clock: Clock): string => parisDate(clock.now());
export const iso = (d: Date | string | null): string | null => (d ? new Date(d).toISOString() : null);
/** SQL for a `date` column as YYYY-MM-DD text (drivers would turn it into a time-zoned Date). */
export const ymd = (column: string, alias: string): string => `to_char(${column}, 'YYYY-MM-DD') AS ${alias}`;

/** The locations of these establishments (unknown ones are left out). */
export async function locationsOf(db: Queryable, finess: readonly string[]): Promise<Map<string, Location>> {
  if (finess.length === 0) return new Map();
  const rows = await db.query<{ finess: string; region_code: string; departement_code: string }>(
    `SELECT e.finess, d.region_code, e.departement_code FROM establishments e JOIN departements d ON d.code = e.departement_code
     WHERE e.finess = ANY($1::text[])`,
    [finess],
  );
  return new Map(
    rows.map((r) => [
      r.finess,
      { regionCode: r.region_code, departementCode: r.departement_code, establishment: r.finess },
    ]),
  );
}

/** Whether the action is allowed at any of these locations. */
export const allowedAtAny = (ctx: ServiceContext, action: Action, locations: Iterable<Location>): boolean => {
  for (const l of locations) if (isAllowed(ctx.user.grants, action, l)) return true;
  return false;
};

/** Every establishment must exist and be within the user's reach for the action; errors name the field. */
export async function assertEstablishments(
  ctx: ServiceContext,
  db: Queryable,
  action: Action,
  finess: readonly string[],
  field: string,
): Promise<Map<string, Location>> {
  const locations = await locationsOf(db, finess);
  const unknown = finess.findIndex((f) => !locations.has(f));
  if (unknown >= 0) {
    throw invalid([
      {
        field: `${field}.${unknown}`,
        code: 'unknown_establishment',
        message: msg(ctx, `Établissement inconnu : ${finess[unknown]}`, `Unknown establishment: ${finess[unknown]}`),
      },
    ]);
  }
  const outside = finess.findIndex((f) => !isAllowed(ctx.user.grants, action, locations.get(f) as Location));
  if (outside >= 0) throw forbidden();
  return locations;
}

export const staleVersion = (ctx: ServiceContext, what: { fr: string; en: string }) => ({
  field: 'body.version',
  code: 'stale_version',
  message: msg(ctx, `${what.fr} a changé entre-temps : rechargez.`, `${what.en} changed meanwhile: reload.`),
});

/** A list narrowed to an establishment or a region answers 403 when the user may not look there. */
export async function assertFilters(
  ctx: ServiceContext,
  action: Action,
  filter: { finess?: string; region?: string },
): Promise<void> {
  if (filter.region && !isAllowed(ctx.user.grants, action, { regionCode: filter.region })) throw forbidden();
  if (filter.finess) {
    const location = (await locationsOf(ctx.db, [filter.finess])).get(filter.finess);
    if (!location) {
      throw invalid([
        {
          field: 'query.finess',
          code: 'unknown_establishment',
          message: msg(ctx, 'Établissement inconnu.', 'Unknown establishment.'),
        },
      ]);
    }
    if (!isAllowed(ctx.user.grants, action, location)) throw forbidden();
  }
}

/**
 * Narrows a query to the establishments within the user's reach for `action`: the SQL aliases `e`
 * (establishments) and `d` (départements) must be joined, `finessColumn` names the establishment.
 */
export function pushReach(ctx: ServiceContext, action: Action, where: string[], p: Params, finessColumn: string): void {
  const scoped = reachCondition(
    reachOf(ctx.user.grants, action),
    { regions: ['d.region_code'], departements: ['e.departement_code'], establishments: [finessColumn] },
    p,
  );
  if (scoped) where.push(scoped);
}
