import { formatStoredPesos } from '@/server/domain/money';

export { formatStoredPesos };

const manilaDate = new Intl.DateTimeFormat('en-PH', { timeZone: 'Asia/Manila', year: 'numeric', month: 'short', day: 'numeric' });
const manilaDateTime = new Intl.DateTimeFormat('en-PH', {
  timeZone: 'Asia/Manila',
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

/** A timestamp as a planner in BARMM reads it: Manila time. */
export function formatManilaDateTime(iso: string): string {
  return manilaDateTime.format(new Date(iso));
}

/** A calendar date (YYYY-MM-DD) as "Feb 1, 2026"; it is already a Manila day, so no shifting. */
export function formatCalendarDate(date: string | null): string {
  if (!date) return '—';
  return manilaDate.format(new Date(`${date}T00:00:00+08:00`));
}
