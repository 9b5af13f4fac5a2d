/** SQL only the seeds need: choices of the demo dataset that no service makes. */
import type { Queryable } from '../db/client.ts';

/**
 * The consoles the demo holds back for an overdue calibration: one available console of `finess`,
 * and one in a centre of three other regions (neither Auvergne-Rhône-Alpes nor Île-de-France), each
 * centre keeping at least two available consoles fit to go.
 */
export async function consolesToHoldBack(db: Queryable, finess: string): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `(SELECT id FROM consoles WHERE site_finess = $1 AND status = 'available' ORDER BY serial_number LIMIT 1)
     UNION ALL
     (SELECT DISTINCT ON (d.region_code) c.id FROM consoles c
        JOIN establishments e ON e.finess = c.site_finess JOIN departements d ON d.code = e.departement_code
       WHERE c.status = 'available' AND d.region_code NOT IN ('84', '11')
         AND (SELECT count(*) FROM consoles x WHERE x.site_finess = c.site_finess AND x.status = 'available') >= 3
       ORDER BY d.region_code, c.site_finess, c.serial_number LIMIT 3)`,
    [finess],
  );
  return rows.map((r) => r.id);
}
