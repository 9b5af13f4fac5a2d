/** SQL for CEC and ECMO run counts per year, of professionals and of centres (entered for now; counted from run records later). */
import type { Reach } from '../../../domain/policy.ts';
import type { Queryable } from '../../db/client.ts';
import { createParams } from '../../db/sql.ts';
import { establishmentReach } from '../establishments/locations.repository.ts';

export interface ActivityYear {
  year: number;
  cecRuns: number;
  ecmoRuns: number;
}

/** Replaces these years' CEC and ECMO runs of a professional. */
export async function setActivity(db: Queryable, id: string, years: readonly ActivityYear[]): Promise<void> {
  for (const a of years) {
    await db.query(
      `INSERT INTO activity_counts (professional_id, year, cec_runs, ecmo_runs) VALUES ($1, $2, $3, $4)
       ON CONFLICT (professional_id, year) WHERE professional_id IS NOT NULL DO UPDATE SET cec_runs = EXCLUDED.cec_runs, ecmo_runs = EXCLUDED.ecmo_runs`,
      [id, a.year, a.cecRuns, a.ecmoRuns],
    );
  }
}

/** CEC and ECMO runs per centre and year, for the centres within reach (2,000 rows at most). */
export async function listCentreActivity(
  db: Queryable,
  reach: Reach,
  f: { finess?: string; region?: string },
): Promise<({ finess: string; name: string } & ActivityYear)[]> {
  const p = createParams();
  const where: string[] = ['a.finess IS NOT NULL'];
  const scoped = establishmentReach(reach, 'a.finess', p);
  if (scoped) where.push(scoped);
  if (f.finess) where.push(`a.finess = ${p.add(f.finess)}`);
  if (f.region) where.push(`d.region_code = ${p.add(f.region)}`);
  return db.query(
    `SELECT a.finess, e.name, a.year, a.cec_runs AS "cecRuns", a.ecmo_runs AS "ecmoRuns" FROM activity_counts a
     JOIN establishments e ON e.finess = a.finess JOIN departements d ON d.code = e.departement_code
     WHERE ${where.join(' AND ')} ORDER BY e.name, a.year DESC LIMIT 2000`,
    p.values,
  );
}

export async function findCentreActivity(db: Queryable, finess: string, year: number) {
  const [row] = await db.query<{ cec_runs: number; ecmo_runs: number }>(
    'SELECT cec_runs, ecmo_runs FROM activity_counts WHERE finess = $1 AND year = $2',
    [finess, year],
  );
  return row;
}

export async function setCentreActivity(db: Queryable, finess: string, a: ActivityYear): Promise<void> {
  await db.query(
    `INSERT INTO activity_counts (finess, year, cec_runs, ecmo_runs) VALUES ($1, $2, $3, $4)
     ON CONFLICT (finess, year) WHERE finess IS NOT NULL DO UPDATE SET cec_runs = EXCLUDED.cec_runs, ecmo_runs = EXCLUDED.ecmo_runs`,
    [finess, a.year, a.cecRuns, a.ecmoRuns],
  );
}
