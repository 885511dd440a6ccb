import { isSignedIn, type SignedInViewer, type Viewer } from '../../domain/types';
import { AppError } from '../../errors';

/**
 * A use case that acts as a person (writes in their name, reads their own notifications or tokens) refuses the
 * public viewer here, before it reads anything: the same 401 a signed-out request gets from a procedure.
 */
export function assertSignedIn(viewer: Viewer): asserts viewer is SignedInViewer {
  if (!isSignedIn(viewer)) throw new AppError('UNAUTHORIZED', 'Sign in to continue.');
}
