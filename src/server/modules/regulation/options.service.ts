/** Ranked solutions for a request, computed from live capacity by the pure engine (domain/regulation.ts). */

import { isAllowed } from '../../../domain/policy.ts';
import { isLive, type Provider, type RequestState, rankOptions, SETUP_MINUTES } from '../../../domain/regulation.ts';
import { parisDate } from '../../../domain/time.ts';
import type { RegulationSettings } from '../../config.ts';
import type { Queryable } from '../../db/client.ts';
import { AppError, forbidden } from '../../http/errors.ts';
import type { ServiceContext } from '../context.ts';
import { readableRequest } from './requests.service.ts';

/**
 * Providers from the live register: ECMO centres and UMAC bases with their available consoles,
 * non-expired circuits and staffed teams, and the national-stock depots. Until the on-call roster
 * exists (issue "Teams"), a centre's teams are those of its latest census report.
 */
export async function loadProviders(db: Queryable, today: string): Promise<Provider[]> {
  const [sites, depots, consoles, circuits, teams] = await Promise.all([
    db.query<{
      id: string;
      name: string;
      region_code: string;
      lat: number;
      lon: number;
      ecmo_centre: boolean;
      umac_base: boolean;
    }>(
      `SELECT e.finess AS id, e.name, d.region_code, e.lat, e.lon, e.ecmo_centre, e.umac_base
       FROM establishments e JOIN departements d ON d.code = e.departement_code
       WHERE (e.ecmo_centre OR e.umac_base) AND e.lat IS NOT NULL AND e.lon IS NOT NULL`,
    ),
    db.query<{ id: string; name: string; region_code: string; lat: number; lon: number }>(
      `SELECT p.id, p.name, d.region_code, p.lat, p.lon FROM depots p JOIN departements d ON d.code = p.departement_code
       WHERE p.lat IS NOT NULL AND p.lon IS NOT NULL`,
    ),
    db.query<{ id: string; serial_number: string; model: string; site: string }>(
      "SELECT id, serial_number, model, coalesce(site_finess, site_depot) AS site FROM consoles WHERE status = 'available'",
    ),
    db.query<{ site: string; n: number }>(
      `SELECT coalesce(site_finess, site_depot) AS site, sum(quantity)::int AS n FROM stock_lots
       WHERE item_kind = 'circuit' AND expiry_date >= $1::date GROUP BY 1`,
      [today],
    ),
    db.query<{ finess: string; teams: number }>(
      'SELECT DISTINCT ON (finess) finess, teams FROM census_reports WHERE is_current ORDER BY finess, week DESC',
    ),
  ]);
  const consolesBySite = new Map<string, Provider['consoles'][number][]>();
  for (const c of consoles) {
    const list = consolesBySite.get(c.site) ?? [];
    list.push({ id: c.id, serialNumber: c.serial_number, model: c.model, available: true });
    consolesBySite.set(c.site, list);
  }
  const circuitsBySite = new Map(circuits.map((c) => [c.site, c.n]));
  const teamsBySite = new Map(teams.map((t) => [t.finess, t.teams]));
  return [
    ...sites.map(
      (s): Provider => ({
        kind: 'establishment',
        id: s.id,
        name: s.name,
        regionCode: s.region_code,
        lat: s.lat,
        lon: s.lon,
        ecmoCentre: s.ecmo_centre,
        umacBase: s.umac_base,
        consoles: consolesBySite.get(s.id) ?? [],
        circuits: circuitsBySite.get(s.id) ?? 0,
        teams: teamsBySite.get(s.id) ?? 0,
      }),
    ),
    ...depots.map(
      (d): Provider => ({
        kind: 'depot',
        id: d.id,
        name: d.name,
        regionCode: d.region_code,
        lat: d.lat,
        lon: d.lon,
        ecmoCentre: false,
        umacBase: false,
        consoles: consolesBySite.get(d.id) ?? [],
        circuits: circuitsBySite.get(d.id) ?? 0,
        teams: 0,
      }),
    ),
  ];
}

export async function listOptions(ctx: ServiceContext, settings: RegulationSettings, id: string) {
  const request = await readableRequest(ctx, id);
  const state = request.state as RequestState;
  const escalated = state === 'escalated_national';
  const where = escalated
    ? {}
    : { regionCode: request.region_code, departementCode: request.departement_code, establishment: request.finess };
  if (!isAllowed(ctx.user.grants, 'request:regulate', where)) throw forbidden();
  if (!isLive(state) || (state !== 'regional_regulation' && !escalated)) {
    throw new AppError('conflict', 'Options are computed for requests in regulation', [
      {
        field: 'params.id',
        code: 'not_in_regulation',
        message:
          ctx.locale === 'fr'
            ? 'Les solutions se calculent pour une demande en régulation.'
            : 'Options are computed for requests in regulation.',
      },
    ]);
  }
  if (request.lat === null || request.lon === null) {
    throw new AppError('conflict', 'The requesting establishment has no coordinates', [
      {
        field: 'params.id',
        code: 'no_coordinates',
        message:
          ctx.locale === 'fr' ? 'Coordonnées de l’établissement inconnues.' : 'The establishment has no coordinates.',
      },
    ]);
  }
  const providers = await loadProviders(ctx.db, parisDate(new Date()));
  const items = rankOptions(
    {
      site: { finess: request.finess, regionCode: request.region_code, lat: request.lat, lon: request.lon },
      indication: request.indication,
      urgency: request.urgency,
      siteCanHost: request.site_can_host,
      escalated,
    },
    providers,
    settings.travel,
  );
  return {
    requestId: id,
    computedAt: new Date().toISOString(),
    assumptions: {
      roadFactor: settings.travel.roadFactor,
      roadSpeedKmh: settings.travel.roadSpeedKmh,
      airSpeedKmh: settings.travel.airSpeedKmh,
      setupMinutes: { ...SETUP_MINUTES },
    },
    items,
  };
}
