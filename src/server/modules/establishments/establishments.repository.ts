/** SQL for establishments (FINESS sites). */
import type { Sector } from '../../../domain/establishments.ts';
import type { Queryable } from '../../db/client.ts';
import { createParams } from '../../db/sql.ts';

export interface EstablishmentRow {
  finess: string;
  name: string;
  categoryCode: string;
  categoryLabel: string;
  sector: Sector | null;
  departementCode: string;
  departementName: string;
  regionCode: string;
  regionName: string;
  street: string | null;
  postcode: string | null;
  city: string | null;
  phone: string | null;
  lat: number | null;
  lon: number | null;
  updatedAt: Date;
}

const COLUMNS = `e.finess, e.name, e.category_code AS "categoryCode", e.category_label AS "categoryLabel", e.sector,
  e.departement_code AS "departementCode", d.name AS "departementName", d.region_code AS "regionCode",
  r.name AS "regionName", e.street, e.postcode, e.city, e.phone, e.lat, e.lon, e.updated_at AS "updatedAt"`;
const FROM = `establishments e JOIN departements d ON d.code = e.departement_code JOIN regions r ON r.code = d.region_code`;

/** Upper case without accents: the form both the search key and the query are compared in. */
export function searchKey(...parts: (string | null | undefined)[]): string {
  return parts
    .filter(Boolean)
    .join(' ')
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

export interface EstablishmentFilter {
  q?: string;
  region?: string;
  departement?: string;
  category?: string;
  limit: number;
  offset: number;
}

export async function listEstablishments(
  db: Queryable,
  f: EstablishmentFilter,
): Promise<{ rows: EstablishmentRow[]; total: number }> {
  const where: string[] = [];
  const p = createParams();
  for (const word of searchKey(f.q).split(' ').filter(Boolean)) where.push(`e.search_text LIKE ${p.add(`%${word}%`)}`);
  if (f.region) where.push(`d.region_code = ${p.add(f.region)}`);
  if (f.departement) where.push(`e.departement_code = ${p.add(f.departement)}`);
  if (f.category) where.push(`e.category_code = ${p.add(f.category)}`);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${FROM} ${clause}`, p.values);
  const rows = await db.query<EstablishmentRow>(
    `SELECT ${COLUMNS} FROM ${FROM} ${clause} ORDER BY e.name, e.finess LIMIT ${p.add(f.limit)} OFFSET ${p.add(f.offset)}`,
    p.values,
  );
  return { rows, total: count?.n ?? 0 };
}

export async function findEstablishment(db: Queryable, finess: string): Promise<EstablishmentRow | undefined> {
  const [row] = await db.query<EstablishmentRow>(`SELECT ${COLUMNS} FROM ${FROM} WHERE e.finess = $1`, [finess]);
  return row;
}

/** An establishment as registered: its département's names and region follow from its code. */
export type NewEstablishment = Omit<EstablishmentRow, 'departementName' | 'regionCode' | 'regionName' | 'updatedAt'>;

/** Inserts many establishments in batches (the seed); the caller owns the transaction. */
export async function insertEstablishments(db: Queryable, items: readonly NewEstablishment[]): Promise<void> {
  const BATCH = 200;
  for (let i = 0; i < items.length; i += BATCH) {
    const chunk = items.slice(i, i + BATCH);
    const params: unknown[] = [];
    const values = chunk.map((e) => {
      const row = [
        e.finess,
        e.name,
        e.categoryCode,
        e.categoryLabel,
        e.sector,
        e.departementCode,
        e.street,
        e.postcode,
        e.city,
        e.phone,
        e.lat,
        e.lon,
        searchKey(e.name, e.city, e.finess),
      ];
      const start = params.length;
      params.push(...row);
      return `(${row.map((_, j) => `$${start + j + 1}`).join(', ')})`;
    });
    await db.query(
      `INSERT INTO establishments (finess, name, category_code, category_label, sector, departement_code,
         street, postcode, city, phone, lat, lon, search_text) VALUES ${values.join(', ')}`,
      params,
    );
  }
}

/** Every FINESS number of the register (the seeds top it up without clashing). */
export async function listFiness(db: Queryable): Promise<string[]> {
  return (await db.query<{ finess: string }>('SELECT finess FROM establishments')).map((r) => r.finess);
}

export interface Capabilities {
  ecmoCentre?: boolean;
  cardiacSurgery?: boolean;
  umacBase?: boolean;
}

/** Sets what establishments can do (an ECMO centre owes the weekly census); the flags not given stay. */
export async function setCapabilities(db: Queryable, finess: readonly string[], flags: Capabilities): Promise<void> {
  const p = createParams();
  const columns: [keyof Capabilities, string][] = [
    ['ecmoCentre', 'ecmo_centre'],
    ['cardiacSurgery', 'cardiac_surgery'],
    ['umacBase', 'umac_base'],
  ];
  const set = columns.flatMap(([key, column]) =>
    flags[key] === undefined ? [] : [`${column} = ${p.add(flags[key])}`],
  );
  if (set.length === 0) return;
  await db.query(`UPDATE establishments SET ${set.join(', ')} WHERE finess = ANY(${p.add(finess)}::text[])`, p.values);
}
