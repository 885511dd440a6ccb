import { isSignedIn, type UserRole, type Viewer } from './types';

/**
 * Who may do what, as pure predicates. Each rule is worded once here; the procedures (server/trpc.ts) declare
 * the roles, and the access home (server/services/access/) applies the MOA part to rows and queries.
 */

/** Roles that read every MOA's PPAs; planners and viewers see their own MOA's only. */
const CROSS_MOA_ROLES: readonly UserRole[] = ['admin', 'mfbm_reviewer', 'executive'];

/** Roles that create and change PPA plans (a PPA, its tree, allocations and spending): `editorProcedure`. */
export const EDITOR_ROLES: readonly UserRole[] = ['planner', 'admin'];

export function seesAllMoas(viewer: Viewer): boolean {
  return isSignedIn(viewer) && CROSS_MOA_ROLES.includes(viewer.role);
}

/**
 * The MOA part of changing a PPA, for a caller whose role the procedure already admitted: an admin changes any
 * MOA's PPAs, anyone else only their own MOA's. The public changes nothing.
 */
export function changesWithinMoa(viewer: Viewer, ppaMoaId: string): boolean {
  if (!isSignedIn(viewer)) return false;
  return viewer.role === 'admin' || (viewer.moaId !== null && viewer.moaId === ppaMoaId);
}

/** Creating and editing a PPA (and its tree, allocations and spending): an admin, or a planner of its MOA. */
export function canEditPpa(viewer: Viewer, ppaMoaId: string): boolean {
  return isSignedIn(viewer) && EDITOR_ROLES.includes(viewer.role) && changesWithinMoa(viewer, ppaMoaId);
}

/** The MOA a new PPA goes to when the form leaves it out: a planner's own. */
export function defaultMoaFor(viewer: Viewer): string | null {
  return isSignedIn(viewer) && viewer.role === 'planner' ? viewer.moaId : null;
}
