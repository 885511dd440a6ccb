import { describe, expect, it } from 'vitest';
import { overAllocationProblem, belowChildrenProblem, unallocatedOf } from './allocation';
import { budgetStatusOf, overspendingSeverity } from './budget-status';
import { allowedChildTypes, canBeChildOf, childTypeProblem, retypeOptions, retypeProblem } from './work-item-types';

describe('MFBM budget status codes', () => {
  it.each([
    [100_00n, 0n, 'no_expenditure'],
    [100_00n, 100_01n, 'over_budget'],
    [0n, 1n, 'over_budget'],
    [100_00n, 100_00n, 'on_budget'],
    [100_00n, 95_00n, 'on_budget'], // exactly 5% below
    [100_00n, 94_99n, 'within_tolerance'],
    [100_00n, 90_00n, 'within_tolerance'], // exactly 10% below
    [100_00n, 89_99n, 'under_budget'],
  ] as const)('allocated %s, actual %s → %s', (allocated, actual, status) => {
    expect(budgetStatusOf(allocated, actual)).toBe(status);
  });

  it('classifies overspending: over by more than 20% is critical, else high', () => {
    expect(overspendingSeverity(300_000_00n, 342_500_00n)).toBe('high');
    expect(overspendingSeverity(100_00n, 120_00n)).toBe('high'); // exactly 20%
    expect(overspendingSeverity(100_00n, 120_01n)).toBe('critical');
    expect(overspendingSeverity(0n, 1n)).toBe('critical');
    expect(overspendingSeverity(100_00n, 100_00n)).toBeNull();
  });
});

describe('allocation invariant', () => {
  it('lets children sum to at most the parent, and says by how much they exceed it', () => {
    expect(overAllocationProblem('Preparation', 750_000_00n, [300_000_00n, 450_000_00n])).toBeNull();
    expect(overAllocationProblem('Preparation', 750_000_00n, [300_000_00n, 450_000_01n])).toBe(
      'This would allocate ₱750,000.01 under "Preparation", which has only ₱750,000.00: ₱0.01 too much.',
    );
    expect(overAllocationProblem('P', 10n, [-1n])).toBe('Allocations cannot be negative.');
    expect(unallocatedOf(5_000_000_00n, [750_000_00n, 3_750_000_00n])).toBe(500_000_00n);
  });

  it('never lets an item drop below what its children hold', () => {
    expect(belowChildrenProblem('Preparation', 750_000_00n, 750_000_00n)).toBeNull();
    expect(belowChildrenProblem('Preparation', 700_000_00n, 750_000_00n)).toBe('"Preparation" cannot get ₱700,000.00: its own sub-items already hold ₱750,000.00.');
  });
});

describe('work item types', () => {
  it('only allows deeper children, at most six levels', () => {
    expect(canBeChildOf('activity', 'project')).toBe(true);
    expect(canBeChildOf('task', 'activity')).toBe(true);
    expect(canBeChildOf('activity', 'activity')).toBe(false);
    expect(canBeChildOf('project', 'sub_project')).toBe(false);
    expect(allowedChildTypes('project')).toEqual(['sub_project', 'activity', 'sub_activity', 'task', 'subtask']);
    expect(allowedChildTypes('subtask')).toEqual([]);
    expect(childTypeProblem('activity', 'task')).toBe('An activity cannot go under a task; choose subtask.');
    expect(childTypeProblem('task', 'subtask')).toBe('A subtask cannot have sub-items.');
  });

  it('lets an item change type only between its parent’s and its children’s', () => {
    expect(retypeOptions('project', ['task'])).toEqual(['sub_project', 'activity', 'sub_activity']);
    expect(retypeOptions('activity', [])).toEqual(['sub_activity', 'task', 'subtask']);
    expect(retypeOptions('sub_activity', ['subtask'])).toEqual(['task']);
    expect(retypeProblem('task', 'project', ['task'])).toBe(
      "This item can only be sub-project or activity or sub-activity: its type must be deeper than its parent's and shallower than its sub-items'.",
    );
    expect(retypeProblem('activity', 'project', ['task'])).toBeNull();
  });
});
