import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainsOf, checkModification, decidesStep, decisionOutcome, effectiveClass, routeOf, routeWords, type ModItem } from './modifications';

const item = (id: string, parentId: string | null, adjusted: bigint, extra: Partial<ModItem> = {}): ModItem => ({
  id,
  parentId,
  title: id,
  adjusted,
  obligations: 0n,
  appropriationClass: null,
  objectOfExpenditure: null,
  ...extra,
});

// The Livelihood mock-up in centavos: Preparation (Venue, Invitations), Execution (Training), Completion (M&E).
const livelihood = [
  item('project', null, 500_000_000n),
  item('prep', 'project', 75_000_000n),
  item('venue', 'prep', 30_000_000n, { obligations: 10_000_000n }),
  item('invites', 'prep', 45_000_000n),
  item('exec', 'project', 375_000_000n),
  item('training', 'exec', 375_000_000n),
  item('done', 'project', 50_000_000n),
  item('me', 'done', 50_000_000n),
];
const none = new Map<string, bigint>();

describe('checkModification', () => {
  it('moves money across branches by posting on both chains below the common ancestor', () => {
    const check = checkModification({
      items: livelihood,
      lines: [{ fromWorkItemId: 'venue', toWorkItemId: 'training', amount: 5_000_000n }],
      pendingOut: none,
    });
    expect(check.problems).toEqual([]);
    expect(check.postings.map((p) => [p.workItemId, p.amountIn, p.amountOut])).toEqual([
      ['venue', 0n, 5_000_000n],
      ['prep', 0n, 5_000_000n],
      ['training', 5_000_000n, 0n],
      ['exec', 5_000_000n, 0n],
    ]);
    expect(check.totalAfter).toBe(check.totalBefore);
    expect(check.changes.find((c) => c.workItemId === 'venue')).toEqual({
      workItemId: 'venue',
      title: 'venue',
      before: 30_000_000n,
      after: 25_000_000n,
      available: 20_000_000n,
    });
  });

  it('between siblings posts on the two items only', () => {
    const check = checkModification({ items: livelihood, lines: [{ fromWorkItemId: 'invites', toWorkItemId: 'venue', amount: 100n }], pendingOut: none });
    expect(check.postings.map((p) => p.workItemId)).toEqual(['invites', 'venue']);
  });

  it('refuses more than the unobligated balance less other pending requests', () => {
    const pending = new Map([['venue', 15_000_000n]]);
    const check = checkModification({ items: livelihood, lines: [{ fromWorkItemId: 'venue', toWorkItemId: 'me', amount: 5_000_001n }], pendingOut: pending });
    expect(check.problems).toEqual([
      {
        line: 0,
        message:
          '“venue” can give at most ₱50,000.00 (its unobligated balance, less what other pending requests move out of it); this request moves ₱50,000.01.',
      },
    ]);
    expect(
      checkModification({ items: livelihood, lines: [{ fromWorkItemId: 'venue', toWorkItemId: 'me', amount: 5_000_000n }], pendingOut: pending }).problems,
    ).toEqual([]);
  });

  it('adds up several lines out of one source', () => {
    const lines = [
      { fromWorkItemId: 'venue', toWorkItemId: 'me', amount: 15_000_000n },
      { fromWorkItemId: 'venue', toWorkItemId: 'training', amount: 5_000_001n },
    ];
    expect(checkModification({ items: livelihood, lines, pendingOut: none }).problems.map((p) => p.line)).toEqual([0]);
  });

  it('refuses items outside the PPA, one item twice, a parent and its own child, no lines and zero amounts', () => {
    const refused = (fromWorkItemId: string, toWorkItemId: string, amount = 100n) =>
      checkModification({ items: livelihood, lines: [{ fromWorkItemId, toWorkItemId, amount }], pendingOut: none }).problems[0]?.message;
    expect(refused('venue', 'elsewhere')).toBe('Line 1: both items must be work items of this PPA.');
    expect(refused('venue', 'venue')).toBe('Line 1: choose two different items.');
    expect(refused('prep', 'venue')).toMatch(/are in one branch/);
    expect(refused('venue', 'project')).toMatch(/are in one branch/);
    expect(refused('venue', 'me', 0n)).toBe('Line 1: enter an amount above ₱0.00.');
    expect(checkModification({ items: livelihood, lines: [], pendingOut: none }).problems[0]?.message).toMatch(/Add at least one line/);
  });

  it('refuses a move that would leave a parent over-allocated (a parent whose own remainder is given away)', () => {
    // The parent gives from its own unallocated part? It cannot: its children already hold all of it.
    const items = [item('project', null, 1000n), item('a', 'project', 500n), item('a1', 'a', 500n), item('b', 'project', 500n)];
    const check = checkModification({ items, lines: [{ fromWorkItemId: 'a', toWorkItemId: 'b', amount: 100n }], pendingOut: none });
    expect(check.problems).toEqual([{ line: null, message: '“a” would hold ₱4.00 but its items ₱5.00: no parent may be over-allocated.' }]);
  });
});

