import type { Metadata } from 'next';
import Link from 'next/link';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { TRPCError } from '@trpc/server';
import { ppaOrNotFound, requireViewer } from '@/app/_lib/server-api';
import { ProgressBar, StageBadge, StatusBadge } from '@/components/badges';
import { formatCalendarDate, formatManilaDateTime, formatStoredPesos } from '@/components/format';
import { humanize, STAGE_LABELS } from '@/components/labels';
import { AlertsList } from '@/components/alerts-list';
import { DecisionPanel } from '@/components/decision-panel';
import { transitionWarnings } from '@/components/decision-model';
import { RejectionBanner } from '@/components/rejection-banner';
import { ExecutionTracking } from '@/components/execution/execution-tracking';
import { PpaHistory } from '@/components/history/ppa-history';
import { environment } from '@/server/lib/config';
import { PpaModifications } from '@/components/modifications/ppa-modifications';
import { PlansSection } from '@/components/plans/plans-section';

export const metadata: Metadata = { title: 'PPA' };

async function loadPpa(id: string) {
  const { api, viewer } = await requireViewer();
  try {
    const [ppa, allocation, modifications] = await Promise.all([ppaOrNotFound(id), api.budget.allocationTree({ id }), api.modification.list({ ppaId: id })]);
    return { ppa, allocation, modifications, viewer };
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) notFound();
    throw error;
  }
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm">{children}</dd>
    </div>
  );
}

export default async function PpaDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { ppa, allocation, modifications, viewer } = await loadPpa(id);
  const host = (await headers()).get('host');
  const { AUTH_URL } = environment();
  const origin = `${AUTH_URL ? new URL(AUTH_URL).origin : `http://${host ?? 'localhost:3000'}`}`;

  return (
    <article className="space-y-6">
      <RejectionBanner ppa={ppa} />
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <p className="text-sm text-slate-600">
            <Link href="/ppas" className="hover:underline">
              PPAs
            </Link>{' '}
            / {ppa.moa.code}
          </p>
          <h1 className="mt-1 text-2xl font-semibold">{ppa.title}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
            <StageBadge stage={ppa.approvalStage} />
            <StatusBadge status={ppa.status} />
            <span className="text-slate-600">FY {ppa.fiscalYear}</span>
            {ppa.budgetLockedAt && <span className="text-xs text-amber-800">Budget locked {formatManilaDateTime(ppa.budgetLockedAt)}</span>}
          </div>
        </div>
        {ppa.canEdit && (
          <Link
            href={`/ppas/${ppa.id}/edit`}
            className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:bg-slate-50 sm:min-h-9 print:hidden"
          >
            Edit PPA
          </Link>
        )}
      </div>

      <section aria-labelledby="summary" className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <h2 id="summary" className="sr-only">
          Summary
        </h2>
        {ppa.description && <p className="mb-4 text-sm text-slate-700">{ppa.description}</p>}
        <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
          <Field label="Implementing MOA">{ppa.moa.name}</Field>
          <Field label="Category">{humanize(ppa.category)}</Field>
          <Field label="Sector">{humanize(ppa.sector)}</Field>
          <Field label="Appropriation class">{ppa.appropriationClass ?? '—'}</Field>
          <Field label="Funding source">
            {ppa.fundingSource ? humanize(ppa.fundingSource) : '—'}
            {ppa.fundingSourceDetail ? ` (${ppa.fundingSourceDetail})` : ''}
          </Field>
          <Field label="Budget ceiling">
            <span className="tabular-nums">{formatStoredPesos(ppa.budgetCeiling)}</span>
          </Field>
          <Field label="Budget allocation">
            <span className="tabular-nums">{formatStoredPesos(ppa.budgetAllocation)}</span>
          </Field>
          <Field label="Schedule">
            {formatCalendarDate(ppa.startDate)} – {formatCalendarDate(ppa.targetEndDate)}
          </Field>
        </dl>
        <div className="mt-4 max-w-md">
          <ProgressBar value={ppa.progress} label="PPA progress" />
        </div>
      </section>

      <section aria-labelledby="execution" className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <h2 id="execution" className="text-lg font-semibold">
          Execution Tracking
        </h2>
        <ExecutionTracking ppaId={ppa.id} initial={allocation} origin={origin} canManageLock={viewer.role === 'admin'} />
      </section>

      <section aria-labelledby="plans" className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <h2 id="plans" className="mb-2 text-lg font-semibold">
          Plans and targets
        </h2>
        <PlansSection ppaId={ppa.id} />
      </section>

      <PpaModifications ppaId={ppa.id} tree={allocation.tree} requests={modifications} canRequest={ppa.canEdit} locked={ppa.budgetLockedAt !== null} />

      <section aria-labelledby="ppa-alerts" className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <h2 id="ppa-alerts" className="mb-2 text-lg font-semibold">
          Alerts
        </h2>
        <AlertsList ppaId={ppa.id} canAct={viewer.role !== 'viewer' && viewer.role !== 'moa_head'} />
      </section>

      <section aria-labelledby="approvals" className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <h2 id="approvals" className="text-lg font-semibold">
          Approvals
        </h2>
        {ppa.approvals.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">Not yet submitted for review.</p>
        ) : (
          <ol className="mt-3 space-y-3 border-l-2 border-slate-200 pl-4">
            {ppa.approvals.map((a) => (
              <li key={a.id} className="text-sm">
                <p>
                  <span className="font-medium">{humanize(a.decision)}</span>: {STAGE_LABELS[a.fromStage]} → {STAGE_LABELS[a.toStage]}
                </p>
                <p className="text-xs text-slate-600">
                  {a.decidedBy} · {formatManilaDateTime(a.decidedAt)}
                </p>
                {a.comment && <p className="mt-1 text-slate-700">“{a.comment}”</p>}
              </li>
            ))}
          </ol>
        )}
        <DecisionPanel ppaId={ppa.id} nextStages={ppa.nextStages} warnings={transitionWarnings(ppa)} />
      </section>

      <section aria-labelledby="history" className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <h2 id="history" className="text-lg font-semibold">
          History
        </h2>
        <PpaHistory ppaId={ppa.id} />
      </section>
    </article>
  );
}
