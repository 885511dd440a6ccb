import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { TRPCError } from '@trpc/server';
import { requireViewer } from '@/app/_lib/server-api';
import { AllocationFormLoader } from '@/components/collab/allocation-form-loader';

export const metadata: Metadata = { title: 'Allocation form' };

export default async function AllocatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const { viewer, api } = await requireViewer();
  const ppa = await api.ppa.get({ id }).catch((error: unknown) => {
    if (error instanceof TRPCError && (error.code === 'NOT_FOUND' || error.code === 'BAD_REQUEST')) notFound();
    throw error;
  });
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">
        <Link href={`/ppas/${id}`} className="hover:underline">
          ← {ppa.title}
        </Link>
      </p>
      <h1 className="text-xl font-semibold">Allocation form: {ppa.title}</h1>
      <p className="text-sm text-slate-600">Everyone on this page edits one shared draft; nothing changes the budget until someone saves it.</p>
      <section className="rounded-lg bg-white p-4 ring-1 ring-slate-200">
        <AllocationFormLoader ppaId={id} userName={viewer.name} />
      </section>
    </div>
  );
}
