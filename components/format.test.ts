import { describe, expect, it } from 'vitest';
import { parsePesos } from '@/server/domain/money';
import { formatCalendarDate, formatManilaDateTime, formatManilaDayAndTime, formatPesosCompact, formatShare, formatStoredPesos } from './format';

describe('format', () => {
  it('formats stored pesos with the ₱ sign and thousands separators; absent reads as a dash', () => {
    expect(formatStoredPesos('4500000.00')).toBe('₱4,500,000.00');
    expect(formatStoredPesos('0.5')).toBe('₱0.50');
    expect(formatStoredPesos('-1234.5')).toBe('-₱1,234.50');
    expect(formatStoredPesos(null)).toBe('—');
    expect(formatStoredPesos(undefined)).toBe('—');
  });

  it('shows a timestamp in Manila time (UTC+8), crossing midnight when it does, in the one style of every page', () => {
    expect(formatManilaDateTime('2026-01-31T17:30:00Z')).toBe('Feb 1, 2026 at 01:30');
    expect(formatManilaDateTime('2026-06-15T03:05:00Z')).toBe('Jun 15, 2026 at 11:05');
    // The PPA page's "Budget locked …" and its lock panel's "Locked on …" read alike: no "03:17 AM" beside "at 03:17".
    expect(formatManilaDateTime('2026-11-26T19:17:00Z')).toBe(formatManilaDayAndTime('2026-11-26T19:17:00Z'));
    expect(formatManilaDateTime('2026-11-26T19:17:00Z')).not.toMatch(/AM|PM/);
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

describe('an item’s share of its parent', () => {
  it('has one decimal, so a ₱1,000,000.00 move on ₱435,904,366.00 shows', () => {
    const whole = parsePesos('435904366.00');
    expect(formatShare(parsePesos('87180873.20'), whole)).toBe('20.0%');
    expect(formatShare(parsePesos('88180873.20'), whole)).toBe('20.2%');
    expect(formatShare(parsePesos('1000000.00'), whole)).toBe('0.2%');
    expect(formatShare(parsePesos('750000.00'), parsePesos('1000000.00'))).toBe('75.0%');
    expect(formatShare(parsePesos('1.00'), parsePesos('3.00'))).toBe('33.3%');
    expect(formatShare(0n, 0n)).toBeNull();
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
