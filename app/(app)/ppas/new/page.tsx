import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { requireViewer } from '@/app/_lib/server-api';
import { PpaForm } from '@/components/ppa-form';
import { manilaYear } from '@/server/domain/schedule';

export const metadata: Metadata = { title: 'New PPA' };

export default async function NewPpaPage() {
  const { viewer, api } = await requireViewer();
  if (viewer.role !== 'planner' && viewer.role !== 'admin') redirect('/ppas');
  const moas = await api.moa.list();
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">New PPA</h1>
      <PpaForm
        mode={{ kind: 'create' }}
        moas={moas}
        choosesMoa={viewer.role === 'admin'}
        initial={{
          moaId: viewer.moaId ?? '',
          title: '',
          description: '',
          category: '',
          sector: '',
          appropriationClass: '',
          fundingSource: '',
          fundingSourceDetail: '',
          fiscalYear: String(manilaYear() + 1),
          budgetCeiling: '',
          budgetAllocation: '',
          startDate: '',
          targetEndDate: '',
        }}
      />
    </div>
  );
}
