/**
 * `npm run relais -- <command>`: administration from a terminal, on the same database as the server
 * (DATABASE_URL or RELAIS_DATA_DIR). Commands go through the same services, policy and audit.
 */

import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { ZCreateUser, ZGrantInput } from '../contracts/users.ts';
import { ROLE_SCOPE_KINDS, ROLES, type Role } from '../domain/roles.ts';
import { verifyAuditChain } from './audit/audit.ts';
import {
  type Checkpoint,
  CheckpointRefused,
  checkpointKey,
  latestCheckpoint,
  parseCheckpoint,
  takeCheckpoint,
  verifyAgainstCheckpoint,
} from './audit/checkpoint.ts';
import type { Clock } from './clock.ts';
import { loadConfig } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { createEventBus, type EventBus } from './events/bus.ts';
import { AppError, renderField, zodFieldErrors } from './http/errors.ts';
import type { ServiceContext } from './modules/context.ts';
import { createUser, grantRole } from './modules/users/users.service.ts';
import { loadDemo } from './seed/demo.ts';
import { loadReferenceData } from './seed/reference.ts';

const USAGE = `Usage: npm run relais -- <command> [options]

  user:create --email E --name N --password P --role R [--scope CODE] [--scope-kind K] [--reason TEXT]
  user:grant  --email E --role R [--scope CODE] [--scope-kind K] [--reason TEXT]
  audit:verify [--checkpoint FILE]
                            check the audit hash chain, and against the latest checkpoint of
                            RELAIS_AUDIT_CHECKPOINT_DIR (or FILE); exit 1 naming the first bad entry
                            or the missing ones
  audit:checkpoint          sign the chain's head (RELAIS_AUDIT_KEY) and keep it outside the database:
                            a file in RELAIS_AUDIT_CHECKPOINT_DIR, a mail to RELAIS_AUDIT_CHECKPOINT_MAIL
  reference:load            load regions, départements and FINESS establishments (idempotent)
  demo:load                 load reference data, the demo accounts and the demo fleet (idempotent)

Roles: admin, national_regulator, regional_regulator (--scope region), clinician and perfusionist
(--scope FINESS), trainer (--scope département), protocol_instructor (--scope region, or none for the nation).`;

/** The command line acts as the system administrator; its audit entries name the OS user. */
function systemContext(db: Database, events: EventBus, clock: Clock): ServiceContext {
  return {
    db,
    events,
    clock,
    locale: 'en',
    ip: null,
    user: {
      id: '00000000-0000-0000-0000-000000000000',
      email: `cli:${userInfo().username}`,
      displayName: 'Command line',
      locale: 'en',
      csrfToken: '',
      sessionHash: '',
      expiresAt: new Date(8.64e15),
      grants: [
        {
          role: 'admin',
          scopeKind: 'nation',
          scopeCode: null,
          regionCode: null,
          departementCode: null,
          scopeLabel: null,
        },
      ],
    },
  };
}

/** The grant the options ask for, unchecked (the schema checks it); the scope kind defaults to the role's first. */
function grantFrom(values: Record<string, string | undefined>): Record<keyof z.input<typeof ZGrantInput>, unknown> {
  const role = values.role ?? '';
  const kind = values['scope-kind'] ?? (isRole(role) ? ROLE_SCOPE_KINDS[role][0] : undefined) ?? 'nation';
  return { role, scopeKind: kind, scopeCode: kind === 'nation' ? null : (values.scope ?? '') };
}

const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

function parseOrExit<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const f of zodFieldErrors(result.error, 'option', 'en')) console.error(`  ${f.field}: ${f.message}`);
  process.exit(2);
}

