'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { formatManilaDateTime } from './format';
import { humanize } from './labels';
import { useTRPC } from './trpc-provider';
import { Skeleton } from './skeleton';

const SEVERITY_COLOURS: Record<string, string> = {
  critical: 'bg-rose-600 text-white',
  high: 'bg-rose-100 text-rose-800',
  medium: 'bg-amber-100 text-amber-800',
  low: 'bg-slate-100 text-slate-700',
  info: 'bg-sky-100 text-sky-800',
};

/** Alerts, newest first, with acknowledge and resolve for those who may (the server decides who may). */
export function AlertsList({ ppaId, canAct, showPpa = false }: { ppaId?: string; canAct: boolean; showPpa?: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [includeResolved, setIncludeResolved] = useState(false);
  const alerts = useQuery(trpc.alert.list.queryOptions({ ppaId, open: includeResolved ? undefined : true }));
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.alert.list.queryKey() });
  const acknowledge = useMutation(trpc.alert.acknowledge.mutationOptions({ onSuccess: refresh }));
  const resolve = useMutation(trpc.alert.resolve.mutationOptions({ onSuccess: refresh }));

  return (
    <div className="space-y-3">
      <label className="flex items-center gap-2 text-sm print:hidden">
        <input type="checkbox" checked={includeResolved} onChange={(e) => setIncludeResolved(e.target.checked)} />
        Show resolved alerts too
      </label>
      {alerts.isPending ? (
        <Skeleton label="Loading alerts…" rows={2} rowHeight="h-12" />
      ) : alerts.isError ? (
        <p role="alert" className="text-sm text-rose-700">
          {alerts.error.message}
        </p>
      ) : alerts.data.length === 0 ? (
        <p className="text-sm text-slate-600">No {includeResolved ? '' : 'open '}alerts.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md ring-1 ring-slate-200" aria-label="Alerts">
          {alerts.data.map((a) => (
            <li key={a.id} className="flex flex-wrap items-start justify-between gap-2 p-3 text-sm">
              <div className="min-w-0">
                <p>
                  <span className={`mr-2 rounded px-1.5 py-0.5 text-xs font-semibold ${SEVERITY_COLOURS[a.severity]}`}>{humanize(a.severity)}</span>
                  <span className="font-medium">{a.title}</span>
                </p>
                <p className="mt-1 text-slate-700">{a.message}</p>
                <p className="mt-1 text-xs text-slate-500">
                  {humanize(a.type)} · {formatManilaDateTime(a.createdAt)}
                  {showPpa && (
                    <>
                      {' '}
                      ·{' '}
                      <Link href={`/ppas/${a.ppaId}`} className="text-brand-700 hover:underline">
                        {a.moaCode}: {a.ppaTitle}
                      </Link>
                    </>
                  )}
                  {a.acknowledgedAt && ` · acknowledged ${formatManilaDateTime(a.acknowledgedAt)}`}
                  {a.resolvedAt && ` · resolved ${formatManilaDateTime(a.resolvedAt)}`}
                </p>
              </div>
              {canAct && !a.resolvedAt && (
                <div className="flex gap-2">
                  {!a.acknowledgedAt && (
                    <button
                      type="button"
                      onClick={() => acknowledge.mutate({ id: a.id })}
                      className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50"
                    >
                      Acknowledge
                    </button>
                  )}
                  <button
                    type="button"
                    onClick={() => resolve.mutate({ id: a.id })}
                    className="rounded border border-emerald-400 px-2 py-1 text-emerald-800 hover:bg-emerald-50"
                  >
                    Resolve
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
