import type { z } from 'zod';
import type {
  TEstablishment,
  ZCreateEstablishment,
  ZEstablishmentListQuery,
} from '../../../contracts/establishments.ts';
import { message } from '../../../contracts/messages.ts';
import { categoryLabel } from '../../../domain/establishments.ts';
import { finessDepartement } from '../../../domain/identifiers.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { Database } from '../../db/client.ts';
import { conflict, invalid, issue, issueSaying, notFound } from '../../http/errors.ts';
import { actorOf, assertAllowed, type ServiceContext } from '../context.ts';
import { departementRegion } from '../regions/regions.repository.ts';
import * as repo from './establishments.repository.ts';

export function toEstablishmentDto(row: repo.EstablishmentRow): TEstablishment {
  return { ...row, updatedAt: new Date(row.updatedAt).toISOString() };
}

export async function listEstablishments(db: Database, query: z.output<typeof ZEstablishmentListQuery>) {
  const { rows, total } = await repo.listEstablishments(db, query);
  return { items: rows.map(toEstablishmentDto), total, limit: query.limit, offset: query.offset };
}

export async function getEstablishment(db: Database, finess: string): Promise<TEstablishment> {
  const row = await repo.findEstablishment(db, finess);
  if (!row) throw notFound('noun.establishment', finess);
  return toEstablishmentDto(row);
}

/** Registers an establishment; its département (and so its region) is read from the FINESS number. */
export async function createEstablishment(
  ctx: ServiceContext,
  input: z.output<typeof ZCreateEstablishment>,
): Promise<TEstablishment> {
  const departementCode = finessDepartement(input.finess);
  return ctx.db.transaction(async (tx) => {
    const regionCode = await departementRegion(tx, departementCode);
    if (!regionCode) throw invalid([issue('body.finess', 'finess.departement')]);
    assertAllowed(ctx.user, 'establishment:create', { regionCode, departementCode, establishment: input.finess });
    if (await repo.findEstablishment(tx, input.finess))
      throw conflict(message('establishment.finess_taken', { finess: input.finess }), [
        issueSaying('body.finess', 'duplicate', message('establishment.finess_exists')),
      ]);
    const { reason, ...fields } = input;
    await repo.insertEstablishments(tx, [
      {
        ...fields,
        departementCode,
        // The schema admits only the categories listed, each with its label.
        categoryLabel: categoryLabel(input.categoryCode) ?? input.categoryCode,
      },
    ]);
    const created = await repo.findEstablishment(tx, input.finess);
    if (!created) throw new Error('establishment vanished after insert');
    const dto = toEstablishmentDto(created);
    await appendAudit(tx, actorOf(ctx), {
      action: 'establishment.create',
      targetType: 'establishment',
      targetId: input.finess,
      after: dto,
      reason: reason ?? null,
    });
    return dto;
  });
}