/** A checkpoint file, or a saved checkpoint mail; null when it holds none. */
function readCheckpointFile(file: string): Checkpoint | null {
  try {
    return parseCheckpoint(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new CheckpointRefused(`cannot read ${file}: ${(error as Error).message}`);
  }
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const { values } = parseArgs({
    args: rest,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      scope: { type: 'string' },
      'scope-kind': { type: 'string' },
      reason: { type: 'string' },
      checkpoint: { type: 'string' },
    },
    strict: true,
  });
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  const db = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrate(db);
    const events = await createEventBus(db);
    switch (command) {
      case 'audit:verify': {
        // The checkpoint given, else the latest of the folder: the chain must still hold its entry.
        let source: { file: string; checkpoint: Checkpoint | null } | null = null;
        if (values.checkpoint) source = { file: values.checkpoint, checkpoint: readCheckpointFile(values.checkpoint) };
        else if (config.audit.checkpointDir) source = latestCheckpoint(config.audit.checkpointDir);
        if (source && !source.checkpoint) {
          console.error(`audit chain NOT CHECKED: ${source.file} is not a checkpoint of Relais`);
          return 1;
        }
        if (source) checkpointKey(config.audit.key, 'check');
        const verdict = source?.checkpoint
          ? await verifyAgainstCheckpoint(db, source.checkpoint, config.audit.key)
          : await verifyAuditChain(db);
        if (verdict.ok) {
          console.log(
            `audit chain intact: ${verdict.entries} entries; ${
              source?.checkpoint
                ? `agrees with checkpoint #${source.checkpoint.sequence} of ${source.checkpoint.at} (${source.file})`
                : 'no checkpoint checked (none given, none in RELAIS_AUDIT_CHECKPOINT_DIR)'
            }`,
          );
          return 0;
        }
        console.error(
          `audit chain BROKEN at entry #${verdict.badSeq}: ${verdict.problem} (${verdict.entries} entries read)`,
        );
        return 1;
      }
      case 'audit:checkpoint': {
        const { checkpoint, file, mailedTo } = await takeCheckpoint(db, config.audit, config.clock);
        const where = [file && `written to ${file}`, mailedTo && `mailed to ${mailedTo}`].filter(Boolean);
        console.log(`audit checkpoint #${checkpoint.sequence} of ${checkpoint.at}: ${where.join(', ')}`);
        return 0;
      }
      case 'user:create': {
        const input = parseOrExit(ZCreateUser, {
          email: values.email,
          displayName: values.name,
          password: values.password,
          grants: [grantFrom(values)],
          reason: values.reason,
        });
        const { user, warnings } = await createUser(systemContext(db, events, config.clock), input);
        console.log(
          `created ${user.email} (${user.id}) with ${user.grants.map((g) => `${g.role}@${g.scopeCode ?? 'nation'}`).join(', ')}`,
        );
        for (const w of warnings) console.warn(`warning: ${w.message}`);
        return 0;
      }
      case 'user:grant': {
        const grant = parseOrExit(ZGrantInput, grantFrom(values));
        const user = await grantRole(
          systemContext(db, events, config.clock),
          String(values.email ?? '').toLowerCase(),
          grant,
          values.reason ?? null,
        );
        console.log(
          `${user.email} now holds ${user.grants.map((g) => `${g.role}@${g.scopeCode ?? 'nation'}`).join(', ')}`,
        );
        return 0;
      }
      case 'reference:load': {
        const load = await db.transaction((tx) => loadReferenceData(tx, config.clock.now()));
        console.log(
          `reference data: ${load.regions} regions, ${load.departements} départements, ${load.establishments} new establishments (${load.skipped.length} skipped)`,
        );
        return 0;
      }
      case 'demo:load': {
        const demo = await loadDemo(db, config.census, config.clock.now());
        console.log(
          `demo: ${demo.establishments} new establishments, ${demo.accounts} new accounts (password relais-demo), ${demo.consoles} consoles`,
        );
        return 0;
      }
      default:
        console.error(`unknown command ${command}\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof CheckpointRefused) {
      console.error(`error: ${error.message}`);
      return 2;
    }
    if (error instanceof AppError) {
      console.error(`error: ${error.message}`);
      for (const f of error.fields ?? []) console.error(`  ${f.field}: ${renderField(f, 'en').message}`);
      return 2;
    }
    throw error;
  } finally {
    await db.close();
  }
}

process.exitCode = await main();
