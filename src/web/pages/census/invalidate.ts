/** What a stored census report changes in the cache, for the form and for a file import. */
import type { QueryClient } from '@tanstack/react-query';
import { boardKeys, censusKeys } from '../../api/keys.ts';

/** The census pages, and the boards, which count the consoles and patients the census reports. */
export async function invalidateAfterCensus(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: censusKeys.all }),
    queryClient.invalidateQueries({ queryKey: boardKeys.all }),
  ]);
}
