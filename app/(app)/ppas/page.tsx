import type { Metadata } from 'next';
import Link from 'next/link';
import { requireViewer } from '@/app/_lib/server-api';
import { ProgressBar, StageBadge, StatusBadge } from '@/components/badges';
import { formatStoredPesos } from '@/components/format';
import { PpaFilters } from '@/components/ppa-filters';
import { zListPpasRequest } from '@/server/contracts/ppa';

export const metadata: Metadata = { title: 'PPAs' };

type Search = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) || undefined;

/** The URL's filters, checked by the procedure's own schema; anything invalid is dropped, not fatal. */
function filtersFrom(search: Search) {
  const raw = {
    fiscalYear: first(search.fy) ? Number(first(search.fy)) : undefined,
    moaId: first(search.moa),
    approvalStage: first(search.stage),
    status: first(search.status),
    q: first(search.q),
    cursor: first(search.cursor),
  };
  const parsed = zListPpasRequest.safeParse(raw);
  if (parsed.success) return parsed.data;
  const bad = new Set(parsed.error.issues.map((i) => String(i.path[0])));
  return zListPpasRequest.parse(Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k))));
}

export default async function PpaListPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const { viewer, api } = await requireViewer();
  const filters = filtersFrom(search);
  const [page, moas] = await Promise.all([api.ppa.list(filters), api.moa.list()]);
  const nextParams = new URLSearchParams(
    Object.entries(search).flatMap(([k, v]) => (k !== 'cursor' && typeof v === 'string' && v ? [[k, v]] : [])),
  );
  if (page.nextCursor) nextParams.set('cursor', page.nextCursor);

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">Programs, Projects and Activities</h1>
        {(viewer.role === 'planner' || viewer.role === 'admin') && (
          <Link href="/ppas/new" className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700">
            New PPA
          </Link>
        )}
      </div>
      <PpaFilters moas={moas} values={{ fy: first(search.fy), moa: first(search.moa), stage: first(search.stage), status: first(search.status), q: first(search.q) }} />

      {page.items.length === 0 ? (
        <p className="rounded-lg bg-white p-8 text-center text-slate-600 ring-1 ring-slate-200">
          No PPAs match these filters.
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 overflow-hidden rounded-lg bg-white ring-1 ring-slate-200" aria-label="PPAs">
          {page.items.map((ppa) => (
            <li key={ppa.id} className="grid gap-2 p-4 md:grid-cols-[1fr_10rem_12rem] md:items-center">
              <div className="min-w-0">
                <Link href={`/ppas/${ppa.id}`} className="font-medium text-brand-700 hover:underline">
                  {ppa.title}
                </Link>
                <div className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
                  <span className="font-semibold">{ppa.moa.code}</span>
                  <span>FY {ppa.fiscalYear}</span>
                  <StageBadge stage={ppa.approvalStage} />
                  <StatusBadge status={ppa.status} />
                </div>
              </div>
              <div className="text-sm tabular-nums md:text-right">
                <span className="text-xs text-slate-500 md:hidden">Allocation </span>
                {formatStoredPesos(ppa.budgetAllocation)}
              </div>
              <ProgressBar value={ppa.progress} label={`Progress of ${ppa.title}`} />
            </li>
          ))}
        </ul>
      )}
      <nav aria-label="Pages" className="flex justify-between text-sm">
        {filters.cursor ? <Link href={`/ppas?${new URLSearchParams([...nextParams].filter(([k]) => k !== 'cursor'))}`} className="text-brand-700 hover:underline">← First page</Link> : <span />}
        {page.nextCursor && <Link href={`/ppas?${nextParams}`} className="text-brand-700 hover:underline">Next page →</Link>}
      </nav>
    </div>
  );
}
