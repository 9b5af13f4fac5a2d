/**
 * Domain events between app instances. A publication is dispatched at once to this instance's
 * subscribers and sent with NOTIFY to every other instance on the same database (PostgreSQL
 * LISTEN/NOTIFY; PGlite has the same in-process), which dispatch it to theirs.
 */
import { randomUUID } from 'node:crypto';
import type { Topic } from '../../contracts/events.ts';
import type { Database } from '../db/client.ts';
import { notify } from './events.repository.ts';

export interface RelaisEvent {
  topic: Topic;
  payload: Record<string, unknown>;
}
type Handler = (event: RelaisEvent) => void;

const CHANNEL = 'relais_events';

export interface EventBus {
  /** Call after the transaction that made the change has committed. */
  publish(topic: Topic, payload?: Record<string, unknown>): Promise<void>;
  subscribe(handler: Handler): () => void;
  close(): Promise<void>;
}

export async function createEventBus(db: Database): Promise<EventBus> {
  const instance = randomUUID();
  const handlers = new Set<Handler>();
  const dispatch = (event: RelaisEvent): void => {
    for (const h of handlers) {
      try {
        h(event);
      } catch {
        // A failing subscriber must not stop the others.
      }
    }
  };
  const unlisten = await db.listen(CHANNEL, (raw) => {
    try {
      const message = JSON.parse(raw) as RelaisEvent & { from: string };
      if (message.from !== instance) dispatch({ topic: message.topic, payload: message.payload });
    } catch {
      // Not ours or malformed: ignore.
    }
  });
  return {
    async publish(topic, payload = {}) {
      dispatch({ topic, payload });
      await notify(db, CHANNEL, JSON.stringify({ from: instance, topic, payload })).catch(() => {});
    },
    subscribe(handler) {
      handlers.add(handler);
      return () => handlers.delete(handler);
    },
    async close() {
      handlers.clear();
      await unlisten().catch(() => {});
    },
  };
}
