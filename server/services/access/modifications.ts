import { canEditPpa } from '../../domain/access';
import { decidesStep } from '../../domain/modifications';
import type { ModificationStatus, SignedInViewer, UserRole } from '../../domain/types';
import { AppError } from '../../errors';
import type { PpaRow } from './ppa-scope';

/**
 * Every access decision of modification requests, in one place. Seeing a request follows seeing its PPA
 * (ppa-scope.ts: a planner, viewer or moa_head sees their own MOA's only); these add who may act.
 */

/** Requests are written, submitted and withdrawn by the PPA's planners (and admins). */
export function mayRequest(viewer: SignedInViewer, ppa: Pick<PpaRow, 'moaId'>): boolean {
  return canEditPpa(viewer, ppa.moaId);
}

export function assertMayRequest(viewer: SignedInViewer, ppa: Pick<PpaRow, 'moaId'>): void {
  if (!mayRequest(viewer, ppa)) throw AppError.forbidden('Only planners of this PPA’s MOA or an admin can request a modification.');
}

/**
 * A step is decided by the role it waits on (the MOA head of the PPA's own MOA, MFBM's reviewer, the
 * executive) or an admin. The requester never decides their own request, even as an admin.
 */
export function mayDecide(
  viewer: SignedInViewer,
  ppa: Pick<PpaRow, 'moaId'>,
  request: { awaitingRole: UserRole | null; status: ModificationStatus; requestedById: string },
): boolean {
  if (request.status !== 'submitted' || request.requestedById === viewer.userId) return false;
  if (!decidesStep(viewer.role, request.awaitingRole)) return false;
  return viewer.role !== 'moa_head' || viewer.moaId === ppa.moaId;
}

export function assertMayDecide(viewer: SignedInViewer, ppa: Pick<PpaRow, 'moaId'>, request: Parameters<typeof mayDecide>[2]): void {
  if (mayDecide(viewer, ppa, request)) return;
  if (request.status !== 'submitted') throw AppError.conflict(`This request is ${request.status}; only a submitted request can be decided.`);
  if (request.requestedById === viewer.userId) throw AppError.forbidden('You cannot decide your own request.');
  throw AppError.forbidden(`This request waits on ${roleWords(request.awaitingRole)}.`);
}

function roleWords(role: UserRole | null): string {
  if (role === 'moa_head') return 'the head of the MOA';
  if (role === 'mfbm_reviewer') return 'an MFBM reviewer';
  if (role === 'executive') return 'the executive';
  return 'nobody';
}
