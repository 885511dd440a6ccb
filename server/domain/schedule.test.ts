import { describe, expect, it } from 'vitest';
import { nextManilaTime } from './schedule';

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
