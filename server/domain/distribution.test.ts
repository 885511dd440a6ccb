import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { distributeByWeight, distributeEqually, DistributionError, scaleWeight } from './distribution';

const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);

describe('equal distribution', () => {
  it('gives leftover centavos to the first children in sort order', () => {
    expect(distributeEqually(100n, 3)).toEqual([34n, 33n, 33n]);
    expect(distributeEqually(500_000_000n, 3)).toEqual([166_666_667n, 166_666_667n, 166_666_666n]);
  });

  it('always sums exactly to the amount, never negative, within one centavo of the exact share, extras first', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 1, max: 200 }), (total, n) => {
        const parts = distributeEqually(total, n);
        expect(parts).toHaveLength(n);
        expect(sum(parts)).toBe(total);
        expect(parts.every((p) => p >= 0n)).toBe(true);
        const max = parts.reduce((a, b) => (a > b ? a : b));
        const min = parts.reduce((a, b) => (a < b ? a : b));
        expect(max - min <= 1n).toBe(true);
        // Each share is the exact share rounded down or up by one centavo, the extra centavos on the first children.
        parts.forEach((p) => expect(p === total / BigInt(n) || p === total / BigInt(n) + 1n).toBe(true));
        parts.forEach((p, i) => i > 0 && expect(p <= parts[i - 1]!).toBe(true));
        expect(distributeEqually(total, n)).toEqual(parts);
      }),
    );
  });

  it('refuses no children and negative amounts', () => {
    expect(() => distributeEqually(100n, 0)).toThrow(DistributionError);
    expect(() => distributeEqually(-1n, 2)).toThrow(DistributionError);
  });
});

describe('weighted distribution (largest remainder)', () => {
  it('splits the roadmap template exactly', () => {
    expect(distributeByWeight(500_000_000n, [15n, 75n, 10n])).toEqual([75_000_000n, 375_000_000n, 50_000_000n]);
  });

  it('gives leftovers to the largest remainders, ties to the earlier child', () => {
    expect(distributeByWeight(10n, [1n, 1n, 1n])).toEqual([4n, 3n, 3n]);
    expect(distributeByWeight(100n, [1n, 2n])).toEqual([33n, 67n]);
    expect(distributeByWeight(7n, [0n, 1n, 1n])).toEqual([0n, 4n, 3n]);
  });

  it('always sums exactly, never negative, deterministic, zero weight gets nothing, proportional to the centavo by the remainder rule', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 15n }),
        fc.array(fc.bigInt({ min: 0n, max: 1_000_000n }), { minLength: 1, maxLength: 50 }).filter((ws) => ws.some((w) => w > 0n)),
        (total, weights) => {
          const parts = distributeByWeight(total, weights);
          expect(sum(parts)).toBe(total);
          expect(parts.every((p) => p >= 0n)).toBe(true);
          weights.forEach((w, i) => {
            if (w === 0n) expect(parts[i]).toBe(0n);
          });
          expect(distributeByWeight(total, weights)).toEqual(parts);
          // Proportional: each share is its exact share total × w ÷ Σw rounded down, or up by one centavo.
          const weightSum = sum(weights);
          const exactFloor = weights.map((w) => (total * w) / weightSum);
          const remainder = weights.map((w) => (total * w) % weightSum);
          const roundedUp = parts.map((p, i) => p - exactFloor[i]!);
          expect(roundedUp.every((extra) => extra === 0n || extra === 1n)).toBe(true);
          // Within one centavo of the exact proportion: |share × Σw − total × w| < Σw.
          parts.forEach((p, i) => {
            const off = p * weightSum - total * weights[i]!;
            expect(off > -weightSum && off < weightSum).toBe(true);
          });
          // The remainder rule: a child rounded up never has a smaller remainder than one rounded down,
          // and on equal remainders the earlier child is the one rounded up.
          roundedUp.forEach((upI, i) =>
            roundedUp.forEach((upJ, j) => {
              if (upI === 1n && upJ === 0n) expect(remainder[i]! > remainder[j]! || (remainder[i] === remainder[j] && i < j)).toBe(true);
            }),
          );
        },
      ),
    );
  });

  it('refuses all-zero or negative weights', () => {
    expect(() => distributeByWeight(100n, [0n, 0n])).toThrow('At least one weight must be greater than zero.');
    expect(() => distributeByWeight(100n, [1n, -1n])).toThrow('Weights cannot be negative.');
    expect(() => distributeByWeight(100n, [])).toThrow(DistributionError);
    expect(() => distributeByWeight(-5n, [1n])).toThrow(DistributionError);
  });

  it('reads decimal weights onto one integer scale', () => {
    expect(scaleWeight('1')).toBe(10_000n);
    expect(scaleWeight('2.5')).toBe(25_000n);
    expect(scaleWeight('0.0001')).toBe(1n);
    expect(() => scaleWeight('-1')).toThrow(DistributionError);
    expect(() => scaleWeight('1.23456')).toThrow(DistributionError);
  });
});
