/** A stored census refreshes the boards: their queries are read again, not kept until their next poll. */
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { boardKeys, censusKeys, fleetKeys } from '../../api/keys.ts';
import { invalidateAfterCensus } from './invalidate.ts';

describe('invalidateAfterCensus', () => {
  it('marks the national and regional boards and the census stale, and nothing else', async () => {
    const queryClient = new QueryClient();
    const boards = [boardKeys.national(), boardKeys.region('84'), boardKeys.region('11')];
    const census = [censusKeys.campaign('2026-W48'), censusKeys.history('750000001')];
    const other = fleetKeys.devices.list({ offset: 0 });
    for (const key of [...boards, ...census, other]) queryClient.setQueryData(key, { items: [] });

    await invalidateAfterCensus(queryClient);

    const stale = (key: readonly unknown[]) => queryClient.getQueryState(key)?.isInvalidated;
    for (const key of [...boards, ...census]) expect(stale(key), JSON.stringify(key)).toBe(true);
    expect(stale(other)).toBe(false);
  });
});
