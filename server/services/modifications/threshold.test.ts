import { describe, expect, it } from 'vitest';
import { DEFAULT_EXECUTIVE_THRESHOLD, executiveThreshold } from './threshold';

describe('MODIFICATION_EXECUTIVE_THRESHOLD', () => {
  it('defaults to ₱1,000,000.00 and reads pesos exactly', () => {
    expect(executiveThreshold({})).toBe(DEFAULT_EXECUTIVE_THRESHOLD);
    expect(DEFAULT_EXECUTIVE_THRESHOLD).toBe(100_000_000n);
    expect(executiveThreshold({ MODIFICATION_EXECUTIVE_THRESHOLD: ' 2,500,000.50 ' })).toBe(250_000_050n);
    expect(executiveThreshold({ MODIFICATION_EXECUTIVE_THRESHOLD: '' })).toBe(DEFAULT_EXECUTIVE_THRESHOLD);
  });
  it('refuses a value that is not an amount, saying which setting and what it got', () => {
    expect(() => executiveThreshold({ MODIFICATION_EXECUTIVE_THRESHOLD: 'one million' })).toThrow(
      'MODIFICATION_EXECUTIVE_THRESHOLD must be an amount in pesos, like 1000000.00 (got "one million").',
    );
    expect(() => executiveThreshold({ MODIFICATION_EXECUTIVE_THRESHOLD: '-5' })).toThrow(/must be an amount in pesos/);
  });
});
