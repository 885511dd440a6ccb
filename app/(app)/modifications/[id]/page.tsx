import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { TRPCError } from '@trpc/server';
import { requireViewer } from '@/app/_lib/server-api';
import { formatManilaDateTime, formatStoredPesos } from '@/components/format';
import { ROLE_LABELS } from '@/components/labels';
import { ModificationActions } from '@/components/modifications/modification-actions';
import { awaitingWords, STATUS_TONE, STATUS_WORDS } from '@/components/modifications/modification-model';
import { PlanRevisionSummary } from '@/components/modifications/plan-revision-summary';

export const metadata: Metadata = { title: 'Modification request' };

const ACTION_WORDS = {
  submit: 'Submitted',
  endorse: 'Endorsed to the executive',
  approve: 'Approved',
  reject: 'Rejected',
  return: 'Returned for revision',
  withdraw: 'Withdrawn',
} as const;

// GET /modifications/{id} — one request: its lines, each item's before → after and balances, its steps, the decision
export default async function ModificationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { api } = await requireViewer();
  const request = await api.modification.get({ id }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) notFound();
    throw error;
  });
  const waitsOn = request.status === 'submitted' ? awaitingWords(request.awaitingRole) : null;
  return (
    <article className="space-y-5">
      <p className="text-sm text-slate-600">
        <Link href="/modifications" className="hover:underline">
          Modification requests
        </Link>{' '}
        /{' '}
        <Link href={`/ppas/${request.ppaId}`} className="hover:underline">
          {request.ppaTitle}
        </Link>
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">
          {request.lines.length === 0 && request.planRevision
            ? `Revise the plans of ${request.ppaTitle}`
            : `Move ${formatStoredPesos(request.totalAmount)} within ${request.ppaTitle}`}
        </h1>
        <span className={`rounded px-2 py-0.5 text-sm font-medium ${STATUS_TONE[request.status]}`}>{STATUS_WORDS[request.status]}</span>
      </div>
      <section aria-labelledby="about" className="space-y-2 rounded-lg bg-white p-4 text-sm ring-1 ring-slate-200">
        <h2 id="about" className="sr-only">
          About the request
        </h2>
        <p className="text-slate-700">{request.justification}</p>
        <p className="text-slate-600">
          Requested by {request.requestedBy} ({request.moaCode}){request.submittedAt ? `, submitted ${formatManilaDateTime(request.submittedAt)}` : ''}.
        </p>
        {request.preview && (
          <p>
            <span className="font-medium">Route:</span> {request.preview.routeWords}
            {waitsOn ? ` Now waits on ${waitsOn}.` : ''}
          </p>
        )}
        {request.attachmentLinks.length > 0 && (
          <ul aria-label="Attachments" className="list-disc pl-5">
            {request.attachmentLinks.map((link) => (
              <li key={link}>
                <a href={link} rel="noreferrer noopener" target="_blank" className="break-all text-brand-700 hover:underline">
                  {link}
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>

      {request.planRevision && (
        <section aria-labelledby="plan-revision" className="space-y-2 rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <h2 id="plan-revision" className="text-lg font-semibold">
            Plan revision: version {request.planRevision.version}
            {request.planRevision.basedOnVersion ? `, revising version ${request.planRevision.basedOnVersion}` : ''}
            {request.planRevision.applied ? ' (applied: the plan in force)' : ''}
          </h2>
          <p className="text-sm text-slate-600">Moves {formatStoredPesos(request.planRevision.classShift)} of obligation targets across allotment classes.</p>
          {request.planRevision.problems.length > 0 && (
            <ul className="list-disc space-y-1 pl-5 text-sm text-rose-800" aria-label="Plan revision problems">
              {request.planRevision.problems.map((p, i) => (
                <li key={i}>{p}</li>
              ))}
            </ul>
          )}
          <PlanRevisionSummary heading="Revised plan" classes={request.planRevision.classes} indicators={request.planRevision.indicators} />
        </section>
      )}

      {request.lines.length > 0 && (
        <section aria-labelledby="lines" className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <h2 id="lines" className="text-lg font-semibold">
            Lines
          </h2>
          <ol className="mt-2 space-y-2 text-sm">
            {request.lines.map((l, i) => (
              <li key={l.id} className="rounded-md border border-slate-200 p-3">
                <p className="font-medium">
                  Line {i + 1}: <span className="tabular-nums">{formatStoredPesos(l.amount)}</span>
                </p>
                <p>
                  From <span className="font-medium">{l.fromTitle}</span> ({l.fromClass ?? 'no class'}
                  {l.fromObject ? `, ${l.fromObject}` : ''})
                </p>
                <p>
                  To <span className="font-medium">{l.toTitle}</span> ({l.toClass ?? 'no class'}
                  {l.toObject ? `, ${l.toObject}` : ''})
                </p>
              </li>
            ))}
          </ol>
        </section>
      )}

      {request.preview && (
        <section aria-labelledby="effect" className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <h2 id="effect" className="text-lg font-semibold">
            {request.status === 'submitted' ? 'What approval does' : 'Effect on the items'}
          </h2>
          {request.preview.problems.length > 0 && (
            <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-rose-800" aria-label="Problems">
              {request.preview.problems.map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          )}
          <div className="mt-2 overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <tr className="text-left text-slate-600">
                  <th scope="col" className="py-1 pr-3">
                    Item
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    Before
                  </th>
                  <th scope="col" className="py-1 pr-3 text-right">
                    After
                  </th>
                  <th scope="col" className="py-1 text-right">
                    Can give
                  </th>
                </tr>
              </thead>
              <tbody>
                {request.preview.changes.map((c) => (
                  <tr key={c.workItemId} className="border-t border-slate-100 tabular-nums">
                    <th scope="row" className="py-1 pr-3 text-left font-medium">
                      {c.title}
                    </th>
                    <td className="py-1 pr-3 text-right">{formatStoredPesos(c.before)}</td>
                    <td className="py-1 pr-3 text-right">{formatStoredPesos(c.after)}</td>
                    <td className="py-1 text-right">{c.available === null ? '—' : formatStoredPesos(c.available)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      <ModificationActions
        id={request.id}
        ppaId={request.ppaId}
        status={request.status}
        canDecide={request.canDecide}
        canEdit={request.canEdit}
        canWithdraw={request.canWithdraw}
        total={formatStoredPesos(request.totalAmount)}
      />

      <section aria-labelledby="steps" className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <h2 id="steps" className="text-lg font-semibold">
          Steps
        </h2>
        {request.steps.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600">A draft: not yet submitted.</p>
        ) : (
          <ol className="mt-3 space-y-3 border-l-2 border-slate-200 pl-4">
            {request.steps.map((s, i) => (
              <li key={i} className="text-sm">
                <p className="font-medium">{ACTION_WORDS[s.action]}</p>
                <p className="text-xs text-slate-600">
                  {s.actorName} ({ROLE_LABELS[s.actorRole] ?? s.actorRole}) · {formatManilaDateTime(s.at)}
                </p>
                {s.comment && <p className="mt-1 text-slate-700">“{s.comment}”</p>}
              </li>
            ))}
          </ol>
        )}
      </section>
    </article>
  );
}
