'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { formatManilaDateTime } from '../format';
import { useTRPC } from '../trpc-provider';
import { actorText, changeText } from './history-model';

const PAGE = 15;

/**
 * A PPA's history, newest first: who, when (Manila time), what in planner words, and old → new. Older
 * entries load a page at a time. The tree's changes refresh it (useTreeMutations invalidates it).
 */
export function PpaHistory({ ppaId }: { ppaId: string }) {
  const trpc = useTRPC();
  const history = useInfiniteQuery(
    trpc.history.ppa.infiniteQueryOptions({ id: ppaId, limit: PAGE }, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );

  if (history.isPending)
    return (
      <p role="status" className="mt-2 text-sm text-slate-600">
        Loading the history…
      </p>
    );
  if (history.isError)
    return (
      <p role="alert" className="mt-2 text-sm text-rose-700">
        {history.error.message}
      </p>
    );
  const entries = history.data.pages.flatMap((p) => p.entries);
  if (entries.length === 0) return <p className="mt-2 text-sm text-slate-600">Nothing has changed yet.</p>;

  return (
    <div className="mt-2">
      <ol aria-label="History entries" className="divide-y divide-slate-100">
        {entries.map((entry) => (
          <li key={entry.id} className="history-entry py-2 text-sm">
            <p>
              <span className="font-medium">{entry.summary}</span>
            </p>
            <p className="text-xs text-slate-600">
              {actorText(entry)} · <time dateTime={entry.at}>{formatManilaDateTime(entry.at)}</time>
            </p>
            {entry.changes.length > 0 && (
              <ul className="mt-1 space-y-0.5 text-slate-700">
                {entry.changes.map((change, i) => (
                  <li key={i} className="tabular-nums">
                    {changeText(change)}
                  </li>
                ))}
              </ul>
            )}
            {entry.reason && <p className="mt-1 text-slate-700">Reason: “{entry.reason}”</p>}
          </li>
        ))}
      </ol>
      {history.hasNextPage && (
        <button
          type="button"
          onClick={() => history.fetchNextPage()}
          disabled={history.isFetchingNextPage}
          className="mt-2 inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-60 sm:min-h-9"
        >
          {history.isFetchingNextPage ? 'Loading…' : 'Show older changes'}
        </button>
      )}
    </div>
  );
}
