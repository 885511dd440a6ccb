import { describe, expect, it } from 'vitest';
import { PUBLIC_VIEWER, type SignedInViewer } from '../../domain/types';
import { AppError } from '../../errors';
import { assertCanCreatePpaFor, assertCanEditPpa, assertSignedIn, mayEditPpa } from '.';

const MSSD = 'moa-mssd';
const MAFAR = 'moa-mafar';
const as = (role: SignedInViewer['role'], moaId: string | null = null): SignedInViewer => ({ userId: 'u', role, moaId, name: 'Test' });

function refusal(check: () => void): AppError {
  try {
    check();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the access home’s asserts', () => {
  it('keeps a change within the editor’s MOA, in one wording, whatever skipped the procedure', () => {
    expect(() => assertCanEditPpa(as('planner', MSSD), { moaId: MSSD })).not.toThrow();
    expect(() => assertCanEditPpa(as('admin'), { moaId: MAFAR })).not.toThrow();
    expect(refusal(() => assertCanEditPpa(as('planner', MSSD), { moaId: MAFAR }))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only planners of this PPA’s MOA or an admin can change it.',
    });
    expect(refusal(() => assertCanEditPpa(PUBLIC_VIEWER, { moaId: MSSD })).code).toBe('FORBIDDEN');
    expect(refusal(() => assertCanCreatePpaFor(as('planner', MAFAR), { id: MSSD, code: 'MSSD' })).message).toBe(
      'Only MSSD planners or an admin can create MSSD PPAs.',
    );
  });

  it('offers editing (the canEdit flags) to editor roles of the MOA only', () => {
    expect(mayEditPpa(as('planner', MSSD), { moaId: MSSD })).toBe(true);
    expect(mayEditPpa(as('viewer', MSSD), { moaId: MSSD })).toBe(false);
    expect(mayEditPpa(as('mfbm_reviewer'), { moaId: MSSD })).toBe(false);
    expect(mayEditPpa(PUBLIC_VIEWER, { moaId: MSSD })).toBe(false);
  });

  it('refuses the public viewer where a use case acts as a person', () => {
    expect(() => assertSignedIn(as('viewer', MSSD))).not.toThrow();
    expect(refusal(() => assertSignedIn(PUBLIC_VIEWER))).toMatchObject({ code: 'UNAUTHORIZED', message: 'Sign in to continue.' });
  });
});
