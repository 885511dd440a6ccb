import { describe, expect, it } from 'vitest';
import { expenditureDateProblem } from './expenditure-dates';

describe('expenditure dates', () => {
  it('accepts today and any day back to 1 January of the year before the fiscal year', () => {
    expect(expenditureDateProblem('2026-11-27', 2026, '2026-11-27')).toBeNull();
    expect(expenditureDateProblem('2025-01-01', 2026, '2026-11-27')).toBeNull();
  });

  it('refuses a day after today in Manila, naming today', () => {
    expect(expenditureDateProblem('2026-11-28', 2026, '2026-11-27')).toBe('The date cannot be after today (2026-11-27, Manila time).');
  });

  it('refuses a day before the year before the fiscal year, naming the earliest day', () => {
    expect(expenditureDateProblem('2024-12-31', 2026, '2026-11-27')).toMatch(/before 2025-01-01: this PPA is for fiscal year 2026/);
    expect(expenditureDateProblem('0000-01-01', 2026, '2026-11-27')).not.toBeNull();
  });
});
