import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { TRPCError } from '@trpc/server';
import { requireViewer } from '@/app/_lib/server-api';
import { PpaForm } from '@/components/ppa-form';
import { budgetLockOf } from '@/components/execution/budget-lock-model';

export const metadata: Metadata = { title: 'Edit PPA' };

export default async function EditPpaPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { api } = await requireViewer();
  const [ppa, allocation] = await Promise.all([api.ppa.get({ id }), api.budget.allocationTree({ id })]).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) notFound();
    throw error;
  });
  if (!ppa.canEdit) redirect(`/ppas/${id}`);
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Edit {ppa.title}</h1>
      <PpaForm
        mode={{ kind: 'edit', id }}
        moas={[ppa.moa]}
        choosesMoa={false}
        budgetLock={budgetLockOf(allocation.ppa)}
        initial={{
          moaId: ppa.moa.id,
          title: ppa.title,
          description: ppa.description,
          category: ppa.category,
          sector: ppa.sector,
          appropriationClass: ppa.appropriationClass ?? '',
          fundingSource: ppa.fundingSource ?? '',
          fundingSourceDetail: ppa.fundingSourceDetail ?? '',
          fiscalYear: String(ppa.fiscalYear),
          budgetCeiling: ppa.budgetCeiling ?? '',
          budgetAllocation: ppa.budgetAllocation ?? '',
          startDate: ppa.startDate ?? '',
          targetEndDate: ppa.targetEndDate ?? '',
        }}
      />
    </div>
  );
}
