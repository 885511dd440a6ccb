import type { Centavos } from './money';

/**
 * Splitting a parent's budget over its children, exact to the centavo. Children are given in sort order;
 * every split returns one amount per child and the amounts always sum exactly to `total`.
 */

export class DistributionError extends Error {}

/** Floor split; the leftover centavos go one each to the first children in sort order. */
export function distributeEqually(total: Centavos, childCount: number): Centavos[] {
  if (total < 0n) throw new DistributionError('The amount to distribute cannot be negative.');
  if (childCount < 1) throw new DistributionError('There are no child items to distribute the budget to.');
  const n = BigInt(childCount);
  const share = total / n;
  const leftover = total % n;
  return Array.from({ length: childCount }, (_, i) => share + (BigInt(i) < leftover ? 1n : 0n));
}

/**
 * Proportional split by non-negative integer weights (scale decimals up before calling), by the largest
 * remainder method: each child gets the floor of its exact share, then the leftover centavos go one each
 * to the largest remainders, ties to the earlier sort order.
 */
export function distributeByWeight(total: Centavos, weights: readonly bigint[]): Centavos[] {
  if (total < 0n) throw new DistributionError('The amount to distribute cannot be negative.');
  if (weights.length === 0) throw new DistributionError('There are no child items to distribute the budget to.');
  if (weights.some((w) => w < 0n)) throw new DistributionError('Weights cannot be negative.');
  const weightSum = weights.reduce((a, b) => a + b, 0n);
  if (weightSum === 0n) throw new DistributionError('At least one weight must be greater than zero.');

  const floors = weights.map((w) => (total * w) / weightSum);
  const remainders = weights.map((w, index) => ({ index, remainder: (total * w) % weightSum }));
  let leftover = total - floors.reduce((a, b) => a + b, 0n);
  remainders.sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of remainders) {
    if (leftover === 0n) break;
    floors[index]! += 1n;
    leftover -= 1n;
  }
  return floors;
}

/** A decimal weight such as "1.5" or "0.25" (up to 4 places, as stored) → an integer on a common scale. */
export function scaleWeight(weight: string): bigint {
  const match = /^(\d+)(?:\.(\d{1,4}))?$/.exec(weight.trim());
  if (!match) throw new DistributionError(`"${weight}" is not a valid weight; use a number such as 1 or 2.5.`);
  return BigInt(match[1]!) * 10_000n + BigInt((match[2] ?? '').padEnd(4, '0'));
}
