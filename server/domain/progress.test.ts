import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  combineProgress,
  PPA_STATUS_FOR_PROJECT_STATUS,
  progressOf,
  settleStatusAndProgress,
  statusForProgress,
  type ProgressNode,
  type ProgressResult,
} from './progress';
import { WORK_STATUSES, type WorkStatus } from './types';

const leaf = (status: WorkStatus, progress: number, allocated = 0n): ProgressNode => ({ status, progress, allocated, children: [] });
const parent = (children: ProgressNode[], allocated = 0n, status: WorkStatus = 'in_progress'): ProgressNode => ({ status, progress: 0, allocated, children });

describe('budget-weighted progress', () => {
  it('weights children by their allocation (the seeded Livelihood Training tree gives 34%)', () => {
    const preparation = parent([leaf('completed', 0, 300_000_00n), leaf('in_progress', 60, 450_000_00n)], 750_000_00n);
    const execution = parent([leaf('in_progress', 30, 3_750_000_00n)], 3_750_000_00n);
    const completion = parent([leaf('not_started', 0, 500_000_00n)], 500_000_00n);
    expect(progressOf(preparation, 'budget_weighted')).toBe(76);
    expect(progressOf(parent([preparation, execution, completion], 5_000_000_00n), 'budget_weighted')).toBe(34);
  });

  it('falls back to the plain average where the children have no allocation', () => {
    expect(progressOf(parent([leaf('in_progress', 50), leaf('not_started', 0), leaf('completed', 10)]), 'budget_weighted')).toBe(50);
  });

  it('leaves cancelled children out and rounds half up', () => {
    expect(progressOf(parent([leaf('in_progress', 50, 1n), leaf('cancelled', 0, 99n)]), 'budget_weighted')).toBe(50);
    expect(progressOf(parent([leaf('in_progress', 0), leaf('in_progress', 1)]), 'budget_weighted')).toBe(1); // 0.5 → 1
    expect(progressOf(parent([leaf('in_progress', 10), leaf('in_progress', 20), leaf('in_progress', 20)]), 'budget_weighted')).toBe(17); // 16.67
  });

  it('uses an item’s own progress when all its children are cancelled', () => {
    expect(progressOf({ ...parent([leaf('cancelled', 90)]), progress: 40 }, 'budget_weighted')).toBe(40);
  });
});

describe('count-based progress (OBCMS)', () => {
  it('is completed descendants over all descendants', () => {
    const tree = parent([parent([leaf('completed', 0), leaf('completed', 0)], 0n, 'completed'), leaf('not_started', 0), leaf('cancelled', 0)]);
    // Descendants counted: the completed sub-parent, its two leaves, the not-started leaf = 4; completed: 3.
    expect(progressOf(tree, 'count_based')).toBe(75);
  });

  it('does not count a parent marked completed while one of its children is still open', () => {
    const tree = parent([parent([leaf('completed', 0), leaf('in_progress', 90)], 0n, 'completed'), leaf('not_started', 0), leaf('cancelled', 0)]);
    // The sub-parent is half done, so it is in progress: completed are 1 of 4.
    expect(progressOf(tree, 'count_based')).toBe(25);
  });
});

