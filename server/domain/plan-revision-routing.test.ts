import { describe, expect, it } from 'vitest';
import { checkModification, revisionClassShift, routeOfRequest } from './modifications';

const q = (...amounts: bigint[]) => amounts;
const threshold = 100_000_000n; // ₱1,000,000.00

describe('revisionClassShift', () => {
  const before = [
    { allotmentClass: 'PS' as const, obligations: q(100n, 100n, 100n, 100n) },
    { allotmentClass: 'MOOE' as const, obligations: q(50n, 50n, 0n, 0n) },
  ];

  it('is zero when targets only move between quarters of one class', () => {
    expect(
      revisionClassShift(before, [
        { allotmentClass: 'PS', obligations: q(400n, 0n, 0n, 0n) },
        { allotmentClass: 'MOOE', obligations: q(0n, 0n, 0n, 100n) },
      ]),
    ).toBe(0n);
  });

  it('counts what one class gains from another, once', () => {
    expect(
      revisionClassShift(before, [
        { allotmentClass: 'PS', obligations: q(100n, 100n, 100n, 70n) },
        { allotmentClass: 'MOOE', obligations: q(50n, 50n, 30n, 0n) },
      ]),
    ).toBe(30n);
  });

  it('counts a class the revision adds, and ignores the order of classes', () => {
    expect(
      revisionClassShift(before, [
        { allotmentClass: 'CO', obligations: q(0n, 25n, 0n, 0n) },
        { allotmentClass: 'MOOE', obligations: q(50n, 50n, 0n, 0n) },
        { allotmentClass: 'PS', obligations: q(100n, 100n, 100n, 75n) },
      ]),
    ).toBe(25n);
  });
});

describe('routeOfRequest (BAA No. 84, s. 49, as docs/domain-rules.md "Plan revisions" words it)', () => {
  const within = { fromClass: 'MOOE' as const, toClass: 'MOOE' as const, amount: 500_000_000n };
  const across = { fromClass: 'PS' as const, toClass: 'MOOE' as const, amount: 10_000_000n };

  it('a revision alone within each class goes to the MOA head, whatever its size', () => {
    expect(routeOfRequest([], 0n, threshold)).toEqual({ route: 'moa_head', needsExecutive: false, steps: ['moa_head'] });
  });

  it('a revision alone that moves targets across classes goes to MFBM', () => {
    expect(routeOfRequest([], 1n, threshold)).toEqual({ route: 'mfbm', needsExecutive: false, steps: ['mfbm_reviewer'] });
  });

  it('a revision moving more than the threshold across classes also needs the executive', () => {
    expect(routeOfRequest([], threshold + 1n, threshold)).toEqual({ route: 'mfbm', needsExecutive: true, steps: ['mfbm_reviewer', 'executive'] });
    expect(routeOfRequest([], threshold, threshold).needsExecutive).toBe(false);
  });

  it('lines within one class with a cross-class revision go to MFBM; the larger amount is weighed', () => {
    expect(routeOfRequest([within], 5n, threshold)).toEqual({ route: 'mfbm', needsExecutive: true, steps: ['mfbm_reviewer', 'executive'] });
    expect(routeOfRequest([{ ...within, amount: 10n }], 5n, threshold).needsExecutive).toBe(false);
  });

  it('a revision that mirrors its cross-class lines is counted once against the threshold', () => {
    const line = { ...across, amount: 60_000_000n };
    expect(routeOfRequest([line], 60_000_000n, threshold).needsExecutive).toBe(false);
  });

  it('without a revision it routes exactly as the lines do', () => {
    expect(routeOfRequest([within], null, threshold).route).toBe('moa_head');
    expect(routeOfRequest([across], null, threshold).route).toBe('mfbm');
  });
});

describe('a request with no lines', () => {
  const items = [{ id: 'root', parentId: null, title: 'Project', adjusted: 100n, obligations: 0n, appropriationClass: null, objectOfExpenditure: null }];

  it('stands when it carries a plan revision', () => {
    expect(checkModification({ items, lines: [], pendingOut: new Map(), carriesRevision: true }).problems).toEqual([]);
  });

  it('is refused when it carries nothing', () => {
    expect(checkModification({ items, lines: [], pendingOut: new Map() }).problems).toHaveLength(1);
  });
});
