import type { NotificationKind } from '@/server/domain/types';

/** Each kind as the profile page's email switch says it: "Email me when …". */
export const EMAIL_SWITCH_LABELS: Record<NotificationKind, string> = {
  review_waiting: 'a PPA enters a review stage I decide',
  ppa_approved: 'my MOA’s PPA is approved',
  ppa_rejected: 'my MOA’s PPA is rejected',
  ppa_enacted: 'my MOA’s PPA is enacted',
  alert_raised: 'an alert is raised on a PPA I follow',
  budget_unlocked: 'an admin unlocks a PPA’s budget',
  daily_digest: 'it is 07:00 and PPAs wait on my decision (the daily digest)',
};

/** The bell's accessible name: what a screen reader says, and what tells the unread count without the badge. */
export function bellLabel(unread: number): string {
  return `Notifications, ${unread} unread`;
}

/** What the badge shows: the count, capped so it stays a badge. */
export function badgeText(unread: number): string | null {
  if (unread <= 0) return null;
  return unread > 99 ? '99+' : String(unread);
}

/** The first paragraph of a notification's body: what the list shows before the details. */
export function leadOf(body: string): string {
  return body.split('\n\n')[0] ?? '';
}
