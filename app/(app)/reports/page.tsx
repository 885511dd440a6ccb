import type { Metadata } from 'next';
import { requireViewer } from '@/app/_lib/server-api';
import { FilterActions, FilterSelect, yearOptions } from '@/components/filter-fields';
import { formatStoredPesos } from '@/components/format';
import { percentText } from '@/components/portfolio/chart-model';
import { fiscalYearChoices, portfolioRequestFromSearch } from '@/components/portfolio/portfolio-search';
import { manilaDay } from '@/server/domain/schedule';

export const metadata: Metadata = { title: 'Reports' };

type Search = Record<string, string | string[] | undefined>;

const REPORTS = [
  {
    slug: 'budget-execution',
    title: 'MFBM Budget Execution Report',
    about: 'One row per PPA: allocated, obligations, disbursements, variance, utilisation, status and remarks, with a TOTAL row.',
  },
  {
    slug: 'coa-variance',
    title: 'COA Variance Report',
    about:
      'Three sheets: Budget Variance (obligation and disbursement rates, audit findings), Activity Breakdown (every work item) and Audit Trail (who changed what, old → new, when).',
  },
  {
    slug: 'physical-report-of-operation',
    title: 'Quarterly Physical Report of Operation',
    about: 'One row per output indicator: annual and quarterly targets, accomplishments, variance to date and the explanations of shortfalls.',
  },
  {
    slug: 'saaodb-by-quarter',
    title: 'SAAODB by quarter',
    about:
      'Statement of Appropriations, Allotments, Obligations, Disbursements and Balances: obligations and disbursements Q1–Q4, unobligated allotment and unpaid obligations, with a TOTAL row.',
  },
] as const;

/** The MFBM and COA workbooks for a fiscal year and, optionally, one MOA; the REST API serves the same files. */
export default async function ReportsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const { viewer, api } = await requireViewer();
  const request = portfolioRequestFromSearch(search);
  const currentYear = Number(manilaDay(new Date()).slice(0, 4));
  const fiscalYear = request.fiscalYear ?? currentYear;
  const [moas, portfolio] = await Promise.all([api.moa.list(), api.portfolio.get({ fiscalYear, moa: request.moa })]);
  const query = new URLSearchParams({ fiscalYear: String(fiscalYear), ...(request.moa ? { moa: request.moa } : {}) }).toString();
  const ownMoaOnly = viewer.role === 'planner' || viewer.role === 'viewer';

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Reports</h1>
        <p className="text-sm text-slate-600">
          Excel workbooks as MFBM and COA read them: amounts are numbers in pesos, headers stay in view and can be filtered, and each sheet prints on A4
          landscape.
          {ownMoaOnly && ' They cover your MOA’s PPAs.'}
        </p>
      </div>

      <form
        method="get"
        action="/reports"
        aria-label="Report filters"
        className="grid grid-cols-2 gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200 md:grid-cols-4"
      >
        <FilterSelect
          name="fy"
          label="Fiscal year"
          defaultValue={String(fiscalYear)}
          options={yearOptions(fiscalYearChoices([fiscalYear, ...portfolio.fiscalYears], currentYear))}
        />
        <FilterSelect
          name="moa"
          label="MOA"
          anyLabel={ownMoaOnly ? 'Mine' : 'All'}
          defaultValue={request.moa ?? ''}
          options={moas.map((m) => ({ value: m.code, label: m.code }))}
        />
        <FilterActions submitLabel="Show" clearHref="/reports" className="col-span-2 flex items-end gap-2" />
      </form>

      <p className="text-sm" data-testid="report-scope">
        FY {fiscalYear}
        {request.moa ? ` · ${request.moa}` : ''}: {portfolio.totals.ppaCount} {portfolio.totals.ppaCount === 1 ? 'PPA' : 'PPAs'}, allocation{' '}
        {formatStoredPesos(portfolio.totals.allocation)}, obligations {formatStoredPesos(portfolio.totals.obligations)}, disbursements{' '}
        {formatStoredPesos(portfolio.totals.disbursements)} (utilisation {percentText(portfolio.totals.utilisation)}).
      </p>

      <ul className="grid gap-4 md:grid-cols-2" aria-label="Reports">
        {REPORTS.map((report) => (
          <li key={report.slug} className="flex flex-col justify-between gap-3 rounded-lg bg-white p-4 ring-1 ring-slate-200">
            <div>
              <h2 className="font-semibold">{report.title}</h2>
              <p className="mt-1 text-sm text-slate-600">{report.about}</p>
            </div>
            <a
              href={`/api/reports/${report.slug}.xlsx?${query}`}
              download
              className="self-start rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              Download {report.title} (XLSX)
            </a>
          </li>
        ))}
      </ul>
      <p className="text-xs text-slate-600">
        Systems can fetch the same files with an API token: <code>GET /api/v1/reports/budget-execution.xlsx?{query}</code> and{' '}
        <code>/api/v1/reports/coa-variance.xlsx?{query}</code>.
      </p>
    </div>
  );
}
