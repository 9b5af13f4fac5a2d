/**
 * Server-sent events: the live boards subscribe here. Every change published on the event bus — by
 * this instance or, through PostgreSQL LISTEN/NOTIFY, by any other — reaches the clients whose scope
 * covers it. Payloads say what changed, not the data: clients re-read what they may see.
 */
import { ops } from '../../../contracts/operations.ts';
import { isAllowed } from '../../../domain/policy.ts';
import type { RelaisEvent } from '../../events/bus.ts';
import { API_SECURITY_HEADERS } from '../../http/security-headers.ts';
import type { AuthUser } from '../../http/session.ts';
import type { ModuleDeps } from '../module.ts';

const HEARTBEAT_MS = 25_000;

const text = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Whether the signed-in user may see this event: a request's change where they may read the request. */
function visible(user: AuthUser, event: RelaisEvent): boolean {
  if (event.topic === 'session.revoked') return false;
  if (event.topic === 'request.changed') {
    const region = text(event.payload.region);
    if (region === null) return isAllowed(user.grants, 'notification:read');
    return isAllowed(user.grants, 'request:read', {
      regionCode: region,
      departementCode: text(event.payload.departement),
      establishment: text(event.payload.finess),
    });
  }
  return true;
}

/** A sign-out or a change of the user's roles ends their stream: the grants it filters with are gone. */
function revokes(user: AuthUser, event: RelaisEvent): boolean {
  return (
    event.topic === 'session.revoked' && (event.payload.user === user.id || event.payload.session === user.sessionHash)
  );
}

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
      const user = h.user as AuthUser;
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
        if (!visible(user, event)) return;
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
      return '' as never;
    },
  });
}
