/**
 * Equipment upkeep: the pre-use check a qualified professional signs before a run, maintenance and
 * calibration records with the next due date from the model's interval, the list of consoles due,
 * and reminders ahead of due dates to the owning establishment's perfusionists. A console overdue
 * or awaiting a check is blocked: the options engine never offers it.
 */
import type { z } from 'zod';
import type { ZMaintenanceDueQuery, ZRecordCheck, ZRecordMaintenance } from '../../../contracts/teams.ts';
import { isAllowed, reachOf } from '../../../domain/policy.ts';
import type { Location } from '../../../domain/roles.ts';
import { qualificationValidOn } from '../../../domain/teams.ts';
import { parisDate } from '../../../domain/time.ts';
import { checkPasses, dueAfter, fitToGo, intervalsOf, upkeepState } from '../../../domain/upkeep.ts';
import { appendAudit } from '../../audit/audit.ts';
import type { UpkeepSettings } from '../../config.ts';
import type { Database, Queryable } from '../../db/client.ts';
import { createParams, reachCondition } from '../../db/sql.ts';
import { forbidden, invalid, notFound } from '../../http/errors.ts';
import { queueMails } from '../../mail/mailer.ts';
import { actorOf, type ServiceContext } from '../context.ts';
import { qualificationsOf, toQualification } from './professionals.service.ts';
import { assertFilters, msg, today, ymd } from './shared.ts';

/** Qualifications that let someone sign a pre-use check: a perfusionist's, or an ECMO competence. */
const SIGNING = ['perfusion_master', 'be_agrement', 'ecmo_vv', 'ecmo_va'] as const;

interface ConsoleRow {
  id: string;
  serial_number: string;
  model: string;
  status: string;
  owner_finess: string | null;
  owner_name: string | null;
  site_id: string;
  site_name: string;
  region_code: string;
  departement_code: string;
  site_finess: string | null;
  maintenance_due: string | null;
  calibration_due: string | null;
  check_required: boolean;
  owner_region: string | null;
  owner_departement: string | null;
}

const CONSOLE_SELECT = `SELECT c.id, c.serial_number, c.model, c.status, c.owner_finess, oe.name AS owner_name,
  coalesce(c.site_finess, c.site_depot) AS site_id, coalesce(se.name, sp.name) AS site_name, sd.region_code, sd.code AS departement_code,
  c.site_finess, ${ymd('c.maintenance_due', 'maintenance_due')}, ${ymd('c.calibration_due', 'calibration_due')}, c.check_required,
  od.region_code AS owner_region, od.code AS owner_departement
  FROM consoles c
  LEFT JOIN establishments se ON se.finess = c.site_finess LEFT JOIN depots sp ON sp.id = c.site_depot
  JOIN departements sd ON sd.code = coalesce(se.departement_code, sp.departement_code)
  LEFT JOIN establishments oe ON oe.finess = c.owner_finess LEFT JOIN departements od ON od.code = oe.departement_code`;

/** Where a console is, and whose it is: either side's scope may see and keep it. */
function locations(c: ConsoleRow): Location[] {
  const out: Location[] = [
    { regionCode: c.region_code, departementCode: c.departement_code, establishment: c.site_finess },
  ];
  if (c.owner_finess && c.owner_region) {
    out.push({ regionCode: c.owner_region, departementCode: c.owner_departement, establishment: c.owner_finess });
  }
  return out;
}

async function reachableConsole(
  ctx: ServiceContext,
  db: Queryable,
  id: string,
  write: boolean,
  lock = false,
): Promise<ConsoleRow> {
  if (lock) await db.query('SELECT id FROM consoles WHERE id = $1 FOR UPDATE', [id]);
  const [c] = await db.query<ConsoleRow>(`${CONSOLE_SELECT} WHERE c.id = $1`, [id]);
  if (!c || !locations(c).some((l) => isAllowed(ctx.user.grants, 'upkeep:read', l))) throw notFound('Console');
  if (write && !locations(c).some((l) => isAllowed(ctx.user.grants, 'upkeep:write', l))) throw forbidden();
  return c;
}

