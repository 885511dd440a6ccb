import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PPA_STATUS_FOR_PROJECT_STATUS, progressOf, type ProgressNode } from './progress';
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
    const tree = parent([parent([leaf('completed', 0), leaf('in_progress', 90)], 0n, 'completed'), leaf('not_started', 0), leaf('cancelled', 0)]);
    // Descendants counted: the completed sub-parent, its two leaves, the not-started leaf = 4; completed: 2.
    expect(progressOf(tree, 'count_based')).toBe(50);
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
