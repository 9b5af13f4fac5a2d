/**
 * Scheduled checkpoints of the audit chain, a job of the app's scheduler: every `everyMs`, a checkpoint
 * when the head moved since the last one known (the folder's newest, then this instance's).
 */
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/client.ts';
import type { Job } from '../scheduler.ts';
import { type AuditSettings, checkpointKey, latestCheckpoint, readHead, takeCheckpoint } from './checkpoint.ts';

/** The checkpoint job, when checkpoints are asked for (a folder or a mailbox, and a key). */
export function scheduledCheckpoint(
  app: FastifyInstance,
  db: Database,
  settings: AuditSettings,
  clock: Clock,
): Job | null {
  if (settings.everyMs <= 0 || (!settings.checkpointDir && !settings.checkpointMail)) return null;
  if (!settings.key) {
    app.log.warn('audit checkpoints are off: RELAIS_AUDIT_KEY is not set (no unsigned checkpoint is written)');
    return null;
  }
  checkpointKey(settings.key); // a key too short stops the start, in plain words
  let last: number | null = null;
  return {
    name: 'audit checkpoint',
    everyMs: settings.everyMs,
    run: async () => {
      if (last === null) {
        const newest = settings.checkpointDir ? latestCheckpoint(settings.checkpointDir)?.checkpoint : null;
        last = newest?.sequence ?? -1;
      }
      if ((await readHead(db)).sequence <= last) return;
      last = (await takeCheckpoint(db, settings, clock)).checkpoint.sequence;
    },
  };
}
