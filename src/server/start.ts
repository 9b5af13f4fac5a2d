/** Opens the database, migrates, seeds when it should, and returns a ready app (used by main and tests). */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { AppConfig } from './config.ts';
import { type Database, openDatabase } from './db/client.ts';
import { migrate } from './db/migrate.ts';
import { createEventBus, type EventBus } from './events/bus.ts';
import { isEmptyDatabase } from './seed/demo.repository.ts';
import { loadDemo } from './seed/demo.ts';

export interface Started {
  app: FastifyInstance;
  db: Database;
  events: EventBus;
  seeded: boolean;
  close(): Promise<void>;
}

export async function startRelais(config: AppConfig, existing?: Database): Promise<Started> {
  const db = existing ?? (await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir }));
  try {
    await migrate(db);
    // Demo data never lands on a server database unasked; an empty embedded one gets it.
    const seed = config.demo || (db.engine === 'pglite' && (await isEmptyDatabase(db)));
    if (seed) await loadDemo(db, config.census, config.clock.now());
    const events = await createEventBus(db);
    const app = await buildApp(config, db, events);
    await app.ready();
    return {
      app,
      db,
      events,
      seeded: seed,
      async close() {
        await app.close();
        await events.close();
        if (!existing) await db.close();
      },
    };
  } catch (error) {
    if (!existing) await db.close();
    throw error;
  }
}
