import { ops } from '../../../contracts/operations.ts';
import type { ModuleDeps } from '../module.ts';

export function registerRegionRoutes({ app, db, route }: ModuleDeps): void {
  route(app, ops.listRegions, {
    action: 'region:list',
    handler: async () => {
      const regions = await db.query<{ code: string; name: string; establishmentCount: number }>(
        `SELECT r.code, r.name, (SELECT count(*)::int FROM establishments e JOIN departements d ON d.code = e.departement_code
           WHERE d.region_code = r.code) AS "establishmentCount" FROM regions r ORDER BY r.name`,
      );
      const deps = await db.query<{ code: string; name: string; region: string }>(
        'SELECT code, name, region_code AS region FROM departements ORDER BY code',
      );
      return {
        items: regions.map((r) => ({
          ...r,
          departements: deps.filter((d) => d.region === r.code).map(({ code, name }) => ({ code, name })),
        })),
      };
    },
  });
}
