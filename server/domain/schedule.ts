/** Asia/Manila is UTC+8 all year (no daylight saving), so its wall clock is a fixed offset. */
const MANILA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The next moment strictly after `now` when the clock in Manila reads `hour`:00. */
export function nextManilaTime(now: Date, hour: number): Date {
  const manila = new Date(now.getTime() + MANILA_OFFSET_MS);
  const candidate = Date.UTC(manila.getUTCFullYear(), manila.getUTCMonth(), manila.getUTCDate(), hour) - MANILA_OFFSET_MS;
  return new Date(candidate > now.getTime() ? candidate : candidate + 24 * 60 * 60 * 1000);
}

/** The calendar day in Manila (YYYY-MM-DD) of a moment. */
export function manilaDay(moment: Date): string {
  return new Date(moment.getTime() + MANILA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Today's date in Manila (YYYY-MM-DD), the default for every date a planner enters and the "today" of every
 * rule. Not the UTC day: from 00:00 to 07:59 in Manila, UTC is still on the day before.
 */
export function manilaToday(now: Date = new Date()): string {
  return manilaDay(now);
}

/** The calendar year in Manila now (a new PPA's fiscal year defaults to the next one). */
export function manilaYear(now: Date = new Date()): number {
  return Number(manilaDay(now).slice(0, 4));
}