async function lastChecks(db: Queryable, ids: readonly string[]) {
  const rows = await db.query<{
    id: string;
    console_id: string;
    checked_at: Date;
    signed_by: string;
    signer: string;
    items: Record<string, boolean>;
    passed: boolean;
    notes: string | null;
  }>(
    `SELECT DISTINCT ON (k.console_id) k.id, k.console_id, k.checked_at, k.signed_by, p.first_name || ' ' || p.last_name AS signer,
       k.items, k.passed, k.notes
     FROM device_checks k JOIN professionals p ON p.id = k.signed_by WHERE k.console_id = ANY($1::uuid[])
     ORDER BY k.console_id, k.checked_at DESC`,
    [ids],
  );
  return new Map(
    rows.map((r) => [
      r.console_id,
      {
        id: r.id,
        consoleId: r.console_id,
        checkedAt: new Date(r.checked_at).toISOString(),
        signedBy: { id: r.signed_by, name: r.signer },
        items: r.items,
        passed: r.passed,
        notes: r.notes,
      },
    ]),
  );
}

function summary(
  c: ConsoleRow,
  on: string,
  soonDays: number,
  check: ReturnType<typeof lastChecks> extends Promise<Map<string, infer V>> ? V | undefined : never,
) {
  return {
    consoleId: c.id,
    serialNumber: c.serial_number,
    model: c.model,
    site: { id: c.site_id, name: c.site_name },
    owner: c.owner_finess ? { finess: c.owner_finess, name: c.owner_name ?? c.owner_finess } : null,
    status: c.status,
    maintenanceDue: c.maintenance_due,
    calibrationDue: c.calibration_due,
    maintenance: upkeepState(c.maintenance_due, on, soonDays),
    calibration: upkeepState(c.calibration_due, on, soonDays),
    checkRequired: c.check_required,
    blocked: !fitToGo(
      { maintenanceDue: c.maintenance_due, calibrationDue: c.calibration_due, checkRequired: c.check_required },
      on,
    ),
    lastCheck: check ?? null,
  };
}

async function upkeepDto(db: Queryable, c: ConsoleRow, settings: UpkeepSettings, on: string) {
  const checks = await lastChecks(db, [c.id]);
  const records = await db.query<{
    id: string;
    kind: 'maintenance' | 'calibration';
    performed_on: string;
    performed_by: string;
    notes: string | null;
    next_due: string;
    recorded_by: string | null;
  }>(
    `SELECT r.id, r.kind, ${ymd('r.performed_on', 'performed_on')}, r.performed_by, r.notes, ${ymd('r.next_due', 'next_due')},
       u.email AS recorded_by
     FROM maintenance_records r LEFT JOIN users u ON u.id = r.created_by WHERE r.console_id = $1 ORDER BY r.performed_on DESC, r.created_at DESC LIMIT 50`,
    [c.id],
  );
  return {
    ...summary(c, on, settings.reminderDays, checks.get(c.id)),
    records: records.map((r) => ({
      id: r.id,
      consoleId: c.id,
      kind: r.kind,
      performedOn: r.performed_on,
      performedBy: r.performed_by,
      notes: r.notes,
      nextDue: r.next_due,
      recordedBy: r.recorded_by ?? 'system',
    })),
  };
}

export async function getDeviceUpkeep(ctx: ServiceContext, settings: UpkeepSettings, id: string) {
  return upkeepDto(ctx.db, await reachableConsole(ctx, ctx.db, id, false), settings, today(ctx.clock));
}

