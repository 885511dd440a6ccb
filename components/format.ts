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

/** A minus sign, not a hyphen: "−₱700K" reads as a negative amount, "₱-700K" as a typo. */
const MINUS = '\u2212';

/**
 * A peso figure (a number of pesos, as charts hold them) in few characters for a chart axis or label:
 * "₱1.5M", "₱700K", "₱950", "−₱700K". Exact amounts are formatPesos's job; this only has to read at a glance.
 */
export function formatPesosCompact(pesos: number): string {
  const sign = pesos < 0 ? MINUS : '';
  const size = Math.abs(pesos);
  const trim = (n: number, digits: number) => n.toFixed(digits).replace(/\.0+$/, '');
  const body = size >= 1_000_000_000 ? `${trim(size / 1_000_000_000, 1)}B` : size >= 1_000_000 ? `${trim(size / 1_000_000, 1)}M` : size >= 1_000 ? `${trim(size / 1_000, 0)}K` : trim(size, 0);
  return body === '0' ? '₱0' : `${sign}₱${body}`;
}

const manilaTimeOfDay = new Intl.DateTimeFormat('en-PH', { timeZone: 'Asia/Manila', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** "Nov 27, 2026 at 07:30": a moment with its Manila day, for "saved at" lines that may be read days later. */
export function formatManilaDayAndTime(iso: string): string {
  const moment = new Date(iso);
  return `${manilaDate.format(moment)} at ${manilaTimeOfDay.format(moment)}`;
}
