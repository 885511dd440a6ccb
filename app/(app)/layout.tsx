import Link from 'next/link';
import { requireViewer } from '@/app/_lib/server-api';
import { signOutAction } from '@/app/sign-in/actions';
import { ROLE_LABELS } from '@/components/labels';
import { TrpcProvider } from '@/components/trpc-provider';

/** Every page in this group needs a session: requireViewer sends anyone else to sign-in. */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const { viewer, api } = await requireViewer();
  const moas = await api.moa.list();
  const moaCode = viewer.moaId ? moas.find((m) => m.id === viewer.moaId)?.code : null;
  return (
    <TrpcProvider>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/ppas" className="font-semibold text-brand-900">PPA Tracker</Link>
          <nav aria-label="Main" className="flex gap-4 text-sm">
            <Link href="/ppas" className="hover:underline">PPAs</Link>
            {(viewer.role === 'mfbm_reviewer' || viewer.role === 'executive' || viewer.role === 'admin') && (
              <Link href="/reviews" className="hover:underline">Review queue</Link>
            )}
            <Link href="/alerts" className="hover:underline">Alerts</Link>
            <Link href="/profile" className="hover:underline">Profile</Link>
            {viewer.role === 'admin' && <Link href="/admin/users" className="hover:underline">Users</Link>}
            {(viewer.role === 'planner' || viewer.role === 'admin') && (
              <Link href="/ppas/new" className="hover:underline">New PPA</Link>
            )}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="text-slate-700">
              {viewer.name} · {ROLE_LABELS[viewer.role]}
              {moaCode ? ` · ${moaCode}` : ''}
            </span>
            <form action={signOutAction}>
              <button type="submit" className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-50">Sign out</button>
            </form>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </TrpcProvider>
  );
}
