import { manilaMomentText } from '@/server/domain/manila-time';
import { percentOf, type Centavos, formatStoredPesos } from '@/server/domain/money';

export { formatStoredPesos };

const manilaDate = new Intl.DateTimeFormat('en-PH', { timeZone: 'Asia/Manila', year: 'numeric', month: 'short', day: 'numeric' });

/** A timestamp as a planner in BARMM reads it: "Nov 27, 2026 at 07:30", Manila time (the one style of every page). */
export function formatManilaDateTime(iso: string): string {
  return manilaMomentText(new Date(iso));
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
  const body =
    size >= 1_000_000_000
      ? `${trim(size / 1_000_000_000, 1)}B`
      : size >= 1_000_000
        ? `${trim(size / 1_000_000, 1)}M`
        : size >= 1_000
          ? `${trim(size / 1_000, 0)}K`
          : trim(size, 0);
  return body === '0' ? '₱0' : `${sign}₱${body}`;
}

/** "Nov 27, 2026 at 07:30": a moment with its Manila day, for "saved at" lines that may be read days later. */
export function formatManilaDayAndTime(iso: string): string {
  return formatManilaDateTime(iso);
}

/**
 * An item's share of its parent, with one decimal ("0.2%", "75.0%"): a whole percent would hide a ₱1,000,000.00
 * move on ₱435,904,366.00. Null when the parent holds nothing.
 */
export function formatShare(part: Centavos, whole: Centavos): string | null {
  const share = percentOf(part, whole, 1);
  return share === null ? null : `${share.toFixed(1)}%`;
}
