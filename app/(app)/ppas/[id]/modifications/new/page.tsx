import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { TRPCError } from '@trpc/server';
import { ppaOrNotFound, requireViewer } from '@/app/_lib/server-api';
import { ModificationForm } from '@/components/modifications/modification-form';
import { itemOptions } from '@/components/modifications/modification-model';

export const metadata: Metadata = { title: 'Request a modification' };

// GET /ppas/{id}/modifications/new[?edit={requestId}] — write (or revise) a modification request
export default async function NewModificationPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ edit?: string }> }) {
  const { id } = await params;
  const { edit } = await searchParams;
  const { api } = await requireViewer();
  const ppa = await ppaOrNotFound(id);
  const [allocation, plan, editing] = await Promise.all([
    api.budget.allocationTree({ id }),
    api.plan.get({ id }),
    edit
      ? api.modification.get({ id: edit }).catch((error: unknown) => {
          if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) notFound();
          throw error;
        })
      : Promise.resolve(null),
  ]);
  const refusal = !ppa.canEdit
    ? 'Only planners of this PPA’s MOA or an admin can request a modification.'
    : !ppa.budgetLockedAt
      ? 'This PPA’s budget is not locked: change its allocations directly on its page.'
      : editing && !editing.canEdit
        ? 'This request can no longer be edited.'
        : null;
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        <Link href={`/ppas/${id}`} className="hover:underline">
          ← {ppa.title}
        </Link>
      </p>
      <h1 className="text-xl font-semibold">{editing ? 'Revise the modification request' : 'Request a modification'}</h1>
      <p className="text-sm text-slate-600">
        Move money between this PPA’s work items, revise its plans, or both. Its total never changes (BAA No. 84, s. 49); within one appropriation class the
        head of {` ${ppa.moa.code}`} decides, across classes MFBM does.
      </p>
      {refusal ? (
        <p role="status" className="rounded-lg bg-white p-6 text-slate-700 ring-1 ring-slate-200">
          {refusal}
        </p>
      ) : (
        <section className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
          <ModificationForm
            ppaId={id}
            items={itemOptions(allocation.tree)}
            requestId={editing?.id}
            plan={plan}
            initial={
              editing
                ? {
                    lines: editing.lines.map((l) => ({ fromWorkItemId: l.fromWorkItemId, toWorkItemId: l.toWorkItemId, amount: l.amount })),
                    justification: editing.justification,
                    attachmentLinks: editing.attachmentLinks,
                    planRevision: editing.planRevision ? { classes: editing.planRevision.classes, indicators: editing.planRevision.indicators } : null,
                  }
                : undefined
            }
          />
        </section>
      )}
    </div>
  );
}
