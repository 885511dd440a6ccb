import { afterEach, describe, expect, it, vi } from 'vitest';
import { manilaToday, manilaYear, nextManilaTime } from './schedule';

describe('Manila wall-clock schedule', () => {
  it('finds the next 02:00 in Manila (18:00 UTC the day before)', () => {
    expect(nextManilaTime(new Date('2026-11-25T10:00:00Z'), 2).toISOString()).toBe('2026-11-25T18:00:00.000Z');
    expect(nextManilaTime(new Date('2026-11-25T17:59:59Z'), 2).toISOString()).toBe('2026-11-25T18:00:00.000Z');
    // At 02:00 exactly the next run is tomorrow's.
    expect(nextManilaTime(new Date('2026-11-25T18:00:00Z'), 2).toISOString()).toBe('2026-11-26T18:00:00.000Z');
    // 07:00 on 1 January in Manila: the next 06:00 is on 2 January, across the year's end.
    expect(nextManilaTime(new Date('2026-12-31T23:00:00Z'), 6).toISOString()).toBe('2027-01-01T22:00:00.000Z');
  });
});

describe('today in Manila', () => {
  afterEach(() => void vi.useRealTimers());

  it('is the Manila day, not the UTC one: 07:30 on Nov 27 in Manila is still Nov 26 in UTC', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-11-26T23:30:00Z'));
    expect(new Date().toISOString().slice(0, 10)).toBe('2026-11-26');
    expect(manilaToday()).toBe('2026-11-27');
  });

  it('turns at Manila midnight (16:00 UTC), and the year with it', () => {
    expect(manilaToday(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(manilaToday(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(manilaYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(manilaYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
  });
});