export async function recordDeviceCheck(
  ctx: ServiceContext,
  settings: UpkeepSettings,
  id: string,
  body: z.output<typeof ZRecordCheck>,
) {
  const out = await ctx.db.transaction(async (tx) => {
    const c = await reachableConsole(ctx, tx, id, true, true);
    const actor = actorOf(ctx);
    const on = parisDate(actor.at);
    const quals = (await qualificationsOf(tx, [body.signedBy])).get(body.signedBy);
    const [signer] = await tx.query<{ id: string }>('SELECT id FROM professionals WHERE id = $1', [body.signedBy]);
    const qualified = (quals ?? []).some(
      (q) => (SIGNING as readonly string[]).includes(q.kind) && qualificationValidOn(toQualification(q), on),
    );
    if (!signer || !qualified) {
      throw invalid([
        {
          field: 'body.signedBy',
          code: signer ? 'not_qualified' : 'unknown_professional',
          message: signer
            ? msg(
                ctx,
                'Le signataire n’a pas de qualification valide pour ce contrôle (master perfusion, agrément, compétence ECMO).',
                'The signer holds no valid qualification for this check (perfusion master, agrément, ECMO competence).',
              )
            : msg(ctx, 'Professionnel inconnu.', 'Unknown professional.'),
        },
      ]);
    }
    // The signer works where the console stands or at its owner (a depot's console: any qualified professional).
    const places = [c.site_finess, c.owner_finess].filter((f): f is string => f !== null);
    if (places.length) {
      const [works] = await tx.query(
        'SELECT 1 FROM professional_establishments WHERE professional_id = $1 AND finess = ANY($2::text[])',
        [body.signedBy, places],
      );
      if (!works) {
        throw invalid([
          {
            field: 'body.signedBy',
            code: 'not_on_site',
            message: msg(
              ctx,
              'Le signataire ne travaille ni là où se trouve la console ni chez son propriétaire.',
              'The signer works neither where the console stands nor at its owner.',
            ),
          },
        ]);
      }
    }
    const passed = checkPasses(body.items);
    const [check] = await tx.query<{ id: string }>(
      'INSERT INTO device_checks (console_id, signed_by, items, passed, notes, created_by, checked_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id',
      [id, body.signedBy, JSON.stringify(body.items), passed, body.notes, ctx.user.id, actor.at],
    );
    // A passing check clears a pending one; a failing check holds the console back until another passes.
    await tx.query('UPDATE consoles SET check_required = $2, version = version + 1, updated_at = $3 WHERE id = $1', [
      id,
      !passed,
      actor.at,
    ]);
    await tx.query(
      `INSERT INTO console_events (console_id, actor_id, actor_label, kind, reason, at) VALUES ($1, $2, $3, 'updated', $4, $5)`,
      [
        id,
        ctx.user.id,
        ctx.user.email,
        passed ? 'Pre-use check passed' : 'Pre-use check failed: console held back',
        actor.at,
      ],
    );
    await appendAudit(tx, actor, {
      action: 'device.check',
      targetType: 'console',
      targetId: id,
      before: { checkRequired: c.check_required },
      after: { check: check?.id, passed, items: body.items, signedBy: body.signedBy },
      reason: body.notes,
    });
    return upkeepDto(tx, { ...c, check_required: !passed }, settings, on);
  });
  await ctx.events.publish('fleet.changed', { console: id });
  return out;
}

async function intervalDays(
  db: Queryable,
  model: string,
  kind: 'maintenance' | 'calibration',
  settings: UpkeepSettings,
) {
  const [row] = await db.query<{ maintenance_days: number; calibration_days: number }>(
    'SELECT maintenance_days, calibration_days FROM upkeep_intervals WHERE model = $1',
    [model],
  );
  const intervals = intervalsOf(
    model,
    row ? { maintenanceDays: row.maintenance_days, calibrationDays: row.calibration_days } : null,
    settings,
  );
  return kind === 'maintenance' ? intervals.maintenanceDays : intervals.calibrationDays;
}

