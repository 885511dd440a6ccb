import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { requireViewer } from '@/app/_lib/server-api';
import { StageBadge } from '@/components/badges';
import { FilterActions, FilterSelect, yearOptions } from '@/components/filter-fields';
import { formatStoredPesos } from '@/components/format';
import { humanize, STAGE_LABELS } from '@/components/labels';
import { chartRows, percentText } from '@/components/portfolio/chart-model';
import { MoneyBars, VarianceBars } from '@/components/portfolio/portfolio-charts';
import { PortfolioSCurve } from '@/components/plans/portfolio-s-curve';
import { fiscalYearChoices, portfolioRequestFromSearch, portfolioScope } from '@/components/portfolio/portfolio-search';
import type { PortfolioFigures, PortfolioRequest } from '@/server/contracts/portfolio';
import { manilaDay } from '@/server/domain/schedule';
import { ALERT_SEVERITIES, PPA_SECTORS } from '@/server/domain/types';

export const metadata: Metadata = { title: 'Portfolio' };

type Search = Record<string, string | string[] | undefined>;

/**
 * The home page: the portfolio of a fiscal year across the PPAs the viewer may see (planners and viewers:
 * their MOA's). Filters live in the URL, so a view can be shared; figures come from the same procedure as
 * GET /api/v1/portfolio.
 */
export default async function PortfolioPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const { viewer, api } = await requireViewer();
  const request = portfolioRequestFromSearch(search);
  const currentYear = Number(manilaDay(new Date()).slice(0, 4));
  const fiscalYear = request.fiscalYear ?? currentYear;
  const moas = await api.moa.list();
  const scopeNote = portfolioScope(request, !(viewer.role === 'planner' || viewer.role === 'viewer'));

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h1 className="text-xl font-semibold">Portfolio · FY {fiscalYear}</h1>
          <p className="text-sm text-slate-600" data-testid="portfolio-scope">
            {scopeNote}: budget execution by obligations and disbursements.
          </p>
        </div>
        <Link href={`/reports?fy=${fiscalYear}`} className="text-sm text-brand-700 hover:underline">
          MFBM and COA reports →
        </Link>
      </div>

      <form
        method="get"
        action="/"
        role="search"
        aria-label="Portfolio filters"
        className="grid grid-cols-2 gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200 md:grid-cols-4"
      >
        <FilterSelect name="fy" label="Fiscal year" defaultValue={String(fiscalYear)} options={yearOptions(fiscalYearChoices([fiscalYear], currentYear))} />
        <FilterSelect name="moa" label="MOA" anyLabel="All" defaultValue={request.moa ?? ''} options={moas.map((m) => ({ value: m.code, label: m.code }))} />
        <FilterSelect
          name="sector"
          label="Sector"
          anyLabel="All"
          defaultValue={request.sector ?? ''}
          options={PPA_SECTORS.map((s) => ({ value: s, label: humanize(s) }))}
        />
        <FilterActions submitLabel="Apply" clearHref="/" className="col-span-2 flex items-end gap-2 md:col-span-1" />
      </form>

      <Suspense key={JSON.stringify(request)} fallback={<PortfolioSkeleton />}>
        <PortfolioBody request={{ ...request, fiscalYear }} />
      </Suspense>
    </div>
  );
}

function PortfolioSkeleton() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">Loading the portfolio…</span>
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-6">
        {Array.from({ length: 6 }, (_, i) => (
          <div key={i} className="h-20 animate-pulse rounded-lg bg-slate-200" />
        ))}
      </div>
      <div className="h-64 animate-pulse rounded-lg bg-slate-200" />
    </div>
  );
}

function Card({ label, value, note, testId }: { label: string; value: string; note?: string; testId: string }) {
  return (
    <div className="min-w-0 rounded-lg bg-white p-3 ring-1 ring-slate-200" data-testid={testId}>
      <div className="text-xs font-medium text-slate-600">{label}</div>
      <div className="mt-1 break-words text-base font-semibold tabular-nums">{value}</div>
      {note && <div className="text-xs text-slate-600">{note}</div>}
    </div>
  );
}

