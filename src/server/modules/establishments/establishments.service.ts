import type { z } from 'zod';
import type {
  TEstablishment,
  ZCreateEstablishment,
  ZEstablishmentListQuery,
} from '../../../contracts/establishments.ts';
import { ESTABLISHMENT_CATEGORIES } from '../../../contracts/establishments.ts';
import { RULE_MESSAGES } from '../../../contracts/messages.ts';
import { finessDepartement } from '../../../domain/identifiers.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { Database } from '../../db/client.ts';
import { conflict, invalid, notFound } from '../../http/errors.ts';
import { actorOf, assertAllowed, type ServiceContext } from '../context.ts';
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
  if (!row) throw notFound(`Establishment ${finess}`);
  return toEstablishmentDto(row);
}

/** Registers an establishment; its département (and so its region) is read from the FINESS number. */
export async function createEstablishment(
  ctx: ServiceContext,
  input: z.output<typeof ZCreateEstablishment>,
): Promise<TEstablishment> {
  const departementCode = finessDepartement(input.finess);
  return ctx.db.transaction(async (tx) => {
    const regionCode = await repo.departementRegion(tx, departementCode);
    if (!regionCode) {
      throw invalid([
        { field: 'body.finess', code: 'finess.departement', message: RULE_MESSAGES['finess.departement'][ctx.locale] },
      ]);
    }
    assertAllowed(ctx.user, 'establishment:create', { regionCode, departementCode, establishment: input.finess });
    if (await repo.findEstablishment(tx, input.finess)) {
      throw conflict(`Establishment ${input.finess} already exists`, [
        {
          field: 'body.finess',
          code: 'duplicate',
          message: ctx.locale === 'fr' ? 'Ce FINESS existe déjà' : 'This FINESS already exists',
        },
      ]);
    }
    const { reason, ...fields } = input;
    await repo.insertEstablishments(tx, [
      {
        ...fields,
        departementCode,
        categoryLabel: ESTABLISHMENT_CATEGORIES[input.categoryCode as keyof typeof ESTABLISHMENT_CATEGORIES],
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
