import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatManilaDateTime, formatManilaDayAndTime, formatPesosCompact, formatStoredPesos } from './format';

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

describe('compact pesos for charts', () => {
  it('shortens to K, M and B with a real minus sign before the peso sign', () => {
    expect(formatPesosCompact(-700_000)).toBe('\u2212₱700K');
    expect(formatPesosCompact(700_000)).toBe('₱700K');
    expect(formatPesosCompact(1_500_000)).toBe('₱1.5M');
    expect(formatPesosCompact(3_000_000)).toBe('₱3M');
    expect(formatPesosCompact(-2_250_000_000)).toBe('\u2212₱2.3B');
    expect(formatPesosCompact(950)).toBe('₱950');
    expect(formatPesosCompact(0)).toBe('₱0');
    expect(formatPesosCompact(-0.2)).toBe('₱0');
    expect(formatPesosCompact(-1)).not.toContain('-');
  });
});

describe('a moment with its Manila day', () => {
  it('gives the Manila date and 24-hour time, crossing midnight from UTC', () => {
    // 23:30 UTC on Nov 26 is 07:30 on Nov 27 in Manila.
    expect(formatManilaDayAndTime('2026-11-26T23:30:00Z')).toBe('Nov 27, 2026 at 07:30');
    expect(formatManilaDayAndTime('2026-06-15T03:05:00Z')).toBe('Jun 15, 2026 at 11:05');
    expect(formatManilaDayAndTime('2026-06-14T16:05:00Z')).toBe('Jun 15, 2026 at 00:05');
  });
});
