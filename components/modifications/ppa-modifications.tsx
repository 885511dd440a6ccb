import Link from 'next/link';
import type { AllocationNodeShape } from '@/server/contracts/budget';
import type { ModificationSummary } from '@/server/contracts/modification';
import { formatStoredPesos } from '../format';
import { ModificationList } from './modification-list';
import { adjustedItems, netWords } from './modification-model';

/**
 * A PPA's modifications after the lock: the approved allocation, the net of approved modifications and the
 * adjusted allocation of each item they changed (the tree above already shows adjusted figures), the way to
 * request one, and the log of its requests.
 */
export function PpaModifications({
  ppaId,
  tree,
  requests,
  canRequest,
  locked,
}: {
  ppaId: string;
  tree: AllocationNodeShape | null;
  requests: ModificationSummary[];
  canRequest: boolean;
  locked: boolean;
}) {
  const moved = adjustedItems(tree);
  return (
    <section aria-labelledby="modifications" className="space-y-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="modifications" className="text-lg font-semibold">
          Modifications
        </h2>
        {canRequest && locked && (
          <Link
            href={`/ppas/${ppaId}/modifications/new`}
            className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 sm:min-h-9 print:hidden"
          >
            Request a modification
          </Link>
        )}
      </div>
      {tree && (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" aria-label="Original and adjusted allocations">
            <thead>
              <tr className="text-left text-slate-600">
                <th scope="col" className="py-1 pr-3">
                  Item
                </th>
                <th scope="col" className="py-1 pr-3 text-right">
                  Approved allocation
                </th>
                <th scope="col" className="py-1 pr-3 text-right">
                  Modifications
                </th>
                <th scope="col" className="py-1 text-right">
                  Adjusted allocation
                </th>
              </tr>
            </thead>
            <tbody className="tabular-nums">
              <tr className="border-t border-slate-100 font-medium">
                <th scope="row" className="py-1 pr-3 text-left">
                  Whole PPA
                </th>
                <td className="py-1 pr-3 text-right">{formatStoredPesos(tree.originalAllocation)}</td>
                <td className="py-1 pr-3 text-right">{netWords(tree.transfersIn, tree.transfersOut, formatStoredPesos)}</td>
                <td className="py-1 text-right">{formatStoredPesos(tree.allocated)}</td>
              </tr>
              {moved.map((n) => (
                <tr key={n.id} className="border-t border-slate-100">
                  <th scope="row" className="py-1 pr-3 text-left font-normal">
                    {n.title}
                  </th>
                  <td className="py-1 pr-3 text-right">{formatStoredPesos(n.originalAllocation)}</td>
                  <td className="py-1 pr-3 text-right">{netWords(n.transfersIn, n.transfersOut, formatStoredPesos)}</td>
                  <td className="py-1 text-right">{formatStoredPesos(n.allocated)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {moved.length === 0 && <p className="mt-2 text-sm text-slate-600">No approved modification has changed an allocation yet.</p>}
        </div>
      )}
      <h3 className="text-base font-semibold">Modification log</h3>
      <ModificationList requests={requests} showPpa={false} label="Modification log" />
    </section>
  );
}
