import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { requireViewer } from '@/app/_lib/server-api';
import { ProgressBar, StageBadge, StatusBadge } from '@/components/badges';
import { formatStoredPesos } from '@/components/format';
import { PpaCards } from '@/components/ppa-list-cards';
import { PpaFilters } from '@/components/ppa-filters';
import { ariaSort, exportHref, sortHref, type ListSearch } from '@/components/ppa-list-model';
import { percentText } from '@/components/portfolio/chart-model';
import type { PpaListSort } from '@/server/contracts/ppa';
import { listRequestFromSearch } from '@/server/contracts/ppa-list-search';

export const metadata: Metadata = { title: 'PPAs' };

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

/** A column header that sorts the list: a link (keyboard reachable), its state in aria-sort. */
function SortHeader({ search, column, label, className = '' }: { search: ListSearch; column: PpaListSort; label: string; className?: string }) {
  const state = ariaSort(search, column);
  const arrow = state === 'ascending' ? '▲' : state === 'descending' ? '▼' : '↕';
  return (
    <th scope="col" aria-sort={state} className={`px-3 py-2 font-medium ${className}`}>
      <Link
        href={sortHref(search, column)}
        className="inline-flex min-h-6 items-center gap-1 hover:underline focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        {label}
        <span aria-hidden="true" className={state ? 'text-slate-900' : 'text-slate-400'}>
          {arrow}
        </span>
        <span className="sr-only">{state ? `, sorted ${state}; activate to reverse` : ', activate to sort'}</span>
      </Link>
    </th>
  );
}

