import type { UserRole, Viewer } from './types';

/** Roles that read every MOA's PPAs; planners and viewers see their own MOA's only. */
const CROSS_MOA_ROLES: readonly UserRole[] = ['admin', 'mfbm_reviewer', 'executive'];

export function seesAllMoas(viewer: Viewer): boolean {
  return CROSS_MOA_ROLES.includes(viewer.role);
}

/** Creating and editing a PPA (and its tree, allocations and spending): an admin, or a planner of its MOA. */
export function canEditPpa(viewer: Viewer, ppaMoaId: string): boolean {
  if (viewer.role === 'admin') return true;
  return viewer.role === 'planner' && viewer.moaId !== null && viewer.moaId === ppaMoaId;
}

/** The MOA a new PPA goes to when the form leaves it out: a planner's own. */
export function defaultMoaFor(viewer: Viewer): string | null {
  return viewer.role === 'planner' ? viewer.moaId : null;
}
