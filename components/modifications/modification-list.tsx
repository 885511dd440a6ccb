import Link from 'next/link';
import type { ModificationSummary } from '@/server/contracts/modification';
import { formatManilaDateTime, formatStoredPesos } from '../format';
import { awaitingWords, STATUS_TONE, STATUS_WORDS } from './modification-model';

/** Requests as a list that reads on a phone: one card per request, its status, amount and who it waits on. */
export function ModificationList({ requests, showPpa = true, label }: { requests: ModificationSummary[]; showPpa?: boolean; label: string }) {
  if (requests.length === 0)
    return <p className="rounded-lg bg-white p-6 text-center text-sm text-slate-600 ring-1 ring-slate-200">No modification requests here.</p>;
  return (
    <ul aria-label={label} className="divide-y divide-slate-200 rounded-lg bg-white ring-1 ring-slate-200">
      {requests.map((r) => (
        <li key={r.id} className="grid gap-1 p-4 md:grid-cols-[1fr_10rem_12rem] md:items-center">
          <div className="min-w-0">
            <Link href={`/modifications/${r.id}`} className="font-medium text-brand-700 hover:underline">
              {showPpa ? `${r.ppaTitle} (${r.moaCode})` : `Move ${formatStoredPesos(r.totalAmount)}`}
            </Link>
            <p className="mt-1 line-clamp-2 text-sm text-slate-700">{r.justification}</p>
            <p className="mt-1 text-xs text-slate-600">
              {r.requestedBy} · {formatManilaDateTime(r.submittedAt ?? r.createdAt)}
            </p>
          </div>
          <div className="text-sm tabular-nums md:text-right">{formatStoredPesos(r.totalAmount)}</div>
          <div className="md:text-right">
            <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${STATUS_TONE[r.status]}`}>{STATUS_WORDS[r.status]}</span>
            {r.status === 'submitted' && awaitingWords(r.awaitingRole) && (
              <p className="mt-1 text-xs text-slate-600">waits on {awaitingWords(r.awaitingRole)}</p>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