export async function recordMaintenance(
  ctx: ServiceContext,
  settings: UpkeepSettings,
  id: string,
  body: z.output<typeof ZRecordMaintenance>,
) {
  const actor = actorOf(ctx);
  const on = parisDate(actor.at);
  if (body.performedOn > on) {
    throw invalid([
      {
        field: 'body.performedOn',
        code: 'in_future',
        message: msg(
          ctx,
          'L’intervention ne peut pas être datée dans le futur.',
          'The intervention cannot be dated in the future.',
        ),
      },
    ]);
  }
  const out = await ctx.db.transaction(async (tx) => {
    const c = await reachableConsole(ctx, tx, id, true, true);
    if (body.professionalId) {
      const [p] = await tx.query('SELECT 1 FROM professionals WHERE id = $1', [body.professionalId]);
      if (!p)
        throw invalid([
          {
            field: 'body.professionalId',
            code: 'unknown_professional',
            message: msg(ctx, 'Professionnel inconnu.', 'Unknown professional.'),
          },
        ]);
    }
    const nextDue = dueAfter(body.performedOn, await intervalDays(tx, c.model, body.kind, settings));
    await tx.query(
      `INSERT INTO maintenance_records (console_id, kind, performed_on, performed_by, professional_id, notes, next_due, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        id,
        body.kind,
        body.performedOn,
        body.performedBy,
        body.professionalId,
        body.notes,
        nextDue,
        ctx.user.id,
        actor.at,
      ],
    );
    // The latest intervention sets the due date: recording an older one never moves it back.
    const column = body.kind === 'maintenance' ? 'maintenance_due' : 'calibration_due';
    await tx.query(
      `UPDATE consoles SET ${column} = (SELECT next_due FROM maintenance_records WHERE console_id = $1 AND kind = $2
         ORDER BY performed_on DESC, created_at DESC LIMIT 1), version = version + 1, updated_at = $3 WHERE id = $1`,
      [id, body.kind, actor.at],
    );
    await tx.query(
      `INSERT INTO console_events (console_id, actor_id, actor_label, kind, reason, at) VALUES ($1, $2, $3, 'updated', $4, $5)`,
      [
        id,
        ctx.user.id,
        ctx.user.email,
        `${body.kind} on ${body.performedOn} by ${body.performedBy}; next due ${nextDue}`,
        actor.at,
      ],
    );
    const [after] = await tx.query<ConsoleRow>(`${CONSOLE_SELECT} WHERE c.id = $1`, [id]);
    await appendAudit(tx, actor, {
      action: `device.${body.kind}`,
      targetType: 'console',
      targetId: id,
      before: { maintenanceDue: c.maintenance_due, calibrationDue: c.calibration_due },
      after: { ...body, nextDue, maintenanceDue: after?.maintenance_due, calibrationDue: after?.calibration_due },
      reason: body.notes,
    });
    return upkeepDto(tx, after as ConsoleRow, settings, on);
  });
  await ctx.events.publish('fleet.changed', { console: id });
  return out;
}

export async function listMaintenanceDue(
  ctx: ServiceContext,
  settings: UpkeepSettings,
  q: z.output<typeof ZMaintenanceDueQuery>,
) {
  await assertFilters(ctx, 'upkeep:read', q);
  const on = today(ctx.clock);
  const until = dueAfter(on, q.withinDays);
  const p = createParams();
  const where: string[] = [
    `(c.maintenance_due <= ${p.add(until)}::date OR c.calibration_due <= $${p.values.length}::date OR c.check_required)`,
  ];
  const scoped = reachCondition(
    reachOf(ctx.user.grants, 'upkeep:read'),
    {
      regions: ['sd.region_code', 'od.region_code'],
      departements: ['sd.code', 'od.code'],
      establishments: ['c.site_finess', 'c.owner_finess'],
    },
    p,
  );
  if (scoped) where.push(scoped);
  if (q.region) where.push(`(sd.region_code = ${p.add(q.region)} OR od.region_code = $${p.values.length})`);
  if (q.finess) where.push(`(c.site_finess = ${p.add(q.finess)} OR c.owner_finess = $${p.values.length})`);
  const rows = await ctx.db.query<ConsoleRow & { total: number }>(
    `${CONSOLE_SELECT.replace('SELECT c.id,', 'SELECT count(*) OVER ()::int AS total, c.id,')} WHERE ${where.join(' AND ')}
     ORDER BY least(coalesce(c.maintenance_due, '9999-12-31'), coalesce(c.calibration_due, '9999-12-31')), c.serial_number
     LIMIT ${p.add(q.limit)} OFFSET ${p.add(q.offset)}`,
    p.values,
  );
  const checks = await lastChecks(
    ctx.db,
    rows.map((r) => r.id),
  );
  return {
    today: on,
    items: rows.map((r) => summary(r, on, settings.reminderDays, checks.get(r.id))),
    total: rows[0]?.total ?? 0,
    limit: q.limit,
    offset: q.offset,
  };
}

/**
 * Reminds the perfusionists of a console's owning establishment (or of where it stands, for the
 * national stock's nobody) of a due date within `reminderDays`, once per console, kind and due date:
 * its perfusionist accounts and the perfusionists on record there with an e-mail address.
 */
export async function remindUpkeep(db: Database, settings: UpkeepSettings, now: Date): Promise<number> {
  const until = dueAfter(parisDate(now), settings.reminderDays);
  const due = await db.query<{
    id: string;
    serial_number: string;
    model: string;
    finess: string;
    kind: string;
    due: string;
  }>(
    `SELECT c.id, c.serial_number, c.model, coalesce(c.owner_finess, c.site_finess) AS finess, k.kind, ${ymd('k.due', 'due')}
     FROM consoles c CROSS JOIN LATERAL (VALUES ('maintenance', c.maintenance_due), ('calibration', c.calibration_due)) AS k(kind, due)
     WHERE k.due IS NOT NULL AND k.due <= $1::date AND coalesce(c.owner_finess, c.site_finess) IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM upkeep_reminders r WHERE r.console_id = c.id AND r.kind = k.kind AND r.due = k.due)`,
    [until],
  );
  let sent = 0;
  for (const d of due) {
    await db.transaction(async (tx) => {
      const created = await tx.query(
        'INSERT INTO upkeep_reminders (console_id, kind, due, sent_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING console_id',
        [d.id, d.kind, d.due, now],
      );
      if (created.length === 0) return;
      // Its perfusionists: the accounts of the establishment, and the professionals on record with an address.
      const recipients = await tx.query<{ email: string }>(
        `SELECT u.email FROM users u JOIN user_roles r ON r.user_id = u.id
         WHERE u.active AND r.role = 'perfusionist' AND r.scope_kind = 'establishment' AND r.scope_code = $1
         UNION
         SELECT p.email FROM professionals p JOIN professional_establishments pe ON pe.professional_id = p.id
         WHERE pe.finess = $1 AND p.profession = 'perfusionist' AND p.email IS NOT NULL
         ORDER BY 1`,
        [d.finess],
      );
      const what = d.kind === 'maintenance' ? 'maintenance' : 'étalonnage';
      await queueMails(
        tx,
        recipients.map((r) => ({
          to: r.email,
          subject: `Relais — ${what} de la console ${d.serial_number} à faire avant le ${d.due}`,
          body: `La console ${d.model} n° ${d.serial_number} arrive à échéance de ${what} le ${d.due}. Passée cette date, elle n'est plus proposée par la régulation.\n\nEnregistrez l'intervention dans Relais (fiche de la console).`,
        })),
        settings.mail,
        now,
      );
      await appendAudit(
        tx,
        { id: null, label: 'system', at: now },
        {
          action: 'device.upkeep_reminder',
          targetType: 'console',
          targetId: d.id,
          after: { kind: d.kind, due: d.due, recipients: recipients.length },
        },
      );
      sent++;
    });
  }
  return sent;
}
