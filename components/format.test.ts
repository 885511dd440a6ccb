import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatManilaDateTime, formatStoredPesos } from './format';

describe('format', () => {
  it('formats stored pesos with the ₱ sign and thousands separators; absent reads as a dash', () => {
    expect(formatStoredPesos('4500000.00')).toBe('₱4,500,000.00');
    expect(formatStoredPesos('0.5')).toBe('₱0.50');
    expect(formatStoredPesos('-1234.5')).toBe('-₱1,234.50');
    expect(formatStoredPesos(null)).toBe('—');
    expect(formatStoredPesos(undefined)).toBe('—');
  });

  it('shows a timestamp in Manila time (UTC+8), crossing midnight when it does', () => {
    const text = formatManilaDateTime('2026-01-31T17:30:00Z');
    expect(text).toContain('Feb 1, 2026');
    expect(text).toMatch(/01:30/);
    expect(formatManilaDateTime('2026-06-15T03:05:00Z')).toMatch(/Jun 15, 2026.*11:05/);
  });

  it('shows a calendar date as that Manila day, without shifting it', () => {
    expect(formatCalendarDate('2026-02-01')).toBe('Feb 1, 2026');
    expect(formatCalendarDate('2026-12-31')).toBe('Dec 31, 2026');
    expect(formatCalendarDate(null)).toBe('—');
    expect(formatCalendarDate('')).toBe('—');
  });
});
