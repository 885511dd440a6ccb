import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centavosOf, formatPesos, formatStoredPesos, InvalidPesoAmountError, isPesoAmount, parsePesos, percentOf, toPesoString } from './money';

describe('parsePesos', () => {
  it.each([
    ['4500000.00', 450_000_000n],
    ['4500000', 450_000_000n],
    ['4,500,000.5', 450_000_050n],
    ['₱1,234,567.89', 123_456_789n],
    [' 0.01 ', 1n],
    ['-12.30', -1_230n],
  ])('reads %s as %s centavos', (input, expected) => {
    expect(parsePesos(input)).toBe(expected);
  });

  it.each(['', 'abc', '1.234', '1,23,456', '1e6', '12.', '.5', '10000000000000000.00'])('refuses %j', (input) => {
    expect(() => parsePesos(input)).toThrow(InvalidPesoAmountError);
    expect(isPesoAmount(input)).toBe(false);
  });

  it('round-trips every amount through its stored form', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 17n), max: 10n ** 17n }), (centavos) => {
        expect(parsePesos(toPesoString(centavos))).toBe(centavos);
        expect(parsePesos(formatPesos(centavos).replace('-₱', '-'))).toBe(centavos);
      }),
    );
  });
});

describe('formatting', () => {
  it('formats pesos the way planners read them', () => {
    expect(formatPesos(123_456_789n)).toBe('₱1,234,567.89');
    expect(formatPesos(5n)).toBe('₱0.05');
    expect(formatPesos(-4_250_000n)).toBe('-₱42,500.00');
    expect(toPesoString(450_000_000n)).toBe('4500000.00');
    expect(formatStoredPesos('5000000.00')).toBe('₱5,000,000.00');
    expect(formatStoredPesos(null)).toBe('—');
    expect(centavosOf(null)).toBe(0n);
  });

  it('computes percentages exactly, rounded half up', () => {
    expect(percentOf(75n, 100n)).toBe(75);
    expect(percentOf(1n, 3n, 2)).toBe(33.33);
    expect(percentOf(2n, 3n, 2)).toBe(66.67);
    expect(percentOf(1n, 8n)).toBe(13); // 12.5 rounds up
    expect(percentOf(-4_250_000n, 30_000_000n, 2)).toBe(-14.17);
    expect(percentOf(5n, 0n)).toBeNull();
  });
});
