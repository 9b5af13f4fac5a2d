/**
 * The app's background work in one place: each job runs every `everyMs` (first after `firstAfterMs`),
 * never twice at once on this instance, logs its failure without stopping, and stops with the app.
 * Jobs must be safe to run on several instances at once (each one's SQL makes its effect happen once).
 */
import type { FastifyInstance } from 'fastify';
import { scheduledCheckpoint } from './audit/schedule.ts';
import type { AppConfig } from './config.ts';
import type { Database } from './db/client.ts';
import { remindUpkeep } from './modules/fleet/upkeep.service.ts';
import { notifyOverdue } from './modules/regulation/notifications.service.ts';

export interface Job {
  /** Named in the log when it fails. */
  name: string;
  everyMs: number;
  /** Defaults to `everyMs`. */
  firstAfterMs?: number;
  run: () => Promise<unknown>;
}

/** The jobs this configuration asks for. */
export function appJobs(app: FastifyInstance, db: Database, config: AppConfig): Job[] {
  const jobs: Job[] = [
    // Overdue requests are looked for every minute; a notification is created once.
    {
      name: 'overdue scan',
      everyMs: 60_000,
      run: () => notifyOverdue(db, config.regulation, config.regulation.mail, config.clock.now()),
    },
  ];
  // Reminders ahead of due dates, a minute after start then every `scanMinutes`; each reminder is sent
  // once per console, kind and due date, whichever instance finds it first.
  if (config.upkeep.scanMinutes > 0) {
    jobs.push({
      name: 'upkeep reminder scan',
      firstAfterMs: 60_000,
      everyMs: config.upkeep.scanMinutes * 60_000,
      run: () => remindUpkeep(db, config.upkeep, config.clock.now()),
    });
  }
  const checkpoint = scheduledCheckpoint(app, db, config.audit, config.clock);
  if (checkpoint) jobs.push(checkpoint);
  return jobs;
}

export function startScheduler(app: FastifyInstance, jobs: readonly Job[]): void {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<unknown>>();
  for (const job of jobs) {
    let current: Promise<unknown> | null = null;
    const tick = () => {
      if (current) return;
      current = job
        .run()
        .catch((err) => app.log.error({ err }, `${job.name} failed`))
        .finally(() => {
          if (current) running.delete(current);
          current = null;
        });
      running.add(current);
    };
    const first = setTimeout(() => {
      tick();
      const every = setInterval(tick, job.everyMs);
      every.unref();
      timers.push(every);
    }, job.firstAfterMs ?? job.everyMs);
    first.unref();
    timers.push(first);
  }
  app.addHook('onClose', async () => {
    for (const timer of timers) clearTimeout(timer);
    await Promise.allSettled([...running]);
  });
}
