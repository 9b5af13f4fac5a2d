/** The signed-in user: fetched once, shared through the query cache; null when signed out. */
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import type { TCurrentUser } from '../contracts/auth.ts';
import { ops } from '../contracts/operations.ts';
import type { Action } from '../domain/policy.ts';
import { call, isApiError, setCsrfToken } from './api/client.ts';
import { sessionKeys } from './api/keys.ts';
import { followServerTime } from './clock.ts';

export async function fetchCurrentUser(): Promise<TCurrentUser | null> {
  try {
    const me = await call(ops.getCurrentUser);
    followServerTime(me.serverTime);
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiError(error) && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useCurrentUserQuery() {
  return useQuery({ queryKey: sessionKeys.me, queryFn: fetchCurrentUser, staleTime: 5 * 60_000, retry: false });
}

const UserContext = createContext<TCurrentUser | null>(null);
export const UserProvider = UserContext.Provider;

/** The signed-in user, inside the authenticated part of the app. */
export function useUser(): TCurrentUser {
  const user = useContext(UserContext);
  if (!user) throw new Error('useUser outside the signed-in shell');
  return user;
}

export const can = (user: TCurrentUser, action: Action): boolean => user.permissions.includes(action);
