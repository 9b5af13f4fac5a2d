/** Regions with their départements and how many establishments each holds (the filters of every list). */
import type { TRegion } from '../../../contracts/regions.ts';
import type { Queryable } from '../../db/client.ts';
import * as repo from './regions.repository.ts';

export async function listRegions(db: Queryable): Promise<{ items: TRegion[] }> {
  const [regions, departements] = [await repo.listRegions(db), await repo.listDepartements(db)];
  return {
    items: regions.map((r) => ({
      ...r,
      departements: departements.filter((d) => d.region === r.code).map(({ code, name }) => ({ code, name })),
    })),
  };
}
