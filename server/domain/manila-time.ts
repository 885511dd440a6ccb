/**
 * A moment as a planner in BARMM reads it, everywhere (pages, history, exports): its Manila day and 24-hour
 * Manila time, "Nov 27, 2026 at 07:30". One style, so a page never shows "at 03:17" beside "03:17 AM".
 */
const manilaDate = new Intl.DateTimeFormat('en-PH', { timeZone: 'Asia/Manila', year: 'numeric', month: 'short', day: 'numeric' });
const manilaTimeOfDay = new Intl.DateTimeFormat('en-PH', { timeZone: 'Asia/Manila', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export function manilaMomentText(moment: Date): string {
  return `${manilaDate.format(moment)} at ${manilaTimeOfDay.format(moment)}`;
}

/** A stored moment (an ISO timestamp with its offset, as JSON keeps one); plain dates and other text are not. */
export function isTimestampText(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(text) && !Number.isNaN(Date.parse(text));
}
