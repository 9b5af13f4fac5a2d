/**
 * Server-sent events: the live boards subscribe here. Every change published on the event bus — by
 * this instance or, through PostgreSQL LISTEN/NOTIFY, by any other — reaches the clients whose scope
 * covers it. Payloads say what changed, not the data: clients re-read what they may see.
 */
import { ops } from '../../../contracts/operations.ts';
import { API_SECURITY_HEADERS } from '../../http/security-headers.ts';
import { type ModuleDeps, serviceContext } from '../module.ts';
import { revokes, visibleTo } from './events.service.ts';

const HEARTBEAT_MS = 25_000;

export function registerEventRoutes(deps: ModuleDeps): void {
  const { app, events, route, config } = deps;
  // Open streams end when the server closes, so that shutdown does not wait for clients.
  const open = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const end of open) end();
  });
  route(app, ops.streamEvents, {
    action: 'events:stream',
    handler: async (h) => {
      const { user } = serviceContext(deps, h);
      h.reply.hijack();
      const raw = h.reply.raw;
      raw.writeHead(200, {
        ...API_SECURITY_HEADERS,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write(': relais live events\nretry: 3000\n\n');
      let id = 0;
      const unsubscribe = events.subscribe((event) => {
        if (revokes(user, event)) {
          end();
          return;
        }
        if (!visibleTo(user, event)) return;
        raw.write(`id: ${++id}\nevent: ${event.topic}\ndata: ${JSON.stringify(event.payload)}\n\n`);
      });
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
      heartbeat.unref();
      // The stream lives no longer than the session: at expiry the client reconnects and is refused.
      const left = user.expiresAt.getTime() - config.clock.now().getTime();
      const expiry = setTimeout(() => end(), Math.min(Math.max(0, left), 2 ** 31 - 1));
      expiry.unref();
      let stopped = false;
      const stop = () => {
        if (stopped) return;
        stopped = true;
        clearInterval(heartbeat);
        clearTimeout(expiry);
        unsubscribe();
        open.delete(end);
      };
      const end = () => {
        stop();
        raw.end();
      };
      open.add(end);
      // The client went away (or the socket broke): stop listening for it.
      h.request.raw.on('close', stop);
      raw.on('close', stop);
      return '';
    },
  });
}