describe('status follows progress', () => {
  it('starts an item not started that has progress, and reopens a completed one below 100%', () => {
    expect(statusForProgress('not_started', 1)).toBe('in_progress');
    expect(statusForProgress('not_started', 0)).toBe('not_started');
    expect(statusForProgress('completed', 99)).toBe('in_progress');
    expect(statusForProgress('completed', 100)).toBe('completed');
    expect(statusForProgress('in_progress', 0)).toBe('in_progress');
    expect(statusForProgress('in_progress', 100)).toBe('in_progress');
  });

  it('leaves at risk, blocked and cancelled as a person set them, whatever the progress', () => {
    for (const status of ['at_risk', 'blocked', 'cancelled'] as const) {
      for (const progress of [0, 40, 100]) expect(statusForProgress(status, progress)).toBe(status);
    }
  });

  it('gives a parent the status its children’s progress leaves it (the "Not started · 40%" of the tree)', () => {
    const child = (status: WorkStatus, progress: number): ProgressResult => ({ status, progress, allocated: 100n, descendants: 0n, completedDescendants: 0n });
    const own = (status: WorkStatus) => ({ status, progress: 0, allocated: 200n });
    expect(combineProgress(own('not_started'), [child('in_progress', 80), child('not_started', 0)], 'budget_weighted')).toMatchObject({
      status: 'in_progress',
      progress: 40,
    });
    expect(combineProgress(own('completed'), [child('completed', 100), child('not_started', 0)], 'budget_weighted')).toMatchObject({
      status: 'in_progress',
      progress: 50,
    });
    expect(combineProgress(own('completed'), [child('completed', 100), child('completed', 100)], 'budget_weighted')).toMatchObject({
      status: 'completed',
      progress: 100,
    });
    expect(combineProgress(own('blocked'), [child('in_progress', 80)], 'budget_weighted')).toMatchObject({ status: 'blocked', progress: 80 });
    // A leaf: completed counts as 100%; progress moves a leaf that was not started.
    expect(combineProgress({ status: 'completed', progress: 30, allocated: 0n }, [], 'count_based')).toMatchObject({ status: 'completed', progress: 100 });
    expect(combineProgress({ status: 'not_started', progress: 30, allocated: 0n }, [], 'count_based')).toMatchObject({ status: 'in_progress', progress: 30 });
  });

  it('settles a person’s edit by the field they changed', () => {
    const notStarted = { status: 'not_started' as const, progress: 0 };
    const done = { status: 'completed' as const, progress: 100 };
    const halfway = { status: 'in_progress' as const, progress: 50 };
    // Progress typed in: the status follows (the dialog sends the status unchanged beside it).
    expect(settleStatusAndProgress(notStarted, { status: 'not_started', progress: 40 })).toEqual({ status: 'in_progress', progress: 40 });
    expect(settleStatusAndProgress(done, { progress: 60 })).toEqual({ status: 'in_progress', progress: 60 });
    expect(settleStatusAndProgress(done, { status: 'completed', progress: 0 })).toEqual({ status: 'in_progress', progress: 0 });
    // Status chosen: the progress follows where the status says how far the item is.
    expect(settleStatusAndProgress(halfway, { status: 'completed' })).toEqual({ status: 'completed', progress: 100 });
    expect(settleStatusAndProgress(halfway, { status: 'completed', progress: 70 })).toEqual({ status: 'completed', progress: 100 });
    expect(settleStatusAndProgress(halfway, { status: 'not_started', progress: 50 })).toEqual({ status: 'not_started', progress: 0 });
    expect(settleStatusAndProgress(done, { status: 'in_progress' })).toEqual({ status: 'in_progress', progress: 100 });
    expect(settleStatusAndProgress(halfway, { status: 'blocked', progress: 70 })).toEqual({ status: 'blocked', progress: 70 });
    // Nothing of the two changed (a title edit): a stale pair is put right as a leaf's would be.
    expect(settleStatusAndProgress({ status: 'not_started', progress: 20 }, {})).toEqual({ status: 'in_progress', progress: 20 });
    expect(settleStatusAndProgress({ status: 'completed', progress: 20 }, { status: 'completed', progress: 20 })).toEqual({
      status: 'completed',
      progress: 100,
    });
  });

  it('never leaves a contradiction: not started is 0%, completed is 100%', () => {
    const status = fc.constantFrom(...WORK_STATUSES);
    const progress = fc.integer({ min: 0, max: 100 });
    fc.assert(
      fc.property(status, progress, fc.option(status, { nil: undefined }), fc.option(progress, { nil: undefined }), (s, p, newStatus, newProgress) => {
        const settled = settleStatusAndProgress({ status: s, progress: p }, { status: newStatus, progress: newProgress });
        if (settled.status === 'not_started') expect(settled.progress).toBe(0);
        if (settled.status === 'completed') expect(settled.progress).toBe(100);
        if (newStatus !== undefined && newStatus !== s && newStatus !== 'completed' && newStatus !== 'not_started') expect(settled.status).toBe(newStatus);
      }),
    );
  });
});

describe('status mapping', () => {
  it('maps the project’s status to the PPA’s as docs/domain-rules.md lists', () => {
    expect(PPA_STATUS_FOR_PROJECT_STATUS).toEqual({
      not_started: 'planning',
      in_progress: 'ongoing',
      at_risk: 'ongoing',
      blocked: 'on_hold',
      completed: 'completed',
      cancelled: 'cancelled',
    });
  });
});

describe('progress properties', () => {
  const node: fc.Memo<ProgressNode> = fc.memo((depth) =>
    fc.record({
      status: fc.constantFrom(...WORK_STATUSES),
      progress: fc.integer({ min: 0, max: 100 }),
      allocated: fc.bigInt({ min: 0n, max: 10n ** 12n }),
      children: depth <= 1 ? fc.constant([]) : fc.array(node(depth - 1), { maxLength: 4 }),
    }),
  );

  it('always stays a whole number within 0–100, in both modes', () => {
    fc.assert(
      fc.property(node(5), (tree) => {
        for (const mode of ['budget_weighted', 'count_based'] as const) {
          const p = progressOf(tree, mode);
          expect(Number.isInteger(p)).toBe(true);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(100);
        }
      }),
    );
  });

  it('is 100 when every counted leaf is completed', () => {
    fc.assert(
      fc.property(fc.array(fc.bigInt({ min: 0n, max: 10n ** 9n }), { minLength: 1, maxLength: 8 }), (amounts) => {
        const tree = parent(amounts.map((a) => leaf('completed', 0, a)));
        expect(progressOf(tree, 'budget_weighted')).toBe(100);
        expect(progressOf(tree, 'count_based')).toBe(100);
      }),
    );
  });
});
