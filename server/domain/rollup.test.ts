import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distributeByWeight, distributeEqually } from './distribution';
import { parsePesos } from './money';
import { progressOfTree } from './progress';
import { progressOverview, rollUpTree, walkTree, type FlatWorkItem } from './rollup';
import { WORK_STATUSES } from './types';

const item = (id: string, parentId: string | null, allocated: string, ownActual = '0', extra: Partial<FlatWorkItem> = {}): FlatWorkItem => ({
  id,
  parentId,
  title: id,
  workType: parentId ? 'activity' : 'project',
  status: 'in_progress',
  progress: 0,
  allocated: parsePesos(allocated),
  ownActual: parsePesos(ownActual),
  sortOrder: 0,
  ...extra,
});

describe('allocation tree rollup', () => {
  const flat = [
    item('project', null, '5000000.00'),
    item('prep', 'project', '750000.00', '0', { sortOrder: 0 }),
    item('venue', 'prep', '300000.00', '342500.00', { sortOrder: 0, status: 'completed', workType: 'task' }),
    item('invites', 'prep', '450000.00', '180000.00', { sortOrder: 1, progress: 60, workType: 'task' }),
    item('exec', 'project', '3750000.00', '0', { sortOrder: 1 }),
    item('training', 'exec', '3750000.00', '1125000.00', { progress: 30, workType: 'task' }),
    item('completion', 'project', '500000.00', '0', { sortOrder: 2 }),
    item('report', 'completion', '500000.00', '0', { status: 'not_started', workType: 'task' }),
  ];

  it('keeps each item’s own allocation, rolls actual up, and derives the figures', () => {
    const [root] = rollUpTree(flat, 'budget_weighted');
    expect(root!.children.map((c) => c.item.id)).toEqual(['prep', 'exec', 'completion']);
    expect(root!.allocated).toBe(parsePesos('5000000.00'));
    expect(root!.childrenAllocated).toBe(parsePesos('5000000.00'));
    expect(root!.actual).toBe(parsePesos('1647500.00'));
    const prep = root!.children[0]!;
    expect(prep.actual).toBe(parsePesos('522500.00'));
    const venue = prep.children[0]!;
    expect(venue.variance).toBe(parsePesos('42500.00'));
    expect(venue.remaining).toBe(parsePesos('-42500.00'));
    expect(venue.variancePercent).toBe(14.17);
    expect(venue.utilisationPercent).toBe(114.17);
    expect(venue.budgetStatus).toBe('over_budget');
    expect(prep.children[1]!.budgetStatus).toBe('under_budget');
    expect(root!.children[2]!.budgetStatus).toBe('no_expenditure');
    expect([...walkTree([root!])].map((n) => [n.item.id, n.progress])).toEqual([
      ['project', 34],
      ['prep', 76],
      ['venue', 100],
      ['invites', 60],
      ['exec', 30],
      ['training', 30],
      ['completion', 0],
      ['report', 0],
    ]);
  });

  it('rolls obligations up apart from actual, which counts disbursements only, and derives the rates per item', () => {
    const withObligations = flat.map((i) =>
      i.id === 'venue' ? { ...i, ownObligations: parsePesos('350000.00') } : i.id === 'training' ? { ...i, ownObligations: parsePesos('3000000.00') } : i,
    );
    const [root] = rollUpTree(withObligations, 'budget_weighted');
    // Obligations never change actual: the figures of the tree without obligations stay as they were.
    expect(root!.actual).toBe(parsePesos('1647500.00'));
    expect(root!.obligations).toBe(parsePesos('3350000.00'));
    expect(root!.obligationRate).toBe(67);
    // 1,647,500 ÷ 3,350,000 = 49.1791… %
    expect(root!.disbursementRate).toBe(49.18);
    expect(root!.unobligated).toBe(parsePesos('1650000.00'));
    const venue = root!.children[0]!.children[0]!;
    expect([venue.obligations, venue.obligationRate, venue.disbursementRate, venue.unobligated]).toEqual([
      parsePesos('350000.00'),
      116.67,
      97.86,
      parsePesos('-50000.00'),
    ]);
    const report = root!.children[2]!.children[0]!;
    expect([report.obligations, report.obligationRate, report.disbursementRate, report.unobligated]).toEqual([0n, 0, null, parsePesos('500000.00')]);
  });

  it('gives an empty tree no root, and an item without allocation no percentages', () => {
    expect(rollUpTree([], 'budget_weighted')).toEqual([]);
    const [root] = rollUpTree([item('p', null, '0', '5.00')], 'count_based');
    expect(root!.utilisationPercent).toBeNull();
    expect(root!.variancePercent).toBeNull();
    expect(root!.obligationRate).toBeNull();
    expect(root!.disbursementRate).toBeNull();
  });

  it('rolls up any random tree: actual is the sum of all ledgers, children of a distribution sum exactly', () => {
    const arbitraryTree = fc
      .array(fc.tuple(fc.nat(), fc.bigInt({ min: 0n, max: 10n ** 9n }), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 60 })
      .map((rows) => {
        const items: FlatWorkItem[] = [item('n0', null, '0')];
        rows.forEach(([parentPick, spent], i) => {
          const parent = items[parentPick % items.length]!;
          items.push({ ...item(`n${i + 1}`, parent.id, '0'), ownActual: spent });
        });
        return items;
      });
    fc.assert(
      fc.property(arbitraryTree, fc.bigInt({ min: 0n, max: 10n ** 13n }), fc.boolean(), (items, budget, weighted) => {
        // Distribute the budget down the tree level by level, as planners would.
        const byParent = new Map<string, FlatWorkItem[]>();
        for (const i of items) if (i.parentId) byParent.set(i.parentId, [...(byParent.get(i.parentId) ?? []), i]);
        items[0]!.allocated = budget;
        for (const parent of items) {
          const children = byParent.get(parent.id) ?? [];
          if (children.length === 0) continue;
          const amounts = weighted
            ? distributeByWeight(
                parent.allocated,
                children.map((_, k) => BigInt(k + 1)),
              )
            : distributeEqually(parent.allocated, children.length);
          children.forEach((c, k) => (c.allocated = amounts[k]!));
        }
        const [root] = rollUpTree(items, 'budget_weighted');
        expect(root!.actual).toBe(items.reduce((sum, i) => sum + i.ownActual, 0n));
        expect(root!.obligations).toBe(0n);
        expect(root!.unobligated).toBe(root!.allocated);
        for (const node of walkTree([root!])) {
          if (node.children.length > 0) expect(node.childrenAllocated).toBe(node.allocated);
          expect(node.allocated >= 0n).toBe(true);
          expect(node.progress).toBeGreaterThanOrEqual(0);
          expect(node.progress).toBeLessThanOrEqual(100);
        }
        expect(rollUpTree(items, 'budget_weighted')).toEqual(rollUpTree(items, 'budget_weighted'));
      }),
    );
  });

  it('gives the sync’s lighter pass (progressOfTree) the same progress and status as the tree, in both modes, and a sync changes nothing twice', () => {
    const arbitraryTree = fc
      .array(fc.tuple(fc.nat(), fc.constantFrom(...WORK_STATUSES), fc.integer({ min: 0, max: 100 }), fc.bigInt({ min: 0n, max: 10n ** 6n })), {
        minLength: 1,
        maxLength: 40,
      })
      .map((rows) => {
        const items: FlatWorkItem[] = [item('n0', null, '0', '0', { status: 'not_started' })];
        rows.forEach(([parentPick, status, progress, allocated], i) => {
          const parent = items[parentPick % items.length]!;
          items.push({ ...item(`n${i + 1}`, parent.id, '0'), status, progress, allocated });
        });
        return items;
      });
    fc.assert(
      fc.property(arbitraryTree, fc.constantFrom('budget_weighted', 'count_based' as const), (items, mode) => {
        const lean = progressOfTree(items, mode);
        const nodes = [...walkTree(rollUpTree(items, mode))];
        for (const node of nodes) expect([node.progress, node.status]).toEqual([lean.get(node.item.id)!.progress, lean.get(node.item.id)!.status]);
        // Stored as synced, the tree computes the same again: a sync is settled after one run.
        const synced = items.map((i) => ({ ...i, progress: lean.get(i.id)!.progress, status: lean.get(i.id)!.status }));
        const again = progressOfTree(synced, mode);
        for (const i of synced) expect([again.get(i.id)!.progress, again.get(i.id)!.status]).toEqual([i.progress, i.status]);
      }),
    );
  });
});

describe('progress overview', () => {
  it('counts every work item under the project by status, at every depth, the project itself not counted', () => {
    const flat = [
      item('project', null, '100.00', '0', { status: 'in_progress' }),
      item('a', 'project', '50.00', '0', { status: 'at_risk' }),
      item('a1', 'a', '25.00', '0', { status: 'completed' }),
      item('a1x', 'a1', '25.00', '0', { status: 'blocked' }),
      item('a1y', 'a1', '0.00', '0', { status: 'cancelled' }),
      item('b', 'project', '50.00', '0', { status: 'not_started' }),
      item('b1', 'b', '50.00', '0', { status: 'not_started' }),
    ];
    const [root] = rollUpTree(flat, 'budget_weighted');
    // At risk counts as in progress; cancelled counts only in the total.
    expect(progressOverview(root!)).toEqual({ total: 6, completed: 1, inProgress: 1, notStarted: 2, blocked: 1 });
    expect(progressOverview(rollUpTree([item('alone', null, '1.00')], 'budget_weighted')[0]!)).toEqual({
      total: 0,
      completed: 0,
      inProgress: 0,
      notStarted: 0,
      blocked: 0,
    });
  });
});
