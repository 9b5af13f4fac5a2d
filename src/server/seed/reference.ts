/**
 * Reference data from public sources, copied in `reference-data/` (see its README):
 * INSEE regions and départements, FINESS acute-care establishments (extract of 2020-03-06).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { checkFiness } from '../../domain/identifiers.ts';
import { type Actor, appendAudit } from '../audit/audit.ts';
import type { Queryable } from '../db/client.ts';
import {
  insertEstablishments,
  listFiness,
  type NewEstablishment,
} from '../modules/establishments/establishments.repository.ts';
import { insertTerritories, setIcuBeds } from '../modules/regions/regions.repository.ts';

export const REFERENCE_DIR = fileURLToPath(new URL('../../../reference-data/', import.meta.url));
/** The seeds and the background jobs act as the system, at the instant given by the app's clock. */
export const systemActor = (at: Date): Actor => ({ id: null, label: 'system', at });

const readCsv = (file: string): Record<string, string>[] =>
  parse(readFileSync(`${REFERENCE_DIR}${file}`, 'utf8'), { columns: true, skip_empty_lines: true, bom: true });

export interface ReferenceLoad {
  regions: number;
  departements: number;
  establishments: number;
  /** FINESS rows left out, with why (e.g. Saint-Pierre-et-Miquelon belongs to no region). */
  skipped: { finess: string; reason: string }[];
}

export function readRegions(): { code: string; name: string }[] {
  const geo = JSON.parse(readFileSync(`${REFERENCE_DIR}france-regions.geojson`, 'utf8')) as {
    features: { properties: { code: string; nom: string } }[];
  };
  return geo.features.map((f) => ({ code: f.properties.code, name: f.properties.nom }));
}

export function readEstablishments(departements: Set<string>): {
  items: NewEstablishment[];
  skipped: ReferenceLoad['skipped'];
} {
  const items: NewEstablishment[] = [];
  const skipped: ReferenceLoad['skipped'] = [];
  for (const r of readCsv('finess-etablissements-mco-2020.csv')) {
    const finess = r.finess_et ?? '';
    if (!checkFiness(finess).ok) {
      skipped.push({ finess, reason: 'invalid FINESS number' });
      continue;
    }
    if (!departements.has(r.dep_code ?? '')) {
      skipped.push({ finess, reason: `département ${r.dep_code} belongs to no region` });
      continue;
    }
    // Coordinates flagged as geocoded outside their département are wrong upstream: drop them.
    const trusted = r.geo_check !== 'outside_department';
    items.push({
      finess,
      name: (r.name ?? '').trim(),
      categoryCode: r.category_code ?? '',
      categoryLabel: r.category_label ?? '',
      sector: r.public_private === 'public' || r.public_private === 'private' ? r.public_private : null,
      departementCode: r.dep_code ?? '',
      street: r.street || null,
      postcode: r.postcode || null,
      city: r.city ? r.city.replace(/\s+/g, ' ').trim() : null,
      phone: r.tel || null,
      lat: trusted && r.lat ? Number(r.lat) : null,
      lon: trusted && r.lon ? Number(r.lon) : null,
    });
  }
  return { items, skipped };
}

/** Loads regions, départements and establishments into empty tables, in the caller's transaction. */
export async function loadReferenceData(tx: Queryable, now: Date): Promise<ReferenceLoad> {
  const regions = readRegions();
  const deps = readCsv('insee-cog-departements.csv');
  await insertTerritories(
    tx,
    regions,
    deps.map((d) => ({ code: d.dep ?? '', name: d.libelle ?? '', region: d.reg ?? '' })),
  );
  // Réanimation beds per département (DREES SAE 2018), for consoles per 100 ICU beds.
  await setIcuBeds(
    tx,
    readCsv('sae2018-lits-soins-critiques-departements.csv').map((b) => ({
      code: b.dep_code ?? '',
      beds: b.rea ? Number(b.rea) : 0,
    })),
  );
  const existing = new Set(await listFiness(tx));
  const { items, skipped } = readEstablishments(new Set(deps.map((d) => d.dep ?? '')));
  const fresh = items.filter((e) => !existing.has(e.finess));
  await insertEstablishments(tx, fresh);
  const load = { regions: regions.length, departements: deps.length, establishments: fresh.length, skipped };
  await appendAudit(tx, systemActor(now), {
    action: 'reference.load',
    targetType: 'reference',
    targetId: 'insee-finess-2020',
    after: { ...load, skipped: skipped.length },
    reason: 'Reference data from INSEE COG and FINESS (reference-data/README.md)',
  });
  return load;
}
