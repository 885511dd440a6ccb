import type { Metadata } from 'next';
import Link from 'next/link';
import { requireViewer } from '@/app/_lib/server-api';
import { ModificationList } from '@/components/modifications/modification-list';
import { STATUS_WORDS } from '@/components/modifications/modification-model';
import { MODIFICATION_STATUSES, type ModificationStatus } from '@/server/domain/types';

export const metadata: Metadata = { title: 'Modification requests' };

const isStatus = (value: string | undefined): value is ModificationStatus => MODIFICATION_STATUSES.includes(value as ModificationStatus);

// GET /modifications[?status=…|?waiting=1] — requests on PPAs the viewer may see; the deciders' queue
export default async function ModificationsPage({ searchParams }: { searchParams: Promise<{ status?: string; waiting?: string }> }) {
  const { status, waiting } = await searchParams;
  const { api } = await requireViewer();
  const waitingOnMe = waiting === '1';
  const requests = await api.modification.list({ status: isStatus(status) ? status : undefined, waitingOnMe });
  const filters: { href: string; label: string; current: boolean }[] = [
    { href: '/modifications?waiting=1', label: 'Waiting on me', current: waitingOnMe },
    { href: '/modifications', label: 'All', current: !waitingOnMe && !isStatus(status) },
    ...MODIFICATION_STATUSES.map((s) => ({ href: `/modifications?status=${s}`, label: STATUS_WORDS[s], current: !waitingOnMe && status === s })),
  ];
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Modification requests</h1>
      <nav aria-label="Filter by status" className="flex flex-wrap gap-2 text-sm">
        {filters.map((f) => (
          <Link
            key={f.href}
            href={f.href}
            aria-current={f.current ? 'page' : undefined}
            className={`inline-flex min-h-11 items-center rounded-full px-3 ring-1 sm:min-h-8 ${f.current ? 'bg-brand-600 text-white ring-brand-600' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'}`}
          >
            {f.label}
          </Link>
        ))}
      </nav>
      <ModificationList requests={requests} label="Modification requests" />
    </div>
  );
}
