import Link from 'next/link';
import { signOutAction } from '@/app/sign-in/actions';
import { ROLE_LABELS } from '@/components/labels';
import { NavLink } from '@/components/nav-link';
import { whoLine } from '@/components/nav-model';
import { NotificationBell } from '@/components/notifications/notification-bell';
import type { SignedInViewer } from '@/server/domain/types';

/** The first thing a keyboard reaches on every page: straight past the header to the page's own content. */
export function SkipLink() {
  return (
    <a
      href="#main"
      className="absolute -top-40 left-2 z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-900 ring-2 ring-brand-600 focus:top-2 print:hidden"
    >
      Skip to main content
    </a>
  );
}

/**
 * The app's header: the sections, the bell, who is signed in and sign out. Signed out (a 404 reached without a
 * session) it offers sign-in instead. Needs the TrpcProvider around it (the bell) when signed in.
 */
export function AppHeader({ viewer, moaCode }: { viewer: SignedInViewer | null; moaCode?: string | null }) {
  return (
    <>
      <SkipLink />
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/ppas" className="inline-flex min-h-11 items-center font-semibold text-brand-900 sm:min-h-8">
            PPA Tracker
          </Link>
          {viewer ? (
            <>
              <nav aria-label="Main" className="flex flex-wrap gap-x-1 gap-y-1 text-sm sm:gap-x-3">
                <NavLink href="/">Portfolio</NavLink>
                <NavLink href="/ppas">PPAs</NavLink>
                <NavLink href="/reports">Reports</NavLink>
                {(viewer.role === 'mfbm_reviewer' || viewer.role === 'executive' || viewer.role === 'admin') && <NavLink href="/reviews">Review queue</NavLink>}
                <NavLink href="/modifications">Modifications</NavLink>
                <NavLink href="/alerts">Alerts</NavLink>
                <NavLink href="/profile">Profile</NavLink>
                {viewer.role === 'admin' && <NavLink href="/admin/users">Users</NavLink>}
                {viewer.role === 'admin' && <NavLink href="/admin/system">System</NavLink>}
              </nav>
              <div className="ml-auto flex items-center gap-3 text-sm">
                <NotificationBell />
                <span className="text-slate-700">{whoLine(viewer.name, ROLE_LABELS[viewer.role] ?? viewer.role, moaCode ?? null)}</span>
                <form action={signOutAction}>
                  <button type="submit" className="inline-flex min-h-11 items-center rounded border border-slate-300 px-3 py-1 hover:bg-slate-50 sm:min-h-8">
                    Sign out
                  </button>
                </form>
              </div>
            </>
          ) : (
            <Link
              href="/sign-in"
              className="ml-auto inline-flex min-h-11 items-center rounded border border-slate-300 px-3 text-sm hover:bg-slate-50 sm:min-h-8"
            >
              Sign in
            </Link>
          )}
        </div>
      </header>
    </>
  );
}
