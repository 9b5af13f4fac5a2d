/**
 * Scheduled checkpoints of the audit chain: started with the app, every `everyMs`, a checkpoint when the
 * head moved since the last one known (the folder's newest, then this instance's); stopped on close.
 */
import type { FastifyInstance } from 'fastify';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/client.ts';
import { type AuditSettings, checkpointKey, latestCheckpoint, readHead, takeCheckpoint } from './checkpoint.ts';

export function scheduleCheckpoints(app: FastifyInstance, db: Database, settings: AuditSettings, clock: Clock): void {
  if (settings.everyMs <= 0 || (!settings.checkpointDir && !settings.checkpointMail)) return;
  if (!settings.key) {
    app.log.warn('audit checkpoints are off: RELAIS_AUDIT_KEY is not set (no unsigned checkpoint is written)');
    return;
  }
  checkpointKey(settings.key); // a key too short stops the start, in plain words
  let last: number | null = null;
  let running: Promise<void> | null = null;
  const tick = async () => {
    if (last === null) {
      const newest = settings.checkpointDir ? latestCheckpoint(settings.checkpointDir)?.checkpoint : null;
      last = newest?.sequence ?? -1;
    }
    if ((await readHead(db)).sequence <= last) return;
    last = (await takeCheckpoint(db, settings, clock)).checkpoint.sequence;
  };
  const timer = setInterval(() => {
    if (running) return;
    running = tick()
      .catch((err) => app.log.error({ err }, 'audit checkpoint failed'))
      .finally(() => {
        running = null;
      });
  }, settings.everyMs);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
}
