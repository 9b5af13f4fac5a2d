import { useEffect, useState } from 'react';
import { now as clockNow } from '../clock.ts';

/**
 * The current time on the server's clock, ticking every `every` ms: for the "il y a …" texts and
 * the timers that must stay true on a wall screen left open.
 */
export function useNow(every = 30_000): number {
  const [now, setNow] = useState(() => clockNow());
  useEffect(() => {
    const timer = setInterval(() => setNow(clockNow()), every);
    return () => clearInterval(timer);
  }, [every]);
  return now;
}