export default async function PpaListPage({ searchParams }: { searchParams: Promise<ListSearch> }) {
  const search = await searchParams;
  const { viewer, api } = await requireViewer();
  const filters = listRequestFromSearch(search);
  // A cursor from another sort or a hand-edited URL is refused by the API; the page then shows the first page.
  const list = (cursor: string | undefined) => api.ppa.list({ ...filters, cursor, withTotals: true });
  const [page, moas] = await Promise.all([
    list(filters.cursor).catch((error: unknown) =>
      filters.cursor && error instanceof TRPCError && error.code === 'BAD_REQUEST' ? list(undefined) : Promise.reject(error),
    ),
    api.moa.list(),
  ]);
  const totals = page.totals!;
  const nextParams = new URLSearchParams(Object.entries(search).flatMap(([k, v]) => (k !== 'cursor' && typeof v === 'string' && v ? [[k, v]] : [])));
  if (page.nextCursor) nextParams.set('cursor', page.nextCursor);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">Programs, Projects and Activities</h1>
        {(viewer.role === 'planner' || viewer.role === 'admin') && (
          <Link
            href="/ppas/new"
            className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 sm:min-h-9"
          >
            New PPA
          </Link>
        )}
      </div>
      <PpaFilters
        moas={moas}
        values={{
          fy: first(search.fy),
          moa: first(search.moa),
          sector: first(search.sector),
          stage: first(search.stage),
          status: first(search.status),
          q: first(search.q),
          sort: first(search.sort),
          order: first(search.order),
        }}
      />

      <div className="flex flex-wrap items-center justify-between gap-2 text-sm">
        <p role="status" data-testid="result-count">
          {totals.count === 1 ? '1 PPA' : `${totals.count.toLocaleString('en-PH')} PPAs`}
          {page.items.length < totals.count && ` · showing ${page.items.length} on this page`}
        </p>
        <div className="flex gap-1">
          {/* Tap targets: 44 px tall on a phone, at least 24 px from the small breakpoint up (WCAG 2.5.8). */}
          <a href={exportHref(search, 'csv')} className="inline-flex min-h-11 items-center rounded-md px-2 text-brand-700 hover:underline sm:min-h-6" download>
            Export CSV
          </a>
          <a href={exportHref(search, 'xlsx')} className="inline-flex min-h-11 items-center rounded-md px-2 text-brand-700 hover:underline sm:min-h-6" download>
            Export XLSX
          </a>
        </div>
      </div>

      {page.items.length === 0 ? (
        <p className="rounded-lg bg-white p-8 text-center text-slate-600 ring-1 ring-slate-200">No PPAs match these filters.</p>
      ) : (
        <>
          <PpaCards items={page.items} totals={totals} allShown={page.items.length >= totals.count} search={search} />
          {/* From the medium breakpoint up, a table (on a phone, the cards above). `relative` keeps the headers'
            screen-reader text (absolutely placed) inside the box, not widening the page. */}
          <div className="relative hidden overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200 md:block">
            <table className="w-full min-w-[56rem] text-sm" aria-label="PPAs">
              <thead className="border-b border-slate-200 bg-slate-50 text-left text-xs text-slate-700">
                <tr>
                  <SortHeader search={search} column="title" label="Title" className="sticky left-0 z-10 w-72 bg-slate-50" />
                  <SortHeader search={search} column="allocation" label="Allocation" className="text-right" />
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Obligations
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Disbursements
                  </th>
                  <SortHeader search={search} column="utilisation" label="Utilisation" className="text-right" />
                  <SortHeader search={search} column="progress" label="Progress" className="w-32" />
                  <SortHeader search={search} column="stage" label="Stage" />
                  <SortHeader search={search} column="daysInStage" label="Days in stage" className="text-right" />
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {page.items.map((ppa) => (
                  <tr key={ppa.id} className="align-top">
                    <th scope="row" className="sticky left-0 z-10 w-72 max-w-[11rem] bg-white px-3 py-2 text-left font-normal sm:max-w-none">
                      <Link href={`/ppas/${ppa.id}`} className="font-medium text-brand-700 hover:underline">
                        {ppa.title}
                      </Link>
                      <div className="mt-1 flex flex-wrap items-center gap-1.5 text-xs text-slate-600">
                        <span className="font-semibold">{ppa.moa.code}</span>
                        <span>FY {ppa.fiscalYear}</span>
                        <StatusBadge status={ppa.status} />
                      </div>
                    </th>
                    <td className="px-3 py-2 text-right tabular-nums">{formatStoredPesos(ppa.budgetAllocation)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatStoredPesos(ppa.obligations)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatStoredPesos(ppa.disbursements)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{percentText(ppa.utilisation)}</td>
                    <td className="px-3 py-2">
                      <ProgressBar value={ppa.progress} label={`Progress of ${ppa.title}`} />
                    </td>
                    <td className="px-3 py-2">
                      <StageBadge stage={ppa.approvalStage} />
                    </td>
                    <td className="px-3 py-2 text-right tabular-nums">{ppa.daysInStage}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot className="border-t-2 border-slate-300 bg-slate-50 font-semibold">
                <tr data-testid="totals-row">
                  <th scope="row" className="sticky left-0 z-10 bg-slate-50 px-3 py-2 text-left">
                    Total · {totals.count.toLocaleString('en-PH')} {totals.count === 1 ? 'PPA' : 'PPAs'}
                    {page.items.length < totals.count && <span className="block text-xs font-normal text-slate-600">all pages</span>}
                  </th>
                  <td className="px-3 py-2 text-right tabular-nums">{formatStoredPesos(totals.budgetAllocation)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatStoredPesos(totals.obligations)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatStoredPesos(totals.disbursements)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{percentText(totals.utilisation)}</td>
                  <td colSpan={3} />
                </tr>
              </tfoot>
            </table>
          </div>
        </>
      )}
      <nav aria-label="Pages" className="flex justify-between text-sm">
        {filters.cursor ? (
          <Link
            href={`/ppas?${new URLSearchParams([...nextParams].filter(([k]) => k !== 'cursor'))}`}
            className="inline-flex min-h-11 items-center text-brand-700 hover:underline sm:min-h-6"
          >
            ← First page
          </Link>
        ) : (
          <span />
        )}
        {page.nextCursor && (
          <Link href={`/ppas?${nextParams}`} className="inline-flex min-h-11 items-center text-brand-700 hover:underline sm:min-h-6">
            Next page →
          </Link>
        )}
      </nav>
    </div>
  );
}
