import Link from 'next/link';
import { requireViewer } from '@/app/_lib/server-api';
import { signOutAction } from '@/app/sign-in/actions';
import { ROLE_LABELS } from '@/components/labels';
import { NavLink } from '@/components/nav-link';
import { whoLine } from '@/components/nav-model';
import { TrpcProvider } from '@/components/trpc-provider';
import { NotificationBell } from '@/components/notifications/notification-bell';

/** Every page in this group needs a session: requireViewer sends anyone else to sign-in. */
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const { viewer, api } = await requireViewer();
  const moas = await api.moa.list();
  const moaCode = viewer.moaId ? moas.find((m) => m.id === viewer.moaId)?.code : null;
  return (
    <TrpcProvider>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/ppas" className="inline-flex min-h-11 items-center font-semibold text-brand-900 sm:min-h-8">PPA Tracker</Link>
          <nav aria-label="Main" className="flex flex-wrap gap-x-1 gap-y-1 text-sm sm:gap-x-3">
            <NavLink href="/">Portfolio</NavLink>
            <NavLink href="/ppas">PPAs</NavLink>
            <NavLink href="/reports">Reports</NavLink>
            {(viewer.role === 'mfbm_reviewer' || viewer.role === 'executive' || viewer.role === 'admin') && (
              <NavLink href="/reviews">Review queue</NavLink>
            )}
            <NavLink href="/alerts">Alerts</NavLink>
            <NavLink href="/profile">Profile</NavLink>
            {viewer.role === 'admin' && <NavLink href="/admin/users">Users</NavLink>}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <NotificationBell />
            <span className="text-slate-700">{whoLine(viewer.name, ROLE_LABELS[viewer.role] ?? viewer.role, moaCode)}</span>
            <form action={signOutAction}>
              <button type="submit" className="inline-flex min-h-11 items-center rounded border border-slate-300 px-3 py-1 hover:bg-slate-50 sm:min-h-8">Sign out</button>
            </form>
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </TrpcProvider>
  );
}
