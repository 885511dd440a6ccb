'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { isActiveNav } from './nav-model';

/**
 * A main-navigation link that marks the current section (aria-current="page", and visibly), tall enough to tap
 * on a phone (44 px) and compact from the small breakpoint up.
 */
export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const active = isActiveNav(href, usePathname());
  return (
    <Link
      href={href}
      aria-current={active ? 'page' : undefined}
      className={`inline-flex min-h-11 min-w-11 items-center justify-center rounded-md px-2 sm:min-h-8 sm:min-w-0 ${active ? 'bg-brand-50 font-semibold text-brand-900 underline decoration-2 underline-offset-4' : 'hover:bg-slate-50 hover:underline'}`}
    >
      {children}
    </Link>
  );
}
