/**
 * Live updates: one server-sent event stream per signed-in tab. Events say what changed, not the data;
 * each topic invalidates the queries that show it, so that every open page re-reads what it may see.
 * The connection state is shared for the pages that show "live" or "reconnecting".
 */
import { type QueryKey, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import type { Topic } from '../contracts/events.ts';
import { boardKeys, censusKeys, fleetKeys, regulationKeys, teamKeys } from './api/keys.ts';
import { can, useUser } from './auth.tsx';

export type LiveState = 'connecting' | 'open' | 'closed';

const SETTLE_MS = 300;

const LiveContext = createContext<LiveState>('closed');

/**
 * The queries each topic makes stale (prefixes, as TanStack Query matches them). Every topic the server
 * publishes has its entry, and each key comes from the factories: a new topic or a renamed key fails the type check.
 */
const STALE_BY_TOPIC: Record<Topic, readonly QueryKey[]> = {
  'request.changed': [
    regulationKeys.requests.all,
    regulationKeys.request.all,
    regulationKeys.notifications,
    regulationKeys.loans.all,
    regulationKeys.loan.all,
    regulationKeys.report.all,
  ],
  'fleet.changed': [
    boardKeys.all,
    fleetKeys.devices.all,
    fleetKeys.device.all,
    fleetKeys.stock.all,
    regulationKeys.loans.all,
    regulationKeys.loan.all,
    regulationKeys.options.all,
    regulationKeys.request.all,
    fleetKeys.upkeep.all,
  ],
  'roster.changed': [teamKeys.shifts.all, teamKeys.availability.all, regulationKeys.options.all, teamKeys.team.all],
  'census.changed': [boardKeys.all, censusKeys.all, regulationKeys.options.all],
  // Never reaches a browser: the server closes the stream of a revoked session instead (events.routes.ts).
  'session.revoked': [],
};

export function LiveProvider(props: { children: ReactNode }) {
  const user = useUser();
  const queryClient = useQueryClient();
  const allowed = can(user, 'events:stream');
  const [state, setState] = useState<LiveState>('closed');

  useEffect(() => {
    if (!allowed || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/events');
    setState('connecting');
    source.onopen = () => setState('open');
    // The browser reconnects by itself (the server says after 3 s); meanwhile the pages say so.
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'closed' : 'connecting');
    // A burst of changes (a decision moves a console, a circuit and a request) is read once, a moment
    // later: by then the page that made the change has its answer and shows what is still relevant.
    const timers = new Map<string, ReturnType<typeof setTimeout>>();
    const topics = Object.entries(STALE_BY_TOPIC).filter(([, keys]) => keys.length > 0);
    const listeners = topics.map(([topic, keys]) => {
      const listener = () => {
        clearTimeout(timers.get(topic));
        timers.set(
          topic,
          setTimeout(() => {
            for (const queryKey of keys) void queryClient.invalidateQueries({ queryKey });
          }, SETTLE_MS),
        );
      };
      source.addEventListener(topic, listener);
      return [topic, listener] as const;
    });
    return () => {
      for (const [topic, listener] of listeners) source.removeEventListener(topic, listener);
      for (const timer of timers.values()) clearTimeout(timer);
      source.close();
      setState('closed');
    };
  }, [allowed, queryClient]);

  return <LiveContext.Provider value={state}>{props.children}</LiveContext.Provider>;
}

export const useLiveState = (): LiveState => useContext(LiveContext);
