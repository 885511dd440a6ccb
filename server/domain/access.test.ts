import { describe, expect, it } from 'vitest';
import { canEditPpa, changesWithinMoa, defaultMoaFor, EDITOR_ROLES, seesAllMoas } from './access';
import { budgetAllocationProblem } from './ppa-budget';
import { PUBLIC_VIEWER, type SignedInViewer } from './types';

const MSSD = 'moa-mssd';
const MAFAR = 'moa-mafar';
const as = (role: SignedInViewer['role'], moaId: string | null = null): SignedInViewer => ({ userId: 'u', role, moaId, name: 'Test' });

describe('who sees and edits which PPA', () => {
  it('lets admins, MFBM reviewers and executives see every MOA', () => {
    for (const role of ['admin', 'mfbm_reviewer', 'executive'] as const) {
      expect(seesAllMoas(as(role))).toBe(true);
    }
  });

  it('limits planners and viewers to their own MOA (the SQL of services/access/ applies it)', () => {
    expect(seesAllMoas(as('planner', MSSD))).toBe(false);
    expect(seesAllMoas(as('viewer', MSSD))).toBe(false);
  });

  it('lets only admins and planners of the MOA edit', () => {
    expect(canEditPpa(as('admin'), MAFAR)).toBe(true);
    expect(canEditPpa(as('planner', MSSD), MSSD)).toBe(true);
    expect(canEditPpa(as('planner', MSSD), MAFAR)).toBe(false);
    expect(canEditPpa(as('viewer', MSSD), MSSD)).toBe(false);
    expect(canEditPpa(as('mfbm_reviewer'), MSSD)).toBe(false);
    expect(canEditPpa(as('executive'), MSSD)).toBe(false);
  });

  it('keeps the MOA part of a change apart from the role part (editorProcedure admits the roles)', () => {
    expect(EDITOR_ROLES).toEqual(['planner', 'admin']);
    expect(changesWithinMoa(as('admin'), MAFAR)).toBe(true);
    expect(changesWithinMoa(as('planner', MSSD), MSSD)).toBe(true);
    expect(changesWithinMoa(as('planner', MSSD), MAFAR)).toBe(false);
    expect(changesWithinMoa(as('planner'), MSSD)).toBe(false);
  });

  it('lets the public viewer see no MOA, change nothing and own no MOA', () => {
    expect(seesAllMoas(PUBLIC_VIEWER)).toBe(false);
    expect(changesWithinMoa(PUBLIC_VIEWER, MSSD)).toBe(false);
    expect(canEditPpa(PUBLIC_VIEWER, MSSD)).toBe(false);
    expect(defaultMoaFor(PUBLIC_VIEWER)).toBeNull();
  });

  it('puts a planner’s new PPA in their own MOA', () => {
    expect(defaultMoaFor(as('planner', MSSD))).toBe(MSSD);
    expect(defaultMoaFor(as('admin'))).toBeNull();
  });
});

describe('budget allocation within the ceiling', () => {
  it('accepts an allocation up to the ceiling and refuses more or negatives', () => {
    expect(budgetAllocationProblem(100n, 100n)).toBeNull();
    expect(budgetAllocationProblem(null, 100n)).toBeNull();
    expect(budgetAllocationProblem(100n, 101n)).toBe('The budget allocation cannot be more than the budget ceiling.');
    expect(budgetAllocationProblem(-1n, null)).toBe('The budget ceiling cannot be negative.');
    expect(budgetAllocationProblem(null, -1n)).toBe('The budget allocation cannot be negative.');
  });
});
