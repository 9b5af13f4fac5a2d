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
import { insertEstablishments, type NewEstablishment } from '../modules/establishments/establishments.repository.ts';

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
  for (const r of regions)
    await tx.query('INSERT INTO regions (code, name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [r.code, r.name]);
  const deps = readCsv('insee-cog-departements.csv');
  for (const d of deps) {
    await tx.query('INSERT INTO departements (code, name, region_code) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
      d.dep,
      d.libelle,
      d.reg,
    ]);
  }
  // Réanimation beds per département (DREES SAE 2018), for consoles per 100 ICU beds.
  for (const b of readCsv('sae2018-lits-soins-critiques-departements.csv')) {
    await tx.query('UPDATE departements SET icu_beds = $2 WHERE code = $1', [b.dep_code, b.rea ? Number(b.rea) : 0]);
  }
  const existing = new Set(
    (await tx.query<{ finess: string }>('SELECT finess FROM establishments')).map((r) => r.finess),
  );
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
