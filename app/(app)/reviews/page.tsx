import type { Metadata } from 'next';
import Link from 'next/link';
import { requireViewer } from '@/app/_lib/server-api';
import { StageBadge } from '@/components/badges';
import { formatManilaDateTime, formatStoredPesos } from '@/components/format';

export const metadata: Metadata = { title: 'Review queue' };

export default async function ReviewQueuePage() {
  const { api } = await requireViewer();
  const queue = await api.ppa.reviewQueue();
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Waiting on my decision</h1>
      {queue.length === 0 ? (
        <p className="rounded-lg bg-white p-8 text-center text-slate-600 ring-1 ring-slate-200">Nothing waits on your decision.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200" aria-label="Review queue">
          {queue.map((item) => (
            <li key={item.id} className="grid gap-1 p-4 md:grid-cols-[1fr_10rem_9rem] md:items-center">
              <div className="min-w-0">
                <Link href={`/ppas/${item.id}`} className="font-medium text-brand-700 hover:underline">
                  {item.title}
                </Link>
                <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
                  <span className="font-semibold">{item.moaCode}</span>
                  <span>FY {item.fiscalYear}</span>
                  <StageBadge stage={item.approvalStage} />
                </div>
              </div>
              <div className="text-sm tabular-nums md:text-right">{formatStoredPesos(item.budgetAllocation)}</div>
              <div
                className={`text-sm md:text-right ${item.daysWaiting > 14 ? 'font-semibold text-rose-700' : item.daysWaiting > 7 ? 'text-amber-700' : 'text-slate-700'}`}
                title={`Waiting since ${formatManilaDateTime(item.waitingSince)}`}
              >
                {item.daysWaiting} {item.daysWaiting === 1 ? 'day' : 'days'} waiting
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
