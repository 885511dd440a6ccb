import Link from 'next/link';
import type { PpaListItem, PpaListSort, PpaListTotals } from '@/server/contracts/ppa';
import { ProgressBar, StageBadge, StatusBadge } from './badges';
import { formatStoredPesos } from './format';
import { percentText } from './portfolio/chart-model';
import { ariaSort, sortHref, type ListSearch } from './ppa-list-model';

const SORT_LABELS: Record<PpaListSort, string> = {
  title: 'Title',
  allocation: 'Allocation',
  utilisation: 'Utilisation',
  progress: 'Progress',
  stage: 'Stage',
  daysInStage: 'Days in stage',
};

/** The sort choices a phone gets in place of the table's column headers. */
function SortLinks({ search }: { search: ListSearch }) {
  return (
    <nav aria-label="Sort the PPAs" className="flex flex-wrap items-center gap-x-1 gap-y-1 text-sm">
      <span className="mr-1 text-slate-600">Sort:</span>
      {(Object.keys(SORT_LABELS) as PpaListSort[]).map((column) => {
        const state = ariaSort(search, column);
        return (
          <Link
            key={column}
            href={sortHref(search, column)}
            aria-current={state ? 'true' : undefined}
            className={`inline-flex min-h-11 min-w-11 items-center justify-center rounded-md px-2 ${state ? 'bg-brand-50 font-semibold text-brand-900' : 'text-brand-700'}`}
          >
            {SORT_LABELS[column]}
            {state && (
              <span aria-hidden="true" className="ml-1">
                {state === 'ascending' ? '▲' : '▼'}
              </span>
            )}
            {state && <span className="sr-only">, sorted {state}; activate to reverse</span>}
          </Link>
        );
      })}
    </nav>
  );
}

function Figure({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-600">{label}</dt>
      <dd className="tabular-nums">{children}</dd>
    </div>
  );
}

/**
 * The PPA list on a phone: one card per PPA with everything the table's row has (stage and utilisation
 * included), instead of a table that hides half its columns behind a sideways scroll.
 */
export function PpaCards({ items, totals, allShown, search }: { items: PpaListItem[]; totals: PpaListTotals; allShown: boolean; search: ListSearch }) {
  return (
    <div className="space-y-3 md:hidden">
      <SortLinks search={search} />
      <ul aria-label="PPAs" className="space-y-3">
        {items.map((ppa) => (
          <li key={ppa.id} className="rounded-lg bg-white p-3 text-sm ring-1 ring-slate-200" data-testid="ppa-card">
            <Link href={`/ppas/${ppa.id}`} className="font-medium text-brand-700 hover:underline">
              {ppa.title}
            </Link>
            <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
              <span className="font-semibold">{ppa.moa.code}</span>
              <span>FY {ppa.fiscalYear}</span>
              <StatusBadge status={ppa.status} />
              <StageBadge stage={ppa.approvalStage} />
              <span>
                {ppa.daysInStage} {ppa.daysInStage === 1 ? 'day' : 'days'} in stage
              </span>
            </div>
            <dl className="mt-2 grid grid-cols-2 gap-x-3 gap-y-1">
              <Figure label="Allocation">{formatStoredPesos(ppa.budgetAllocation)}</Figure>
              <Figure label="Utilisation">{percentText(ppa.utilisation)}</Figure>
              <Figure label="Obligations">{formatStoredPesos(ppa.obligations)}</Figure>
              <Figure label="Disbursements">{formatStoredPesos(ppa.disbursements)}</Figure>
            </dl>
            <div className="mt-2">
              <ProgressBar value={ppa.progress} label={`Progress of ${ppa.title}`} />
            </div>
          </li>
        ))}
      </ul>
      <dl className="grid grid-cols-2 gap-x-3 gap-y-1 rounded-lg bg-slate-50 p-3 text-sm font-semibold ring-1 ring-slate-300" data-testid="totals-card">
        <div className="col-span-2">
          Total · {totals.count.toLocaleString('en-PH')} {totals.count === 1 ? 'PPA' : 'PPAs'}
          {!allShown && <span className="font-normal text-slate-600"> (all pages)</span>}
        </div>
        <Figure label="Allocation">{formatStoredPesos(totals.budgetAllocation)}</Figure>
        <Figure label="Utilisation">{percentText(totals.utilisation)}</Figure>
        <Figure label="Obligations">{formatStoredPesos(totals.obligations)}</Figure>
        <Figure label="Disbursements">{formatStoredPesos(totals.disbursements)}</Figure>
      </dl>
    </div>
  );
}