function FiguresTable<T extends PortfolioFigures>({
  caption,
  group,
  rows,
  label,
  href,
}: {
  caption: string;
  group: string;
  rows: T[];
  label: (row: T) => React.ReactNode;
  href?: (row: T) => string;
}) {
  return (
    <div className="relative overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200">
      <table className="w-full min-w-[40rem] text-sm">
        <caption className="px-3 pt-3 text-left text-sm font-medium">{caption}</caption>
        <thead className="text-xs text-slate-600">
          <tr className="border-b border-slate-200">
            <th scope="col" className="px-3 py-2 text-left">
              {group}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              PPAs
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Allocation
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Obligations
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Disbursements
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              Utilisation
            </th>
          </tr>
        </thead>
        <tbody className="tabular-nums">
          {rows.map((row, i) => (
            <tr key={i} className="border-b border-slate-100 last:border-0">
              <th scope="row" className="px-3 py-2 text-left font-medium">
                {href ? (
                  <Link href={href(row)} className="text-brand-700 hover:underline">
                    {label(row)}
                  </Link>
                ) : (
                  label(row)
                )}
              </th>
              <td className="px-3 py-2 text-right">{row.ppaCount}</td>
              <td className="px-3 py-2 text-right">{formatStoredPesos(row.allocation)}</td>
              <td className="px-3 py-2 text-right">{formatStoredPesos(row.obligations)}</td>
              <td className="px-3 py-2 text-right">{formatStoredPesos(row.disbursements)}</td>
              <td className="px-3 py-2 text-right">{percentText(row.utilisation)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const SEVERITY_COLOURS: Record<(typeof ALERT_SEVERITIES)[number], string> = {
  info: 'bg-slate-100 text-slate-800',
  low: 'bg-sky-50 text-sky-900',
  medium: 'bg-amber-50 text-amber-900',
  high: 'bg-orange-100 text-orange-900',
  critical: 'bg-rose-100 text-rose-900',
};

async function PortfolioBody({ request }: { request: PortfolioRequest & { fiscalYear: number } }) {
  const { api } = await requireViewer();
  const portfolio = await api.portfolio.get(request);
  const { totals } = portfolio;
  const listParams = (extra: Record<string, string>) =>
    new URLSearchParams({ fy: String(request.fiscalYear), ...(request.sector ? { sector: request.sector } : {}), ...extra }).toString();

  if (totals.ppaCount === 0) {
    return (
      <p className="rounded-lg bg-white p-8 text-center text-slate-600 ring-1 ring-slate-200" data-testid="portfolio-empty">
        No PPAs for FY {request.fiscalYear} with these filters.
        {portfolio.fiscalYears.length > 0 && <> PPAs exist for FY {portfolio.fiscalYears.join(', ')}.</>}
      </p>
    );
  }

  return (
    <div className="space-y-6">
      <section aria-label="Totals" className="grid grid-cols-2 gap-3 md:grid-cols-3 lg:grid-cols-6">
        <Card label="PPAs" value={String(totals.ppaCount)} testId="total-ppas" />
        <Card label="Budget ceiling" value={formatStoredPesos(totals.ceiling)} testId="total-ceiling" />
        <Card label="Allocation" value={formatStoredPesos(totals.allocation)} testId="total-allocation" />
        <Card
          label="Obligations"
          value={formatStoredPesos(totals.obligations)}
          note={`${percentText(totals.obligationRate)} of allocation`}
          testId="total-obligations"
        />
        <Card
          label="Disbursements"
          value={formatStoredPesos(totals.disbursements)}
          note={`Utilisation ${percentText(totals.utilisation)}`}
          testId="total-disbursements"
        />
        <Card label="Variance" value={formatStoredPesos(totals.variance)} note="Disbursements − allocation" testId="total-variance" />
      </section>

      <section aria-label="By MOA" className="grid gap-6 rounded-lg bg-white p-4 ring-1 ring-slate-200 lg:grid-cols-2">
        <MoneyBars rows={chartRows(portfolio.byMoa, (g) => g.moaCode)} label="By MOA" testId="chart-by-moa" />
        <VarianceBars rows={chartRows(portfolio.byMoa, (g) => g.moaCode)} label="Variance by MOA (below zero: not yet spent)" testId="chart-variance-by-moa" />
      </section>
      <section aria-label="Planned vs actual" className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <PortfolioSCurve request={request} />
      </section>
      <section aria-label="By sector and stage" className="grid gap-6 rounded-lg bg-white p-4 ring-1 ring-slate-200 lg:grid-cols-2">
        <MoneyBars rows={chartRows(portfolio.bySector, (g) => humanize(g.sector))} label="By sector" testId="chart-by-sector" />
        <MoneyBars rows={chartRows(portfolio.byStage, (g) => STAGE_LABELS[g.approvalStage])} label="By approval stage" testId="chart-by-stage" />
      </section>

      <FiguresTable
        caption="Figures by MOA"
        group="MOA"
        rows={portfolio.byMoa}
        label={(g) => `${g.moaCode}`}
        href={(g) => `/ppas?${listParams({ moa: g.moaId })}`}
      />
      <FiguresTable
        caption="Figures by sector"
        group="Sector"
        rows={portfolio.bySector}
        label={(g) => humanize(g.sector)}
        href={(g) => `/ppas?${listParams({ sector: g.sector })}`}
      />
      <FiguresTable
        caption="Figures by approval stage"
        group="Approval stage"
        rows={portfolio.byStage}
        label={(g) => STAGE_LABELS[g.approvalStage]}
        href={(g) => `/ppas?${listParams({ stage: g.approvalStage })}`}
      />

      <div className="grid gap-6 lg:grid-cols-2">
        <section aria-labelledby="waiting-heading" className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <h2 id="waiting-heading" className="text-sm font-semibold">
            Waiting longest in review
          </h2>
          {portfolio.longestInReview.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">No PPA is waiting in a review stage.</p>
          ) : (
            <ol className="mt-2 divide-y divide-slate-100 text-sm" aria-label="Waiting longest in review">
              {portfolio.longestInReview.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span className="min-w-0">
                    <Link href={`/ppas/${p.id}`} className="font-medium text-brand-700 hover:underline">
                      {p.title}
                    </Link>
                    <span className="ml-2 text-xs text-slate-600">{p.moaCode}</span>
                  </span>
                  <span className="flex items-center gap-2">
                    <StageBadge stage={p.approvalStage} />
                    <span className="tabular-nums font-semibold">
                      {p.daysInStage} {p.daysInStage === 1 ? 'day' : 'days'}
                    </span>
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>

        <section aria-labelledby="overruns-heading" className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <h2 id="overruns-heading" className="text-sm font-semibold">
            Top overruns
          </h2>
          {portfolio.topOverruns.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">No PPA has disbursed more than its allocation.</p>
          ) : (
            <ol className="mt-2 divide-y divide-slate-100 text-sm" aria-label="Top overruns">
              {portfolio.topOverruns.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <span className="min-w-0">
                    <Link href={`/ppas/${p.id}`} className="font-medium text-brand-700 hover:underline">
                      {p.title}
                    </Link>
                    <span className="ml-2 text-xs text-slate-600">{p.moaCode}</span>
                  </span>
                  <span className="text-right tabular-nums">
                    <span className="font-semibold text-rose-700">+{formatStoredPesos(p.variance)}</span>
                    <span className="block text-xs text-slate-600">
                      {formatStoredPesos(p.disbursements)} of {formatStoredPesos(p.allocation)} ({percentText(p.utilisation)})
                    </span>
                  </span>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>

      <section aria-labelledby="alerts-heading" className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="alerts-heading" className="text-sm font-semibold">
            Open alerts: {portfolio.openAlerts.total}
          </h2>
          <Link href="/alerts" className="text-sm text-brand-700 hover:underline">
            All alerts →
          </Link>
        </div>
        <ul className="mt-2 flex flex-wrap gap-2" aria-label="Open alerts by severity">
          {[...ALERT_SEVERITIES].reverse().map((severity) => (
            <li key={severity} className={`rounded-md px-3 py-1.5 text-sm ${SEVERITY_COLOURS[severity]}`} data-testid={`alerts-${severity}`}>
              {humanize(severity)}: <span className="font-semibold tabular-nums">{portfolio.openAlerts.bySeverity[severity]}</span>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
