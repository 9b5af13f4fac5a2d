import { z } from 'zod';

export const ZDepartement = z.object({ code: z.string(), name: z.string() });
export const ZRegion = z.object({
  code: z.string(),
  name: z.string(),
  establishmentCount: z.number().int(),
  departements: z.array(ZDepartement),
});
export type TRegion = z.infer<typeof ZRegion>;
export const ZRegionList = z.object({ items: z.array(ZRegion) });