describe('random requests (property)', () => {
  // A random tree of up to 12 items, each child holding part of its parent, and random lines between them.
  const trees = fc
    .array(fc.record({ parent: fc.nat(), share: fc.integer({ min: 0, max: 100 }), obligated: fc.integer({ min: 0, max: 100 }) }), {
      minLength: 1,
      maxLength: 12,
    })
    .map((specs) => {
      const items: ModItem[] = [item('n0', null, 10_000_000n)];
      const free = new Map<string, bigint>([['n0', 10_000_000n]]);
      specs.forEach((spec, i) => {
        const parent = items[spec.parent % items.length]!;
        const amount = (free.get(parent.id)! * BigInt(spec.share)) / 100n;
        free.set(parent.id, free.get(parent.id)! - amount);
        const id = `n${i + 1}`;
        items.push(item(id, parent.id, amount, { obligations: (amount * BigInt(spec.obligated)) / 100n }));
        free.set(id, amount);
      });
      return items;
    });
  const requests = trees.chain((items) =>
    fc.tuple(
      fc.constant(items),
      fc.array(fc.record({ from: fc.nat(), to: fc.nat(), amount: fc.bigInt({ min: 1n, max: 5_000_000n }) }), { minLength: 1, maxLength: 4 }),
    ),
  );

  it('an accepted request never changes the PPA’s total, never over-allocates a parent, and nets to zero', () => {
    fc.assert(
      fc.property(requests, ([items, raw]) => {
        const lines = raw.map((l) => ({ fromWorkItemId: items[l.from % items.length]!.id, toWorkItemId: items[l.to % items.length]!.id, amount: l.amount }));
        const check = checkModification({ items, lines, pendingOut: none });
        if (check.problems.length > 0) return;
        const after = new Map(items.map((i) => [i.id, i.adjusted]));
        for (const p of check.postings) after.set(p.workItemId, after.get(p.workItemId)! + p.amountIn - p.amountOut);
        expect(after.get('n0')).toBe(items[0]!.adjusted);
        const sums = new Map<string, bigint>();
        for (const i of items) if (i.parentId) sums.set(i.parentId, (sums.get(i.parentId) ?? 0n) + after.get(i.id)!);
        for (const [parent, sum] of sums) expect(sum <= after.get(parent)!).toBe(true);
        for (const i of items) expect(after.get(i.id)! >= 0n).toBe(true);
        // Nothing is ever posted on the project itself: the total is never touched.
        expect(check.postings.some((p) => p.workItemId === 'n0')).toBe(false);
        // Every source keeps its obligations covered.
        for (const l of lines) {
          const source = items.find((i) => i.id === l.fromWorkItemId)!;
          expect(after.get(source.id)! >= source.obligations).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('each line’s chains are disjoint and never include the common ancestor', () => {
    fc.assert(
      fc.property(requests, ([items, raw]) => {
        const byId = new Map(items.map((i) => [i.id, i]));
        for (const l of raw) {
          const chains = chainsOf({ fromWorkItemId: items[l.from % items.length]!.id, toWorkItemId: items[l.to % items.length]!.id }, byId);
          if (!chains) continue;
          expect(chains.out.some((id) => chains.in.includes(id))).toBe(false);
          expect(chains.out).not.toContain('n0');
        }
      }),
    );
  });
});

describe('routing', () => {
  const threshold = 100_000_000n; // ₱1,000,000.00
  it('within one class goes to the MOA head, whatever the amount', () => {
    expect(routeOf([{ fromClass: 'MOOE', toClass: 'MOOE', amount: 900_000_000n }], threshold)).toEqual({
      route: 'moa_head',
      needsExecutive: false,
      steps: ['moa_head'],
    });
    expect(routeOf([{ fromClass: null, toClass: null, amount: 1n }], threshold).route).toBe('moa_head');
  });
  it('any line crossing classes goes to MFBM; above the threshold the executive decides after the reviewer', () => {
    const lines = [
      { fromClass: 'MOOE' as const, toClass: 'MOOE' as const, amount: 1n },
      { fromClass: 'MOOE' as const, toClass: 'CO' as const, amount: threshold - 1n },
    ];
    expect(routeOf(lines, threshold)).toEqual({ route: 'mfbm', needsExecutive: false, steps: ['mfbm_reviewer'] });
    expect(routeOf([{ fromClass: 'PS', toClass: 'FE', amount: threshold + 1n }], threshold)).toEqual({
      route: 'mfbm',
      needsExecutive: true,
      steps: ['mfbm_reviewer', 'executive'],
    });
    expect(routeOf([{ fromClass: 'PS', toClass: 'FE', amount: threshold }], threshold).needsExecutive).toBe(false);
  });
  it('says the route in words', () => {
    expect(routeWords({ route: 'moa_head', needsExecutive: false }, 'MSSD')).toBe('Within one appropriation class: decided by the head of MSSD.');
    expect(routeWords({ route: 'mfbm', needsExecutive: false }, 'MSSD')).toBe('Across appropriation classes: decided by MFBM.');
    expect(routeWords({ route: 'mfbm', needsExecutive: true }, 'MSSD')).toMatch(/then the executive/);
  });
  it('takes an item’s class from itself, its ancestors, or the PPA', () => {
    const items = [item('p', null, 0n), item('a', 'p', 0n, { appropriationClass: 'CO' }), item('a1', 'a', 0n), item('b', 'p', 0n)];
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(effectiveClass('a1', byId, 'MOOE')).toBe('CO');
    expect(effectiveClass('b', byId, 'MOOE')).toBe('MOOE');
    expect(effectiveClass('b', byId, null)).toBeNull();
  });
});

describe('decisions', () => {
  it('the reviewer endorses a large cross-class request to the executive; any other approval applies it', () => {
    expect(decisionOutcome('approve', 'mfbm_reviewer', true)).toEqual({ status: 'submitted', awaiting: 'executive', action: 'endorse', applies: false });
    expect(decisionOutcome('approve', 'mfbm_reviewer', false)).toMatchObject({ status: 'approved', applies: true });
    expect(decisionOutcome('approve', 'executive', true)).toMatchObject({ status: 'approved', applies: true });
    expect(decisionOutcome('approve', 'moa_head', false)).toMatchObject({ status: 'approved', applies: true });
    expect(decisionOutcome('reject', 'moa_head', false)).toMatchObject({ status: 'rejected', applies: false });
    expect(decisionOutcome('return', 'executive', true)).toMatchObject({ status: 'returned', applies: false });
  });
  it('only the awaited role or an admin decides a step', () => {
    expect(decidesStep('moa_head', 'moa_head')).toBe(true);
    expect(decidesStep('admin', 'executive')).toBe(true);
    expect(decidesStep('mfbm_reviewer', 'moa_head')).toBe(false);
    expect(decidesStep('executive', 'mfbm_reviewer')).toBe(false);
    expect(decidesStep('planner', 'moa_head')).toBe(false);
    expect(decidesStep('admin', null)).toBe(false);
  });
});
