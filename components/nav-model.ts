/**
 * Whether a main-navigation link is the section the page belongs to: the home link only on the home page, any
 * other on its own path and below it (a PPA's page is under "PPAs"), but not under another link of the menu
 * (`ownLinks`) that is deeper, such as a /ppas/new link next to /ppas.
 */
export function isActiveNav(href: string, pathname: string | null, ownLinks: readonly string[] = []): boolean {
  if (!pathname) return false;
  if (href === '/') return pathname === '/';
  if (pathname === href) return true;
  if (!pathname.startsWith(`${href}/`)) return false;
  return !ownLinks.some((other) => other !== href && other.startsWith(`${href}/`) && (pathname === other || pathname.startsWith(`${other}/`)));
}

/** The signed-in person in the header: their name, role, and their MOA unless the name already says it. */
export function whoLine(name: string, role: string, moaCode: string | null | undefined): string {
  const showMoa = moaCode && !name.includes(moaCode);
  return `${name} · ${role}${showMoa ? ` · ${moaCode}` : ''}`;
}
