import { describe, expect, it } from 'vitest';
import { belowChildrenProblem, overAllocationProblem, projectOverPpaProblem } from './allocation';

describe('allocation invariant', () => {
  it('lets children sum to at most the parent, and says by how much they exceed it', () => {
    expect(overAllocationProblem('Preparation', 750_000_00n, [300_000_00n, 450_000_00n])).toBeNull();
    expect(overAllocationProblem('Preparation', 750_000_00n, [300_000_00n, 450_000_01n])).toBe(
      'This would allocate ₱750,000.01 under "Preparation", which has only ₱750,000.00: ₱0.01 too much.',
    );
    expect(overAllocationProblem('P', 10n, [-1n])).toBe('Allocations cannot be negative.');
  });

  it('never lets an item drop below what its children hold', () => {
    expect(belowChildrenProblem('Preparation', 750_000_00n, 750_000_00n)).toBeNull();
    expect(belowChildrenProblem('Preparation', 700_000_00n, 750_000_00n)).toBe(
      '"Preparation" cannot get ₱700,000.00: its own sub-items already hold ₱750,000.00.',
    );
  });
});

describe('the project against the PPA', () => {
  it('may hold up to the PPA’s allocation, not a centavo more', () => {
    expect(projectOverPpaProblem(5_000_000_00n, 5_000_000_00n)).toBeNull();
    expect(projectOverPpaProblem(5_000_000_01n, 5_000_000_00n)).toBe(
      'The execution project cannot hold more than the PPA’s budget allocation of ₱5,000,000.00.',
    );
  });
});
